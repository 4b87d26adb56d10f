#include <caseflow/policy.hpp>
#include <caseflow/policy_json.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace cf = caseflow;
using json = nlohmann::ordered_json;

namespace {

std::filesystem::path policy_dir() { return std::filesystem::path(CASEFLOW_TEST_DATA_DIR) / "policies"; }

std::string read_text(const std::filesystem::path &file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const cf::deadline_policy &shanghai() {
  static const cf::deadline_policy p = cf::load_policy(policy_dir() / "shanghai-municipal.json").value();
  return p;
}

const cf::deadline_policy &national() {
  static const cf::deadline_policy p = cf::load_policy(policy_dir() / "national-four-class.json").value();
  return p;
}

cf::period per(const char *text) { return cf::period::parse(text).value(); }

// One clock of a preset, as DOMAIN.md states it.
struct clock_row {
  cf::clock_kind kind;
  const char *length;
  std::vector<int> workdays_before;
  std::vector<int> elapsed_percent;
};

void expect_clocks(const cf::deadline_policy &p, const std::vector<clock_row> &rows) {
  ASSERT_EQ(rows.size(), cf::clock_kind_count);
  for (const auto &row : rows) {
    SCOPED_TRACE(std::string(cf::to_string(row.kind)));
    EXPECT_EQ(p.rule(row.kind).length, per(row.length));
    EXPECT_EQ(p.rule(row.kind).warnings.workdays_before, row.workdays_before);
    EXPECT_EQ(p.rule(row.kind).warnings.elapsed_percent, row.elapsed_percent);
  }
}

} // namespace

// --- the bundled presets ------------------------------------------------------------------------

TEST(policy_presets, shanghai_municipal_carries_the_domain_defaults) {
  const auto &p = shanghai();
  EXPECT_EQ(p.name, "shanghai-municipal");
  using k = cf::clock_kind;
  // clang-format off
  expect_clocks(p, {
      {k::return_request,                "5wd",  {3},     {}},
      {k::co_handler_opinion,            "1m",   {10, 3}, {}},
      {k::reply,                         "3m",   {10, 3}, {}},
      {k::feedback,                      "1m",   {10, 3}, {}},
      {k::rehandling_reply,              "1m",   {10, 3}, {}},
      {k::publication_decision,          "20wd", {10, 3}, {}},
      {k::escalation_office,             "5wd",  {3},     {}},
      {k::escalation_supervising_leader, "10wd", {3},     {}},
      {k::escalation_principal_leader,   "10wd", {3},     {}},
      {k::progress_report,               "10wd", {3},     {}},
  });
  // clang-format on
  EXPECT_EQ(p.extension_cap, per("6m"));
  EXPECT_TRUE(p.extension_reason_required);
  EXPECT_EQ(p.results, cf::result_scheme::three_class);
  EXPECT_TRUE(p.leader_consultation_required);
  EXPECT_TRUE(p.leader_consultation_when_still_dissatisfied);
  EXPECT_EQ(p.rehandling, cf::rehandling_cycle::new_cycle);
  for (const auto t : cf::all_escalation_triggers)
    EXPECT_TRUE(p.escalates_on(t)) << cf::to_string(t);
  EXPECT_EQ(p.child_margin, per("5wd"));
  EXPECT_NE(p.description.find("the rules set no window for the principal leader (level 3), 10wd is this preset's choice"),
            std::string::npos);
}

TEST(policy_presets, national_four_class_is_the_variant_seen_elsewhere) {
  const auto &p = national();
  EXPECT_EQ(p.name, "national-four-class");
  using k = cf::clock_kind;
  // clang-format off
  expect_clocks(p, {
      {k::return_request,                "10wd", {3},     {}},
      {k::co_handler_opinion,            "2m",   {10, 3}, {}},
      {k::reply,                         "3m",   {10, 3}, {50, 75}},
      {k::feedback,                      "1m",   {10, 3}, {}},
      {k::rehandling_reply,              "3m",   {10, 3}, {}},
      {k::publication_decision,          "20wd", {10, 3}, {}},
      {k::escalation_office,             "5wd",  {3},     {}},
      {k::escalation_supervising_leader, "10wd", {3},     {}},
      {k::escalation_principal_leader,   "10wd", {3},     {}},
      {k::progress_report,               "10wd", {3},     {}},
  });
  // clang-format on
  EXPECT_EQ(p.results, cf::result_scheme::four_class);
  EXPECT_FALSE(p.leader_consultation_required);
  EXPECT_FALSE(p.leader_consultation_when_still_dissatisfied);
  EXPECT_EQ(p.extension_cap, per("6m"));
  EXPECT_EQ(p.rehandling, cf::rehandling_cycle::new_cycle);
}

TEST(policy_presets, every_bundled_preset_loads_and_is_named_after_its_file) {
  std::set<std::string> names;
  for (const auto &entry : std::filesystem::directory_iterator(policy_dir())) {
    if (entry.path().extension() != ".json") continue;
    const auto p = cf::load_policy(entry.path());
    ASSERT_TRUE(p) << p.error().message;
    EXPECT_EQ(p->name, entry.path().stem().string());
    names.insert(p->name);
  }
  EXPECT_EQ(names, (std::set<std::string>{"national-four-class", "shanghai-municipal"}));
  EXPECT_EQ(cf::policy_preset_file("shanghai-municipal"), cf::default_policy_file);
}

// --- writing and reading back ---------------------------------------------------------------------

TEST(policy_json, round_trips_the_presets_and_a_policy_built_in_code) {
  cf::deadline_policy custom = shanghai();
  custom.name = "custom";
  custom.description = "上海市 \"quoted\" / back\\slash";
  custom.clocks[static_cast<std::size_t>(cf::clock_kind::reply)].warnings = {{3, 20, 10}, {75, 25}};
  custom.clocks[static_cast<std::size_t>(cf::clock_kind::feedback)].length = per("30d");
  custom.results = cf::result_scheme::four_class;
  custom.rehandling = cf::rehandling_cycle::continue_cycle;
  custom.leader_consultation_required = false;
  custom.extension_reason_required = false;
  custom.escalate_on[static_cast<std::size_t>(cf::escalation_trigger::dispute)] = false;
  custom.child_margin = per("3d");
  for (const cf::deadline_policy *p : {&shanghai(), &national(), static_cast<const cf::deadline_policy *>(&custom)}) {
    SCOPED_TRACE(p->name);
    const auto back = cf::parse_policy(cf::to_json_text(*p), "round-trip.json");
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(*back, *p);
    const auto again = cf::policy_from_json(cf::to_json(*p), "round-trip.json");
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(*again, *p);
  }
}

TEST(policy_json, writes_the_file_format_in_its_documented_order) {
  // The effective policy is the preset file itself, key for key.
  for (const char *file : {"shanghai-municipal.json", "national-four-class.json"}) {
    SCOPED_TRACE(file);
    const auto p = cf::load_policy(policy_dir() / file).value();
    EXPECT_EQ(nlohmann::json::parse(cf::to_json_text(p)), nlohmann::json::parse(read_text(policy_dir() / file)));
  }
  std::vector<std::string> keys;
  const json written = cf::to_json(shanghai());
  for (const auto &[key, value] : written.items())
    keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"format", "name", "description", "clocks", "extension", "result_scheme",
                                            "leader_consultation_required", "leader_consultation_when_still_dissatisfied",
                                            "rehandling", "escalate_on", "linkage"}));
  EXPECT_EQ(cf::to_json_text(shanghai()).substr(0, 17), "{\n  \"format\": 1,\n");
}

