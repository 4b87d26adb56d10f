// org_chart: loading and validating charts, the routing questions of the coordination ladder, walks
// along "reports to" across city, district and town, and DOT export.
#include <caseflow/org.hpp>

#include "support/test_policy.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <tuple>

#include <unistd.h>

namespace cf = caseflow;
using json = nlohmann::json;
using caseflow::testing::minhang_chart;

namespace {

// A small city with two bureaus and a district with one town: the base every validation case mutates.
json base_nodes() {
  return json::parse(R"([
    {"id": "city",            "kind": "unit",   "name": "市政府", "level": "city", "government": true},
    {"id": "city-office",     "kind": "office", "name": "市府办", "of": "city"},
    {"id": "mayor",           "kind": "leader", "role": "principal",   "name": "市长",     "of": "city"},
    {"id": "vm-a",            "kind": "leader", "role": "supervising", "name": "副市长甲", "of": "city"},
    {"id": "vm-b",            "kind": "leader", "role": "supervising", "name": "副市长乙", "of": "city"},
    {"id": "bureau-a",        "kind": "unit",   "name": "甲局", "level": "city", "reports_to": "city", "supervised_by": "vm-a"},
    {"id": "bureau-b",        "kind": "unit",   "name": "乙局", "level": "city", "reports_to": "city", "supervised_by": "vm-b"},
    {"id": "district",        "kind": "unit",   "name": "区政府", "level": "district", "government": true,
                              "reports_to": "city", "supervised_by": "vm-a"},
    {"id": "district-office", "kind": "office", "name": "区府办", "of": "district"},
    {"id": "district-mayor",  "kind": "leader", "role": "principal",   "name": "区长",   "of": "district"},
    {"id": "dvm",             "kind": "leader", "role": "supervising", "name": "副区长", "of": "district"},
    {"id": "town",            "kind": "unit",   "name": "镇", "level": "town", "reports_to": "district", "supervised_by": "dvm"}
  ])");
}

std::string chart_text(const json &nodes) { return json{{"format", 1}, {"name", "测试"}, {"nodes", nodes}}.dump(); }

// The base with the town made a government of its own, holding one town-level unit.
std::string three_levels() {
  json nodes = base_nodes();
  nodes[11]["government"] = true;
  for (
      const char *node : {
          R"({"id": "town-office", "kind": "office", "name": "镇党政办", "of": "town"})",
          R"({"id": "town-mayor", "kind": "leader", "role": "principal", "name": "镇长", "of": "town"})",
          R"({"id": "town-vm", "kind": "leader", "role": "supervising", "name": "副镇长", "of": "town"})",
          R"({"id": "community", "kind": "unit", "name": "社区事务受理中心", "level": "town", "reports_to": "town", "supervised_by": "town-vm"})",
          R"({"id": "district-bureau", "kind": "unit", "name": "区某局", "level": "district", "reports_to": "district", "supervised_by": "dvm"})",
      })
    nodes.push_back(json::parse(node));
  return chart_text(nodes);
}

std::vector<std::string> ids(std::span<const cf::org_node *const> nodes) {
  std::vector<std::string> out;
  for (const auto *n : nodes)
    out.push_back(n->id);
  return out;
}

std::string id_of(const cf::result<const cf::org_node *> &r) {
  if (!r) return "error: " + r.error().message;
  return *r ? (*r)->id : "none";
}

std::string lcs(const cf::org_chart &chart, std::vector<std::string> units) { return id_of(chart.lowest_common_superior(units)); }

