// Imports from real spreadsheets (import.hpp): what Excel and WPS write - a byte order mark, CRLF, quoted
// cells with commas and line breaks, trailing empty rows, Chinese or reordered headers, TRUE and 是,
// 建议 and 提案, co-signers split on full-width separators - is read; what is wrong is refused naming
// the file, line and column, and text that is not UTF-8 names its likely encoding and the fix.
#include <caseflow/import.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace cf = caseflow;

namespace {

std::vector<cf::import_record> csv_ok(std::string_view text) {
  auto r = cf::read_import(text, cf::import_format::csv, "items.csv");
  EXPECT_TRUE(r) << (r ? "" : r.error().message);
  return r ? *r : std::vector<cf::import_record>{};
}

cf::error csv_refused(std::string_view text) {
  auto r = cf::read_import(text, cf::import_format::csv, "items.csv");
  EXPECT_FALSE(r) << "accepted: " << text;
  return r ? cf::error{} : r.error();
}

const cf::case_info &info(const cf::import_record &r) { return std::get<cf::case_info>(r.what); }

} // namespace

TEST(import_csv, reads_what_excel_writes) {
  // A byte order mark, CRLF, a quoted title with a comma, a quote and a line break, then empty rows.
  const auto records =
      csv_ok("\xEF\xBB\xBF"
             "case,kind,category,title,lead_proposer,co_signers,key_item,leader_supervised\r\n"
             "16-2/0581,deputy_suggestion,城建交通,\"关于元江路的建议, 一期 \"\"急\"\"\r\n续\",代表甲,代表乙;代表丙,TRUE,\r\n"
             "14-2/0033,cppcc_proposal,教科文卫体,关于精卫中心的提案,委员甲,,0,1\r\n"
             ",,,,,,,\r\n,,,,,,,\r\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].line, 2u);
  EXPECT_EQ(records[1].line, 4u) << "the quoted line break counts as a line";
  EXPECT_EQ(info(records[0]).title, "关于元江路的建议, 一期 \"急\"\n续") << "the cell's line break, as a line break";
  EXPECT_EQ(info(records[0]).proposers.co_signers, (std::vector<std::string>{"代表乙", "代表丙"}));
  EXPECT_TRUE(info(records[0]).key_item);
  EXPECT_FALSE(info(records[0]).leader_supervised);
  EXPECT_EQ(info(records[1]).kind, cf::case_kind::cppcc_proposal);
  EXPECT_TRUE(info(records[1]).leader_supervised);
}

TEST(import_csv, takes_chinese_headers_in_any_order_and_chinese_values) {
  const auto records = csv_ok("标题,案号,领衔人,类型,类别,附议人,重点,领导督办\n"
                              "关于公交的建议,16-2/0001,代表甲,建议,城建交通,代表乙，代表丙、代表丁；代表戊,是,否\n"
                              "关于养老的提案,16-2/0002,委员甲,提案,社会事务,,否,是\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(info(records[0]).id.to_string(), "16-2/0001");
  EXPECT_EQ(info(records[0]).kind, cf::case_kind::deputy_suggestion);
  EXPECT_EQ(info(records[0]).proposers.co_signers, (std::vector<std::string>{"代表乙", "代表丙", "代表丁", "代表戊"}))
      << "full-width separators split co-signers too";
  EXPECT_TRUE(info(records[0]).key_item);
  EXPECT_EQ(info(records[1]).kind, cf::case_kind::cppcc_proposal);
  EXPECT_TRUE(info(records[1]).leader_supervised);
  // The optional columns may be left out.
  EXPECT_EQ(csv_ok("case,kind,category,title,lead_proposer\n16-2/0003,提案,社会事务,t,委员乙\n").size(), 1u);
}

TEST(import_csv, refuses_what_is_wrong_naming_file_line_and_column) {
  const std::string header = "case,kind,category,title,lead_proposer,co_signers,key_item,leader_supervised\n";
  struct bad_case {
    std::string text;
    std::string message;
  };
  const bad_case cases[] = {
      {header + "16-2/0001,议案,城建交通,t,甲,,,\n",
       "items.csv:2: column 'kind': '议案' is not a kind (deputy_suggestion or 建议, cppcc_proposal or 提案)"},
      {header + "16-2/0001,建议,城建交通,t,甲,,maybe,\n",
       "items.csv:2: column 'key_item': 'maybe' is not true or false (true/false, 1/0, 是/否)"},
      {header + "16-2/0001,建议,城建交通,t,甲\n", "items.csv:2: 5 cells where the header has 8 columns"},
      {"case,kind,category,title,proposer\n", "items.csv:1: column 5: unknown column 'proposer'"},
      {"case,kind,category,title\n", "items.csv:1: the header has no column 'lead_proposer' (领衔人)"},
      {"case,案号,kind,category,title,lead_proposer\n", "items.csv:1: column 2: 'case' is given twice"},
      {header + "16-2/0001,建议,城建交通,\"not closed,甲,,,\n", "items.csv:2: not CSV here"},
      {header, "items.csv: holds no registrations after its header (an empty file?): nothing was imported"},
      {"", "items.csv: holds no registrations after its header"},
  };
  for (const auto &c : cases) {
    const auto e = csv_refused(c.text);
    EXPECT_EQ(e.message.rfind(c.message, 0), 0u) << "got: " << e.message << "\nexpected: " << c.message;
  }
}

TEST(import_csv, text_that_is_not_utf8_names_the_encoding_and_the_fix_without_repeating_the_bytes) {
  // "城建交通" in GBK.
  const std::string gbk =
      "case,kind,category,title,lead_proposer\n16-2/0001,deputy_suggestion,\xB3\xC7\xBD\xA8\xBD\xBB\xCD\xA8,t,a\n";
  const auto e = csv_refused(gbk);
  EXPECT_EQ(e.code, cf::errc::parse_error);
  EXPECT_NE(e.message.find("items.csv:2: the text is not valid UTF-8"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("it looks like GBK"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("iconv -f GBK -t UTF-8"), std::string::npos) << e.message;
  EXPECT_EQ(e.message.find("\xB3\xC7"), std::string::npos) << "raw bytes were repeated";
  const auto utf16 = csv_refused(std::string("\xFF\xFE"
                                             "c\0a\0",
                                             6));
  EXPECT_NE(utf16.message.find("UTF-16"), std::string::npos) << utf16.message;
}

TEST(import_jsonl, reads_registrations_and_events_and_refuses_bad_lines) {
  auto r = cf::read_import(
      "{\"case\":\"16-2/0581\",\"kind\":\"deputy_suggestion\",\"category\":\"城建交通\",\"title\":\"t\","
      "\"proposers\":{\"lead\":\"a\"}}\r\n\n"
      "{\"case\":\"16-2/0581\",\"type\":\"register_case\",\"by\":\"office\",\"at\":\"2024-01-20T09:00:00+08:00\"}\n",
      cf::import_format::jsonl, "in.jsonl");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[1].line, 3u);
  auto bad = cf::read_import("{\"case\":\"16-2/0581\",\"type\":\"register_case\"}\n[1]\n", cf::import_format::jsonl, "in.jsonl");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message.rfind("in.jsonl:1: field", 0), 0u) << bad.error().message;
}

TEST(import_files, the_format_comes_from_the_name_and_a_directory_or_empty_file_is_refused) {
  EXPECT_EQ(cf::import_format_of("ITEMS.CSV").value(), cf::import_format::csv);
  EXPECT_EQ(cf::import_format_of("a.jsonl").value(), cf::import_format::jsonl);
  EXPECT_EQ(cf::import_format_of("a.xlsx").error().code, cf::errc::invalid_argument);
  const auto dir = std::filesystem::temp_directory_path() / fmt::format("caseflow_import_{}.csv", ::getpid());
  std::filesystem::create_directories(dir);
  auto d = cf::read_import_file(dir);
  ASSERT_FALSE(d);
  EXPECT_NE(d.error().message.find("is a directory"), std::string::npos) << d.error().message;
  std::filesystem::remove(dir);
  std::ofstream(dir.string()) << "";
  auto empty = cf::read_import_file(dir);
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().message.find(dir.string() + ": holds no registrations"), std::string::npos) << empty.error().message;
  std::filesystem::remove(dir);
}