// --- names ----------------------------------------------------------------------------------------

TEST(policy_names, every_enum_name_parses_back) {
  std::set<std::string_view> seen;
  for (const auto k : cf::all_clock_kinds) {
    EXPECT_EQ(cf::parse_clock_kind(cf::to_string(k)).value(), k);
    seen.insert(cf::to_string(k));
  }
  EXPECT_EQ(seen.size(), cf::clock_kind_count);
  seen.clear();
  for (const auto t : cf::all_escalation_triggers) {
    EXPECT_EQ(cf::parse_escalation_trigger(cf::to_string(t)).value(), t);
    seen.insert(cf::to_string(t));
  }
  EXPECT_EQ(seen.size(), cf::escalation_trigger_count);
  for (const auto s : {cf::result_scheme::three_class, cf::result_scheme::four_class})
    EXPECT_EQ(cf::parse_result_scheme(cf::to_string(s)).value(), s);
  for (const auto c : {cf::rehandling_cycle::new_cycle, cf::rehandling_cycle::continue_cycle})
    EXPECT_EQ(cf::parse_rehandling_cycle(cf::to_string(c)).value(), c);
  EXPECT_EQ(cf::to_string(cf::clock_kind::reply), "reply");
  EXPECT_EQ(cf::to_string(cf::escalation_trigger::reply_overdue), "reply_overdue");
}