TEST(org_chart, loads_the_bundled_minhang_example) {
  const auto &chart = minhang_chart();
  EXPECT_EQ(chart.source_name(), "minhang-org.json");
  EXPECT_EQ(chart.name(), "闵行区建议提案办理组织架构");
  const auto *jsw = chart.find("mh-jsw");
  ASSERT_NE(jsw, nullptr);
  EXPECT_EQ(jsw->name, "区建设管理委");
  EXPECT_EQ(jsw->kind, cf::org_node_kind::unit);
  EXPECT_EQ(jsw->level, cf::admin_level::district);
  EXPECT_EQ(chart.find("qibao")->level, cf::admin_level::town);
  EXPECT_EQ(chart.find("sh-jsjtw")->level, cf::admin_level::city);
  EXPECT_EQ(chart.find("nothing"), nullptr);

  // The district: its office, one principal, 5-7 supervising leaders, 15+ bureaus and towns.
  EXPECT_EQ(id_of(chart.office("mh-jsw")), "mh-office");
  EXPECT_EQ(id_of(chart.principal_leader("mh-jsw")), "mh-mayor");
  std::size_t supervising = 0;
  const auto &g = chart.graph();
  for (const auto v : boost::make_iterator_range(boost::vertices(g)))
    if (g[v].kind == cf::org_node_kind::leader && g[v].role == cf::leader_role::supervising &&
        id_of(chart.government(g[v].id)) == "minhang")
      ++supervising;
  EXPECT_GE(supervising, 5U);
  EXPECT_LE(supervising, 7U);
  const auto below = chart.children("minhang");
  ASSERT_TRUE(below);
  EXPECT_GE(below->size(), 15U);
  for (const auto *unit : *below) {
    EXPECT_EQ(id_of(chart.government(unit->id)), "minhang") << unit->id;
    const auto leader = chart.supervising_leader(unit->id);
    ASSERT_TRUE(leader) << unit->id;
    EXPECT_EQ((*leader)->role, cf::leader_role::supervising);
    EXPECT_EQ(id_of(chart.government((*leader)->id)), "minhang") << unit->id;
  }
}

TEST(org_chart, the_district_is_a_unit_of_the_city) {
  const auto &chart = minhang_chart();
  EXPECT_EQ(id_of(chart.parent_unit("minhang")), "shanghai");
  EXPECT_EQ(id_of(chart.government("minhang")), "shanghai");
  EXPECT_EQ(id_of(chart.supervising_leader("minhang")), "sh-vm-exec");
  EXPECT_EQ(id_of(chart.principal_leader("minhang")), "sh-mayor");
  EXPECT_EQ(id_of(chart.office("minhang")), "sh-office");
  EXPECT_EQ(
      ids(*chart.children("shanghai")),
      (std::vector<std::string>{"sh-jsjtw", "sh-fgw", "sh-czj", "sh-nyw", "sh-jyw", "sh-jtw", "sh-ghzyj", "sh-sthjj", "sh-lhsrj",
                                "sh-jxw", "sh-rsj", "sh-swj", "sh-kw", "sh-wjw", "sh-whlyj", "sh-tyj", "sh-mzj", "minhang"}));
}

TEST(org_chart, supervision_chain_climbs_across_governments) {
  const auto &chart = minhang_chart();
  std::vector<std::string> chain;
  for (auto at = chart.node("mh-jsw"); *at;) {
    at = chart.superior((*at)->id);
    ASSERT_TRUE(at);
    chain.push_back(*at ? (*at)->id : "top");
  }
  EXPECT_EQ(chain, (std::vector<std::string>{"mh-vm-build", "mh-mayor", "sh-vm-exec", "sh-mayor", "top"}));
  EXPECT_EQ(id_of(chart.superior("mh-office")), "none");
}

TEST(org_chart, routes_a_dispute_under_one_supervising_leader_to_that_leader) {
  const auto &chart = minhang_chart();
  EXPECT_EQ(lcs(chart, {"mh-jsw", "mh-jtw"}), "mh-vm-build");
  EXPECT_EQ(lcs(chart, {"mh-jsw", "mh-jtw", "mh-ghzyj", "meilong"}), "mh-vm-build");
  EXPECT_EQ(lcs(chart, {"mh-jsw"}), "mh-vm-build");
  EXPECT_EQ(lcs(chart, {"mh-jsw", "mh-jsw"}), "mh-vm-build");
  EXPECT_FALSE((*chart.lowest_common_superior(std::vector<std::string>{"mh-jsw", "mh-jtw"}))->is_principal());
}

