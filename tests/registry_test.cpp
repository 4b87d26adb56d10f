// registry.hpp: proposers and liaison offices loaded from JSON, lookups by id and unique name, who may
// record for whom, and loading errors naming the file and the JSON path.
#include <caseflow/registry.hpp>

#include <gtest/gtest.h>

#include <string>

namespace cf = caseflow;

namespace {

constexpr std::string_view text = R"({"format": 1, "name": "名册",
  "liaisons": [{"id": "rd", "name": "代表工作室", "serves": ["deputy"]},
               {"id": "zx", "name": "提案委", "serves": ["member", "group"]},
               {"id": "special", "name": "专门联络人"}],
  "proposers": [{"id": "d-1", "name": "张明", "kind": "deputy"},
                {"id": "d-2", "name": "张伟", "kind": "deputy"},
                {"id": "d-3", "name": "张伟", "kind": "deputy", "liaisons": ["special", "rd"]},
                {"id": "g-1", "name": "民盟市委", "kind": "group"}]})";

std::string error_of(std::string_view registry_json) {
  auto r = cf::parse_registry(registry_json, "r.json");
  return r ? std::string("loaded") : r.error().message;
}

} // namespace

TEST(registry, proposers_are_found_by_id_or_by_a_name_nobody_shares) {
  auto r = cf::parse_registry(text, "r.json");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->name(), "名册");
  EXPECT_EQ(r->proposers().size(), 4U);
  ASSERT_NE(r->find_proposer("d-1"), nullptr);
  EXPECT_EQ(r->find_proposer("张明"), r->find_proposer("d-1"));
  EXPECT_EQ(r->find_proposer("张伟"), nullptr); // two deputies share the name: the item must give the id
  EXPECT_EQ(r->find_proposer("d-3")->name, "张伟");
  EXPECT_EQ(r->find_proposer("nobody"), nullptr);
  EXPECT_EQ(r->find_liaison("zx")->name, "提案委");
}

TEST(registry, liaisons_are_the_ones_named_or_those_serving_the_kind) {
  auto r = cf::parse_registry(text, "r.json").value();
  const auto &deputy = *r.find_proposer("d-1");
  EXPECT_EQ(deputy.liaisons, (std::vector<std::string>{"rd"}));
  EXPECT_TRUE(r.may_record_for(deputy, "d-1"));
  EXPECT_TRUE(r.may_record_for(deputy, "张明"));
  EXPECT_TRUE(r.may_record_for(deputy, "rd"));
  EXPECT_FALSE(r.may_record_for(deputy, "zx"));
  EXPECT_FALSE(r.may_record_for(deputy, "d-2"));
  EXPECT_EQ(r.find_proposer("d-3")->liaisons, (std::vector<std::string>{"rd", "special"}));
  EXPECT_EQ(r.find_proposer("g-1")->liaisons, (std::vector<std::string>{"zx"}));
  EXPECT_TRUE(cf::makes(cf::proposer_kind::deputy, cf::case_kind::deputy_suggestion));
  EXPECT_FALSE(cf::makes(cf::proposer_kind::deputy, cf::case_kind::cppcc_proposal));
  EXPECT_TRUE(cf::makes(cf::proposer_kind::group, cf::case_kind::cppcc_proposal));
}

TEST(registry, loading_errors_name_the_file_and_the_path) {
  EXPECT_EQ(error_of("{"), "r.json: not valid JSON: parse error at line 1, column 2: syntax error while parsing object key - "
                           "unexpected end of input; expected string literal");
  EXPECT_EQ(error_of(R"({"format": 2, "proposers": []})"), "r.json: $.format: expected \"format\": 1");
  EXPECT_EQ(error_of(R"({"format": 1, "proposers": [], "extra": 1})"), "r.json: $.extra: unknown key");
  EXPECT_EQ(error_of(R"({"format": 1})"), "r.json: $: missing key 'proposers'");
  EXPECT_EQ(error_of(R"({"format": 1, "proposers": [{"id": "d 1", "name": "x", "kind": "deputy"}]})"),
            "r.json: $.proposers[0].id: 'd 1' is not an id (ascii letters, digits, '-', '_', '.'; at most 64)");
  EXPECT_EQ(error_of(R"({"format": 1, "proposers": [{"id": "d1", "name": "x", "kind": "mayor"}]})"),
            "r.json: $.proposers[0].kind: expected \"deputy\", \"member\" or \"group\"");
  EXPECT_EQ(error_of(R"({"format": 1, "proposers": [{"id": "d1", "name": "x", "kind": "deputy", "liaisons": ["rd"]}]})"),
            "r.json: $.proposers[0].liaisons[0]: unknown liaison 'rd'");
  EXPECT_EQ(error_of(R"({"format": 1, "proposers": [{"id": "d1", "name": "x", "kind": "deputy"},
                                                    {"id": "d1", "name": "y", "kind": "deputy"}]})"),
            "r.json: $.proposers[1].id: proposer 'd1' is listed twice");
  EXPECT_EQ(error_of(R"({"format": 1, "proposers": [{"id": "d1", "name": "a\u0000", "kind": "deputy"}]})"),
            "r.json: $.proposers[0].name: holds control character U+0000 (byte 1)");
  EXPECT_EQ(error_of("{\"format\": 1, \"proposers\": " + std::string(100, '[') + std::string(100, ']') + "}"),
            "r.json: the registry nests arrays and objects deeper than limits::json_depth (64)");
  EXPECT_EQ(error_of(R"({"format": 1e400, "proposers": []})").substr(0, 20), "r.json: not valid JS");
  auto missing = cf::load_registry("/nonexistent/registry.json");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, cf::errc::io_error);
}