TEST(policy_names, unknown_names_are_errors_listing_the_known_ones) {
  const auto k = cf::parse_clock_kind("Reply");
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().code, cf::errc::parse_error);
  EXPECT_EQ(k.error().message, "unknown clock kind 'Reply' (expected return_request, co_handler_opinion, reply, feedback, "
                               "rehandling_reply, publication_decision, escalation_office, escalation_supervising_leader, "
                               "escalation_principal_leader, progress_report)");
  EXPECT_EQ(cf::parse_escalation_trigger("").error().message,
            "unknown escalation trigger '' (expected marked_difficult, dispute, opinion_overdue, reply_last_warning, "
            "reply_overdue, dissatisfied_after_rehandling)");
  EXPECT_EQ(cf::parse_result_scheme("3").error().message, "unknown result scheme '3' (expected three_class, four_class)");
  EXPECT_EQ(cf::parse_rehandling_cycle("x").error().message,
            "unknown re-handling cycle 'x' (expected new_cycle, continue_cycle)");
}

// --- bad files --------------------------------------------------------------------------------------

namespace {

// One change to the Shanghai preset and the error it must give. `value` is JSON text to put at
// `pointer`, or nullptr to remove what is there.
struct bad_edit {
  const char *pointer;
  const char *value;
  cf::errc code;
  const char *message; // after "shanghai-municipal.json: "
};

void PrintTo(const bad_edit &e, std::ostream *os) { *os << e.pointer << " = " << (e.value ? e.value : "(removed)"); }

std::string edited_preset(const bad_edit &e) {
  json j = json::parse(read_text(policy_dir() / "shanghai-municipal.json"));
  const json::json_pointer at(e.pointer);
  if (e.value)
    j[at] = json::parse(e.value);
  else
    j[at.parent_pointer()].erase(at.back());
  return j.dump(2);
}

class policy_errors : public ::testing::TestWithParam<bad_edit> {};

using ec = cf::errc;
// clang-format off
const bad_edit bad_edits[] = {
    // missing keys
    {"/clocks/feedback/period",          nullptr,   ec::parse_error, "/clocks/feedback: missing key 'period'"},
    {"/clocks/publication_decision",     nullptr,   ec::parse_error, "/clocks: missing key 'publication_decision'"},
    {"/escalate_on/dispute",             nullptr,   ec::parse_error, "/escalate_on: missing key 'dispute'"},
    {"/extension/reason_required",       nullptr,   ec::parse_error, "/extension: missing key 'reason_required'"},
    {"/linkage",                         nullptr,   ec::parse_error, "missing key 'linkage'"},
    // unknown keys and names
    {"/colour",                          "\"red\"", ec::parse_error, "/colour: unknown key (expected format, name, description, clocks, extension, result_scheme, leader_consultation_required, leader_consultation_when_still_dissatisfied, rehandling, escalate_on, linkage)"},
    {"/leader_consultation_when_still_dissatisfied", "\"yes\"", ec::parse_error, "/leader_consultation_when_still_dissatisfied: expected true or false, got string"},
    {"/clocks/reply/warn_days",          "[1]",     ec::parse_error, "/clocks/reply/warn_days: unknown key (expected period, warn_workdays_before, warn_elapsed_percent)"},
    {"/extension/approver",              "\"x\"",   ec::parse_error, "/extension/approver: unknown key (expected max_total, reason_required)"},
    {"/linkage/a~0b",                    "1",       ec::parse_error, "/linkage/a~0b: unknown key (expected child_margin)"},
    {"/clocks/answer",                   "{}",      ec::parse_error, "/clocks/answer: unknown clock kind 'answer' (expected return_request, co_handler_opinion, reply, feedback, rehandling_reply, publication_decision, escalation_office, escalation_supervising_leader, escalation_principal_leader, progress_report)"},
    {"/escalate_on/bored",               "true",    ec::parse_error, "/escalate_on/bored: unknown escalation trigger 'bored' (expected marked_difficult, dispute, opinion_overdue, reply_last_warning, reply_overdue, dissatisfied_after_rehandling)"},
    {"/result_scheme",                   "\"five_class\"", ec::parse_error, "/result_scheme: unknown result scheme 'five_class' (expected three_class, four_class)"},
    {"/rehandling",                      "\"again\"", ec::parse_error, "/rehandling: unknown re-handling cycle 'again' (expected new_cycle, continue_cycle)"},
    // wrong types
    {"/clocks",                          "null",    ec::parse_error, "/clocks: expected an object, got null"},
    {"/clocks/reply",                    "\"3m\"",  ec::parse_error, "/clocks/reply: expected an object, got string"},
    {"/clocks/reply/period",             "90",      ec::parse_error, "/clocks/reply/period: expected a string, got number 90"},
    {"/extension/reason_required",       "\"yes\"", ec::parse_error, "/extension/reason_required: expected true or false, got string"},
    {"/escalate_on/dispute",             "1",       ec::parse_error, "/escalate_on/dispute: expected true or false, got number 1"},
    {"/clocks/reply/warn_workdays_before", "10",    ec::parse_error, "/clocks/reply/warn_workdays_before: expected a list of whole numbers, got number 10"},
    {"/clocks/reply/warn_workdays_before", "[10, 2.5]", ec::parse_error, "/clocks/reply/warn_workdays_before/1: expected a whole number, got number 2.5"},
    {"/clocks/reply/warn_workdays_before", "[10, \"3\"]", ec::parse_error, "/clocks/reply/warn_workdays_before/1: expected a whole number, got string"},
    {"/clocks/reply/warn_workdays_before", "[10, 3000000000]", ec::parse_error, "/clocks/reply/warn_workdays_before/1: 3000000000 is out of range"},
    {"/name",                            "7",       ec::parse_error, "/name: expected a string, got number 7"},
    // format and name
    {"/format",                          "2",       ec::parse_error, "/format: format 2 is not supported (this version reads format 1)"},
    {"/format",                          "\"1\"",   ec::parse_error, "/format: expected a whole number, got string"},
    {"/format",                          nullptr,   ec::parse_error, "missing key 'format'"},
    {"/name",                            "\"\"",    ec::parse_error, "/name: the name is empty"},
    // bad periods: the period's own message inside ours
    {"/clocks/reply/period",             "\"3x\"",  ec::parse_error, "/clocks/reply/period: period '3x' has no unit: expected 'd' (days), 'wd' (working days) or 'm' (months)"},
    {"/extension/max_total",             "\"0m\"",  ec::parse_error, "/extension/max_total: period '0m' has zero length"},
    {"/linkage/child_margin",            "\"-5wd\"", ec::parse_error, "/linkage/child_margin: period '-5wd': count '-5' is not a whole positive number"},
    // warning points
    {"/clocks/reply/warn_workdays_before", "[10, 0]",  ec::parse_error, "/clocks/reply/warn_workdays_before/1: 0 is not a positive number of working days"},
    {"/clocks/reply/warn_workdays_before", "[-3]",     ec::parse_error, "/clocks/reply/warn_workdays_before/0: -3 is not a positive number of working days"},
    {"/clocks/reply/warn_workdays_before", "[10, 3, 10]", ec::parse_error, "/clocks/reply/warn_workdays_before/2: 10 is listed twice"},
    {"/clocks/reply/warn_elapsed_percent", "[0]",      ec::parse_error, "/clocks/reply/warn_elapsed_percent/0: 0 is not a percentage between 1 and 99"},
    {"/clocks/reply/warn_elapsed_percent", "[50, 100]", ec::parse_error, "/clocks/reply/warn_elapsed_percent/1: 100 is not a percentage between 1 and 99"},
    {"/clocks/reply/warn_elapsed_percent", "[50, 50]", ec::parse_error, "/clocks/reply/warn_elapsed_percent/1: 50 is listed twice"},
    // contradictions
    {"/clocks/return_request/warn_workdays_before", "[5]", ec::invalid_argument, "/clocks/return_request/warn_workdays_before/0: 5 working days before the due date is not after the start of a 5wd clock"},
    {"/clocks/feedback/warn_workdays_before", "[10, 31]", ec::invalid_argument, "/clocks/feedback/warn_workdays_before/1: 31 working days before the due date is not after the start of a 1m clock (it spans at most 31 working days)"},
    {"/clocks/reply/period",             "\"10d\"", ec::invalid_argument, "/clocks/reply/warn_workdays_before/0: 10 working days before the due date is not after the start of a 10d clock (it spans at most 10 working days)"},
    {"/extension/max_total",             "\"2m\"",  ec::invalid_argument, "/extension/max_total: the cap 2m is shorter than the reply period 3m"},
    {"/extension/max_total",             "\"83d\"", ec::invalid_argument, "/extension/max_total: the cap 83d is shorter than the reply period 3m"},
    {"/linkage/child_margin",            "\"3m\"",  ec::invalid_argument, "/linkage/child_margin: the margin 3m is not shorter than the reply period 3m"},
    {"/linkage/child_margin",            "\"93d\"", ec::invalid_argument, "/linkage/child_margin: the margin 93d is not shorter than the reply period 3m"},
};
// clang-format on

} // namespace