TEST(org_chart, routes_a_dispute_across_supervising_leaders_to_the_principal) {
  const auto &chart = minhang_chart();
  const std::vector<std::string> units{"mh-jsw", "mh-jyj"};
  const auto top = chart.lowest_common_superior(units);
  ASSERT_TRUE(top);
  EXPECT_EQ((*top)->id, "mh-mayor");
  EXPECT_TRUE((*top)->is_principal()); // the caller skips level 2
  EXPECT_EQ(lcs(chart, {"mh-jsw", "mh-jtw", "qibao"}), "mh-mayor");
  EXPECT_EQ(lcs(chart, {"qibao", "huacao"}), "mh-vm-econ");
}

TEST(org_chart, routes_a_dispute_between_city_and_district_units_up_the_city) {
  const auto &chart = minhang_chart();
  // The district answers to the executive vice mayor, who also supervises the city reform commission.
  EXPECT_EQ(lcs(chart, {"mh-fgw", "sh-fgw"}), "sh-vm-exec");
  EXPECT_EQ(lcs(chart, {"mh-jsw", "sh-jsjtw"}), "sh-mayor");
  EXPECT_EQ(lcs(chart, {"minhang", "mh-jsw"}), "sh-vm-exec");
}

TEST(org_chart, routing_rejects_what_it_cannot_route) {
  const auto &chart = minhang_chart();
  const auto check = [&](std::vector<std::string> units, cf::errc code, const std::string &message) {
    const auto r = chart.lowest_common_superior(units);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), (cf::error{code, message}));
  };
  check({}, cf::errc::invalid_argument, "lowest common superior of no units");
  check({"mh-jsw", "mh-nope"}, cf::errc::not_found, "org chart minhang-org.json: no node 'mh-nope'");
  check({"mh-jsw", "mh-mayor"}, cf::errc::invalid_argument,
        "org chart minhang-org.json: principal leader 'mh-mayor' is not a unit");
  check({"shanghai"}, cf::errc::not_found,
        "org chart minhang-org.json: unit 'shanghai' is the top of the chart: it has no supervising leader");

  // Two separate charts in one file share no one.
  json nodes = base_nodes();
  for (
      const char *node : {
          R"({"id": "other", "kind": "unit", "name": "另一市", "level": "city", "government": true})",
          R"({"id": "other-office", "kind": "office", "name": "办公厅", "of": "other"})",
          R"({"id": "other-mayor", "kind": "leader", "role": "principal", "name": "市长", "of": "other"})",
          R"({"id": "other-vm", "kind": "leader", "role": "supervising", "name": "副市长", "of": "other"})",
          R"({"id": "other-bureau", "kind": "unit", "name": "局", "level": "city", "reports_to": "other", "supervised_by": "other-vm"})",
      })
    nodes.push_back(json::parse(node));
  const auto two = cf::parse_org_chart(chart_text(nodes), "two.json");
  ASSERT_TRUE(two) << two.error().message;
  const auto r = two->lowest_common_superior(std::vector<std::string>{"bureau-a", "town", "other-bureau"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), (cf::error{cf::errc::not_found,
                                  "org chart two.json: units 'bureau-a' and 'other-bureau' have no superior in common"}));
}