TEST_P(policy_errors, name_the_file_and_the_json_path) {
  const auto p = cf::parse_policy(edited_preset(GetParam()), "shanghai-municipal.json");
  ASSERT_FALSE(p) << "accepted";
  EXPECT_EQ(p.error().code, GetParam().code);
  EXPECT_EQ(p.error().message, std::string("shanghai-municipal.json: ") + GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(every_kind_of_bad_input, policy_errors, ::testing::ValuesIn(bad_edits));

TEST(policy_errors_text, syntax_errors_name_the_file_and_position) {
  const auto p = cf::parse_policy("{\n  \"format\": 1,\n}", "bad.json");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, cf::errc::parse_error);
  EXPECT_EQ(p.error().message, "bad.json: parse error at line 3, column 1: syntax error while parsing object key - unexpected "
                               "'}'; expected string literal");
  EXPECT_EQ(
      cf::parse_policy("", "empty.json").error().message,
      "empty.json: parse error at line 1, column 1: syntax error while parsing value - unexpected end of input; expected '[', "
      "'{', or a literal");
  EXPECT_EQ(
      cf::parse_policy("{} {}", "two.json").error().message,
      "two.json: parse error at line 1, column 4: syntax error while parsing value - unexpected '{'; expected end of input");
}

// Found by fuzzing (tests/fuzz/policy_fuzz.cpp): a number too large for a double made nlohmann throw
// out_of_range, which parse_policy let escape.
TEST(policy_errors_text, a_number_too_large_is_an_error_not_an_exception) {
  const auto p = cf::parse_policy("55.1e5313", "huge.json");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error(), (cf::error{cf::errc::parse_error, "huge.json: number overflow parsing '55.1e5313'"}));
  const auto in_place = cf::parse_policy("{\"format\": 1e400}", "huge.json");
  ASSERT_FALSE(in_place);
  EXPECT_EQ(in_place.error().code, cf::errc::parse_error);
}

TEST(policy_errors_text, the_top_level_must_be_an_object) {
  const auto p = cf::parse_policy("[1, 2]", "list.json");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().message, "list.json: expected an object, got array");
}

TEST(policy_errors_text, a_key_given_twice_is_an_error_not_a_silent_override) {
  std::string text = read_text(policy_dir() / "shanghai-municipal.json");
  const std::string reply = "\"reply\":                         {\"period\": \"3m\",";
  const auto at = text.find(reply);
  ASSERT_NE(at, std::string::npos);
  text.insert(at + reply.size(), " \"period\": \"4m\",");
  const auto p = cf::parse_policy(text, "shanghai-municipal.json");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, cf::errc::parse_error);
  EXPECT_EQ(p.error().message, "shanghai-municipal.json: /clocks/reply/period: key appears twice");
  EXPECT_EQ(cf::parse_policy(R"({"a": [1, {"b": 1, "b": 2}]})", "x.json").error().message, "x.json: /a/1/b: key appears twice");
}

TEST(policy_errors_text, a_missing_file_is_an_io_error_naming_it) {
  const auto missing = policy_dir() / "no-such-policy.json";
  const auto p = cf::load_policy(missing);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, cf::errc::io_error);
  EXPECT_EQ(p.error().message, missing.string() + ": cannot open policy file");
}