TEST(org_chart, queries_name_unknown_ids_and_wrong_kinds) {
  const auto &chart = minhang_chart();
  const auto expect = [](const cf::result<const cf::org_node *> &r, cf::errc code, const std::string &message) {
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), (cf::error{code, message}));
  };
  const std::string unknown = "org chart minhang-org.json: no node 'mh-xyz'";
  expect(chart.node("mh-xyz"), cf::errc::not_found, unknown);
  expect(chart.supervising_leader("mh-xyz"), cf::errc::not_found, unknown);
  expect(chart.principal_leader("mh-xyz"), cf::errc::not_found, unknown);
  expect(chart.office("mh-xyz"), cf::errc::not_found, unknown);
  expect(chart.parent_unit("mh-xyz"), cf::errc::not_found, unknown);
  expect(chart.government("mh-xyz"), cf::errc::not_found, unknown);
  expect(chart.superior("mh-xyz"), cf::errc::not_found, unknown);
  const auto kids = chart.children("mh-xyz");
  ASSERT_FALSE(kids);
  EXPECT_EQ(kids.error().message, unknown);

  expect(chart.supervising_leader("mh-office"), cf::errc::invalid_argument,
         "org chart minhang-org.json: office 'mh-office' is not a unit");
  expect(chart.office("mh-vm-build"), cf::errc::invalid_argument,
         "org chart minhang-org.json: supervising leader 'mh-vm-build' is not a unit");
  expect(chart.principal_leader("shanghai"), cf::errc::not_found,
         "org chart minhang-org.json: unit 'shanghai' is the top of the chart: no government above it has a principal leader");
  expect(chart.office("shanghai"), cf::errc::not_found,
         "org chart minhang-org.json: unit 'shanghai' is the top of the chart: no government above it has an office");
  expect(chart.government("shanghai"), cf::errc::not_found,
         "org chart minhang-org.json: unit 'shanghai' is the top of the chart: no government above it");
}

TEST(org_chart, walks_children_and_parents_over_three_levels) {
  const auto chart = cf::parse_org_chart(three_levels(), "three.json");
  ASSERT_TRUE(chart) << chart.error().message;
  EXPECT_EQ(ids(*chart->children("city")), (std::vector<std::string>{"bureau-a", "bureau-b", "district"}));
  EXPECT_EQ(ids(*chart->children("district")), (std::vector<std::string>{"town", "district-bureau"}));
  EXPECT_EQ(ids(*chart->children("town")), (std::vector<std::string>{"community"}));
  EXPECT_TRUE(chart->children("community")->empty());

  EXPECT_EQ(id_of(chart->parent_unit("community")), "town");
  EXPECT_EQ(id_of(chart->parent_unit("town")), "district");
  EXPECT_EQ(id_of(chart->parent_unit("district")), "city");
  EXPECT_EQ(id_of(chart->parent_unit("city")), "none");

  // Each unit is handled inside the nearest government above it.
  EXPECT_EQ(id_of(chart->office("community")), "town-office");
  EXPECT_EQ(id_of(chart->principal_leader("community")), "town-mayor");
  EXPECT_EQ(id_of(chart->office("town")), "district-office");
  EXPECT_EQ(id_of(chart->principal_leader("town")), "district-mayor");
  EXPECT_EQ(id_of(chart->office("district-bureau")), "district-office");
  EXPECT_EQ(id_of(chart->office("district")), "city-office");
  EXPECT_EQ(chart->find("town-mayor")->level, cf::admin_level::town);
  EXPECT_EQ(chart->find("district-office")->level, cf::admin_level::district);

  EXPECT_EQ(lcs(*chart, {"community", "district-bureau"}), "dvm");
  EXPECT_EQ(lcs(*chart, {"community", "bureau-b"}), "mayor");
}

TEST(org_chart, copies_share_the_chart) {
  const auto chart = cf::parse_org_chart(three_levels(), "three.json");
  ASSERT_TRUE(chart);
  const cf::org_node *town = chart->find("town");
  cf::org_chart copy = *chart;
  EXPECT_EQ(copy.find("town"), town);
  EXPECT_EQ((*copy.children("district"))[0], town);
}

// One mutation of the base chart and the exact error it must produce.
struct bad_chart {
  std::string what;
  std::function<void(json &)> mutate; // of the whole document
  cf::errc code;
  std::string message;
};