TEST(policy_errors_text, bounds_across_units_refuse_only_what_no_calendar_allows) {
  // Each of these would be wrong under some calendars but not all: a 1m clock may hold 23 working days
  // or, with make-up days, more; 90 days may outlast 3 months (89 days from 1 February 2025).
  // clang-format off
  const bad_edit fine[] = {
      {"/clocks/feedback/warn_workdays_before", "[30]",     ec::parse_error, ""},
      {"/extension/max_total",                  "\"90d\"",  ec::parse_error, ""},
      {"/extension/max_total",                  "\"20wd\"", ec::parse_error, ""},
      {"/extension/max_total",                  "\"3m\"",   ec::parse_error, ""},
      {"/linkage/child_margin",                 "\"92d\"",  ec::parse_error, ""},
      {"/linkage/child_margin",                 "\"2m\"",   ec::parse_error, ""},
  };
  // clang-format on
  for (const auto &e : fine) {
    const auto p = cf::parse_policy(edited_preset(e), "ok.json");
    EXPECT_TRUE(p) << e.pointer << " = " << e.value << ": " << p.error().message;
  }
  // A file written before the still-dissatisfied rule existed reads, with the rule off.
  const auto older = cf::parse_policy(
      edited_preset({"/leader_consultation_when_still_dissatisfied", nullptr, ec::parse_error, ""}), "older.json");
  ASSERT_TRUE(older) << older.error().message;
  EXPECT_FALSE(older->leader_consultation_when_still_dissatisfied);
  // And one written before progress reports: none are asked for, and none is written back.
  const auto no_progress =
      cf::parse_policy(edited_preset({"/clocks/progress_report", nullptr, ec::parse_error, ""}), "older.json");
  ASSERT_TRUE(no_progress) << no_progress.error().message;
  EXPECT_FALSE(no_progress->progress_reports);
  EXPECT_TRUE(shanghai().progress_reports);
  EXPECT_FALSE(cf::to_json(*no_progress)["clocks"].contains("progress_report"));
  EXPECT_EQ(cf::parse_policy(cf::to_json_text(*no_progress), "again.json").value(), *no_progress);
  const auto bad = cf::parse_policy(edited_preset({"/clocks/progress_report/period", "\"0wd\"", ec::parse_error, ""}), "x.json");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("/clocks/progress_report/period"), std::string::npos) << bad.error().message;
}

// --- validate() on policies built in code -------------------------------------------------------------

TEST(policy_validate, holds_a_policy_built_in_code_to_the_same_rules) {
  EXPECT_TRUE(cf::validate(shanghai()));
  EXPECT_EQ(cf::validate(cf::deadline_policy{}).error().message, "<policy>: /name: the name is empty");

  cf::deadline_policy p = shanghai();
  p.clocks[static_cast<std::size_t>(cf::clock_kind::reply)].warnings.workdays_before = {10, 0};
  const auto bad = cf::validate(p, "host config");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, cf::errc::parse_error);
  EXPECT_EQ(bad.error().message, "host config: /clocks/reply/warn_workdays_before/1: 0 is not a positive number of working days");

  p = shanghai();
  p.child_margin = cf::period{};
  EXPECT_EQ(cf::validate(p).error().message, "<policy>: /linkage/child_margin: '0d' is not a positive length");
  p = shanghai();
  p.clocks[static_cast<std::size_t>(cf::clock_kind::feedback)].length = cf::period(cf::workdays{-2});
  EXPECT_EQ(cf::validate(p).error().message, "<policy>: /clocks/feedback/period: '-2wd' is not a positive length");
}

TEST(policy_validate, a_rejected_text_yields_no_policy_at_all) {
  // The figures before the bad one were read fine; none of them may leak out.
  const bad_edit late{"/linkage/child_margin", "\"3m\"", ec::invalid_argument, ""};
  const auto p = cf::parse_policy(edited_preset(late), "shanghai-municipal.json");
  EXPECT_FALSE(p.has_value());
  EXPECT_THROW((void)p.value(), cf::exception);
}