std::vector<bad_chart> bad_charts() {
  using e = cf::errc;
  const auto erase_node = [](json &doc, std::size_t i) { doc["nodes"].erase(i); };
  return {
      {"not an object", [](json &d) { d = json::array(); }, e::parse_error, "bad.json: $: expected a JSON object"},
      {"no format", [](json &d) { d.erase("format"); }, e::parse_error,
       "bad.json: $: missing \"format\" (expected \"format\": 1)"},
      {"format 2", [](json &d) { d["format"] = 2; }, e::parse_error, "bad.json: $.format: unsupported format 2 (expected 1)"},
      {"format text", [](json &d) { d["format"] = "1"; }, e::parse_error,
       "bad.json: $.format: unsupported format \"1\" (expected 1)"},
      {"unknown top key", [](json &d) { d["colour"] = "red"; }, e::parse_error, "bad.json: $.colour: unknown key"},
      {"empty name", [](json &d) { d["name"] = ""; }, e::parse_error, "bad.json: $.name: must not be empty"},
      {"no nodes", [](json &d) { d.erase("nodes"); }, e::parse_error, "bad.json: $: missing \"nodes\""},
      {"nodes not array", [](json &d) { d["nodes"] = json::object(); }, e::parse_error, "bad.json: $.nodes: expected an array"},
      {"nodes empty", [](json &d) { d["nodes"] = json::array(); }, e::parse_error, "bad.json: $.nodes: the chart has no nodes"},
      {"node not object", [](json &d) { d["nodes"][3] = 7; }, e::parse_error, "bad.json: $.nodes[3]: expected an object"},
      {"no id", [](json &d) { d["nodes"][5].erase("id"); }, e::parse_error, "bad.json: $.nodes[5]: missing \"id\""},
      {"bad id", [](json &d) { d["nodes"][5]["id"] = "甲局"; }, e::parse_error,
       "bad.json: $.nodes[5].id: \"甲局\" is not an id (1 to 64 ascii letters, digits, '-', '_' or '.')"},
      {"no kind", [](json &d) { d["nodes"][5].erase("kind"); }, e::parse_error,
       "bad.json: $.nodes[5]: node 'bureau-a' has no \"kind\""},
      {"unknown kind", [](json &d) { d["nodes"][5]["kind"] = "bureau"; }, e::parse_error,
       "bad.json: $.nodes[5].kind: unknown kind \"bureau\" of node 'bureau-a' (expected office, unit or leader)"},
      {"unknown key", [](json &d) { d["nodes"][5]["colour"] = "red"; }, e::parse_error,
       "bad.json: $.nodes[5].colour: unknown key in unit 'bureau-a'"},
      {"key of another kind", [](json &d) { d["nodes"][2]["level"] = "city"; }, e::parse_error,
       "bad.json: $.nodes[2].level: \"level\" does not apply to leader 'mayor'"},
      {"missing level", [](json &d) { d["nodes"][5].erase("level"); }, e::parse_error,
       "bad.json: $.nodes[5]: unit 'bureau-a' has no \"level\""},
      {"missing of", [](json &d) { d["nodes"][1].erase("of"); }, e::parse_error,
       "bad.json: $.nodes[1]: office 'city-office' has no \"of\""},
      {"unknown level", [](json &d) { d["nodes"][5]["level"] = "province"; }, e::parse_error,
       "bad.json: $.nodes[5].level: unknown level \"province\" of unit 'bureau-a' (expected city, district or town)"},
      {"unknown role", [](json &d) { d["nodes"][3]["role"] = "deputy"; }, e::parse_error,
       "bad.json: $.nodes[3].role: unknown role \"deputy\" of leader 'vm-a' (expected supervising or principal)"},
      {"name not text", [](json &d) { d["nodes"][5]["name"] = 3; }, e::parse_error,
       "bad.json: $.nodes[5].name: expected a string"},
      {"government not bool", [](json &d) { d["nodes"][0]["government"] = "yes"; }, e::parse_error,
       "bad.json: $.nodes[0].government: expected true or false"},
      {"duplicate id", [](json &d) { d["nodes"][6]["id"] = "bureau-a"; }, e::conflict,
       "bad.json: $.nodes[6].id: duplicate id 'bureau-a' (first at $.nodes[5])"},
      {"dangling reports_to", [](json &d) { d["nodes"][5]["reports_to"] = "nowhere"; }, e::not_found,
       "bad.json: $.nodes[5].reports_to: unknown id 'nowhere' (unit 'bureau-a')"},
      {"dangling supervised_by", [](json &d) { d["nodes"][11]["supervised_by"] = "nobody"; }, e::not_found,
       "bad.json: $.nodes[11].supervised_by: unknown id 'nobody' (unit 'town')"},
      {"dangling of", [](json &d) { d["nodes"][10]["of"] = "county"; }, e::not_found,
       "bad.json: $.nodes[10].of: unknown id 'county' (supervising leader 'dvm')"},
      {"reports to a leader", [](json &d) { d["nodes"][5]["reports_to"] = "vm-a"; }, e::conflict,
       "bad.json: $.nodes[5].reports_to: unit 'bureau-a' cannot report to supervising leader 'vm-a': only units take reports"},
      {"supervised by a principal", [](json &d) { d["nodes"][5]["supervised_by"] = "mayor"; }, e::conflict,
       "bad.json: $.nodes[5].supervised_by: principal leader 'mayor' is not a supervising leader (unit 'bureau-a')"},
      {"leader of a bureau", [](json &d) { d["nodes"][3]["of"] = "bureau-b"; }, e::conflict,
       "bad.json: $.nodes[3].of: unit 'bureau-b' is not a government (a unit with \"government\": true)"},
      {"cycle of two",
       [](json &d) {
         d["nodes"][5]["reports_to"] = "bureau-b";
         d["nodes"][6]["reports_to"] = "bureau-a";
       },
       e::conflict, "bad.json: units report to each other in a cycle: bureau-a -> bureau-b -> bureau-a"},
      {"cycle through governments", [](json &d) { d["nodes"][0]["reports_to"] = "town"; }, e::conflict,
       "bad.json: units report to each other in a cycle: city -> town -> district -> city"},
      {"reports to itself", [](json &d) { d["nodes"][6]["reports_to"] = "bureau-b"; }, e::conflict,
       "bad.json: units report to each other in a cycle: bureau-b -> bureau-b"},
      {"reports to a lower level", [](json &d) { d["nodes"][5]["reports_to"] = "town"; }, e::conflict,
       "bad.json: $.nodes[5].reports_to: unit 'bureau-a' (city level) cannot report to unit 'town' at the lower town level"},
      {"a root that is not a government", [](json &d) { d["nodes"][5].erase("reports_to"); }, e::conflict,
       "bad.json: $.nodes[5]: unit 'bureau-a' reports to no unit and is not a government: it has no one above it"},
      {"no principal", [&](json &d) { erase_node(d, 9); }, e::conflict,
       "bad.json: $.nodes[7]: government 'district' has no principal leader"},
      {"two principals",
       [](json &d) {
         d["nodes"].push_back(
             {{"id", "mayor-2"}, {"kind", "leader"}, {"role", "principal"}, {"name", "又一位市长"}, {"of", "city"}});
       },
       e::conflict, "bad.json: $.nodes[12]: government 'city' has a second principal leader 'mayor-2' (the first is 'mayor')"},
      {"no office", [&](json &d) { erase_node(d, 8); }, e::conflict, "bad.json: $.nodes[7]: government 'district' has no office"},
      {"two offices",
       [](json &d) {
         d["nodes"].push_back({{"id", "office-2"}, {"kind", "office"}, {"name", "又一个办公室"}, {"of", "district"}});
       },
       e::conflict,
       "bad.json: $.nodes[12]: government 'district' has a second office 'office-2' (the first is 'district-office')"},
      {"no supervising leader", [](json &d) { d["nodes"][11].erase("supervised_by"); }, e::conflict,
       "bad.json: $.nodes[11]: unit 'town' has no supervising leader (\"supervised_by\" must name a supervising leader of "
       "'district')"},
      {"a government without a supervising leader above", [](json &d) { d["nodes"][7].erase("supervised_by"); }, e::conflict,
       "bad.json: $.nodes[7]: unit 'district' has no supervising leader (\"supervised_by\" must name a supervising leader of "
       "'city')"},
      {"supervised from another government", [](json &d) { d["nodes"][11]["supervised_by"] = "vm-a"; }, e::conflict,
       "bad.json: $.nodes[11].supervised_by: supervising leader 'vm-a' is a leader of 'city', but unit 'town' belongs to "
       "'district'"},
      {"the top supervised", [](json &d) { d["nodes"][0]["supervised_by"] = "vm-a"; }, e::conflict,
       "bad.json: $.nodes[0].supervised_by: unit 'city' is the top of the chart: no government above it has leaders to supervise "
       "it"},
  };
}

TEST(org_chart, base_of_the_validation_cases_is_valid) {
  const auto chart = cf::parse_org_chart(chart_text(base_nodes()), "bad.json");
  ASSERT_TRUE(chart) << chart.error().message;
  EXPECT_EQ(chart->size(), 12U);
}

TEST(org_chart, every_validation_error_names_file_and_place) {
  for (const auto &c : bad_charts()) {
    json doc = json::parse(chart_text(base_nodes()));
    c.mutate(doc);
    const auto chart = cf::parse_org_chart(doc.dump(), "bad.json");
    ASSERT_FALSE(chart) << c.what;
    EXPECT_EQ(chart.error(), (cf::error{c.code, c.message})) << c.what;
    EXPECT_EQ(chart.error().message.find('\n'), std::string::npos) << c.what;
  }
}

TEST(org_chart, rejects_text_that_is_not_json) {
  const auto chart = cf::parse_org_chart("{\"format\": 1,", "bad.json");
  ASSERT_FALSE(chart);
  EXPECT_EQ(chart.error().code, cf::errc::parse_error);
  EXPECT_THAT(chart.error().message, testing::StartsWith("bad.json: not valid JSON: parse error at line 1, column 14: "));
}

// The policy loader's fuzzing find (policy_test.cpp), which the chart loader shared: a number too large for a double
// made nlohmann throw out_of_range, which the loader let escape.
TEST(org_chart, a_number_too_large_is_an_error_not_an_exception) {
  const auto chart = cf::parse_org_chart("{\"format\": 1e999}", "huge.json");
  ASSERT_FALSE(chart);
  EXPECT_EQ(chart.error(), (cf::error{cf::errc::parse_error, "huge.json: not valid JSON: number overflow parsing '1e999'"}));
}

TEST(org_chart, load_names_a_missing_file) {
  const auto chart = cf::load_org_chart("/nonexistent/chart.json");
  ASSERT_FALSE(chart);
  EXPECT_EQ(chart.error(), (cf::error{cf::errc::io_error, "/nonexistent/chart.json: cannot open org chart file"}));
}

// The DOT text read back: node id -> label, and the (source, target, style) of each edge.
struct dot_contents {
  std::map<std::string, std::string> labels;
  std::multiset<std::tuple<std::string, std::string, std::string>> edges;
  std::set<std::string> clusters;
};

std::string unquote(const std::string &s) {
  if (s.size() < 2 || s.front() != '"') return s;
  std::string out;
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    if (s[i] == '\\' && i + 2 < s.size()) ++i;
    out += s[i];
  }
  return out;
}

dot_contents read_dot(const std::string &dot) {
  static const std::regex node_line(R"re(^("(?:[^"\\]|\\.)*"|[A-Za-z0-9_.]+)\[label=("(?:[^"\\]|\\.)*"))re");
  static const std::regex edge_line(R"re(^("[^"]*"|[A-Za-z0-9_.]+)->("[^"]*"|[A-Za-z0-9_.]+) ?\[style=(\w+))re");
  static const std::regex cluster_line(R"re(subgraph "cluster_([^"]+)")re");
  dot_contents out;
  std::istringstream in(dot);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_search(line, m, node_line))
      out.labels[unquote(m[1])] = unquote(m[2]);
    else if (std::regex_search(line, m, edge_line))
      out.edges.emplace(unquote(m[1]), unquote(m[2]), m[3]);
    else if (std::regex_search(line, m, cluster_line))
      out.clusters.insert(m[1]);
  }
  return out;
}

TEST(org_chart, dot_holds_every_node_and_edge) {
  const auto &chart = minhang_chart();
  const std::string dot = chart.to_dot();
  EXPECT_THAT(dot, testing::StartsWith("digraph"));
  const auto read = read_dot(dot);

  const auto &g = chart.graph();
  std::map<std::string, std::string> labels;
  for (const auto v : boost::make_iterator_range(boost::vertices(g)))
    labels[g[v].id] = g[v].name;
  EXPECT_EQ(read.labels, labels);

  std::multiset<std::tuple<std::string, std::string, std::string>> edges;
  const std::map<cf::org_edge_kind, std::string> style{{cf::org_edge_kind::reports_to, "solid"},
                                                       {cf::org_edge_kind::supervised_by, "dashed"},
                                                       {cf::org_edge_kind::serves, "dotted"}};
  for (const auto e : boost::make_iterator_range(boost::edges(g)))
    edges.emplace(g[boost::source(e, g)].id, g[boost::target(e, g)].id, style.at(g[e].kind));
  EXPECT_EQ(read.edges, edges);
  EXPECT_TRUE(read.edges.count({"mh-jsw", "minhang", "solid"}));
  EXPECT_TRUE(read.edges.count({"mh-jsw", "mh-vm-build", "dashed"}));
  EXPECT_TRUE(read.edges.count({"mh-vm-build", "mh-mayor", "dashed"}));
  EXPECT_TRUE(read.edges.count({"mh-office", "minhang", "dotted"}));
  EXPECT_EQ(read.clusters, (std::set<std::string>{"shanghai", "minhang"}));
}

TEST(org_chart, dot_escapes_names) {
  json nodes = base_nodes();
  nodes[5]["name"] = R"(甲"局\)";
  const auto chart = cf::parse_org_chart(chart_text(nodes), "q.json");
  ASSERT_TRUE(chart) << chart.error().message;
  const std::string dot = chart->to_dot();
  EXPECT_THAT(dot, testing::HasSubstr(R"("bureau-a"[label="甲\"局\\")"));
  EXPECT_EQ(read_dot(dot).labels.at("bureau-a"), R"(甲"局\)");
}

TEST(org_chart, dot_renders_with_graphviz) {
  if (!std::filesystem::exists("/usr/bin/dot")) GTEST_SKIP() << "/usr/bin/dot is not installed";
  const auto dir = std::filesystem::temp_directory_path() / ("caseflow_org_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / "chart.dot");
    minhang_chart().write_dot(out);
  }
  const std::string command =
      "/usr/bin/dot -Tsvg " + (dir / "chart.dot").string() + " -o " + (dir / "chart.svg").string() + " 2>/dev/null";
  EXPECT_EQ(std::system(command.c_str()), 0);
  std::ifstream svg(dir / "chart.svg");
  const std::string text((std::istreambuf_iterator<char>(svg)), std::istreambuf_iterator<char>());
  EXPECT_THAT(text, testing::HasSubstr("<svg"));
  EXPECT_THAT(text, testing::HasSubstr("区建设管理委"));
  std::filesystem::remove_all(dir);
}

} // namespace
