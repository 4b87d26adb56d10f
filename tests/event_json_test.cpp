#include <caseflow/event_json.hpp>

#include "support/case_driver.hpp"

#include <gtest/gtest.h>

#include <cctype>

namespace cf = caseflow;
using namespace cf::testing;
namespace ev = cf::events;
using json = nlohmann::json;

namespace {

// One event of every type, with every field its type uses set to something other than the default.
std::vector<cf::event> one_of_each() {
  const auto t = at(2024, 3, 15, 14, 30);
  return {
      ev::register_case(office(), t),
      ev::assign(office(), t, {{"minhang", cf::assignment_role::lead}, {"xuhui", cf::assignment_role::co_handler}}),
      ev::acknowledge(unit("minhang"), t),
      ev::request_return(unit("xuhui"), t, "不属于本单位职责"),
      ev::approve_return(office(), t, "xuhui", "pudong"),
      ev::refuse_return(office(), t, "xuhui", "职责相关"),
      ev::submit_opinion(unit("xuhui"), t),
      ev::waive_opinion(office(), t, "xuhui", "reason"),
      ev::record_dispute(unit("minhang"), t, "scope"),
      ev::record_consultation(unit("minhang"), t, true),
      ev::reply(unit("minhang"), t, cf::reply_class::b),
      ev::request_extension(unit("minhang"), t, cf::date(2024, 8, 1), "survey"),
      ev::approve_extension(office(), t, "minhang", cf::date(2024, 8, 1)),
      ev::record_feedback(actor_proposer(), t, cf::satisfaction::dissatisfied),
      ev::follow_up_reply(unit("minhang"), t, cf::reply_class::a),
      ev::decide_publication(unit("minhang"), t, cf::disclosure::not_public, "涉密"),
      ev::merge(office(), t, cf::case_id{"16-2", "0100"}),
      ev::close(office(), t),
      ev::report_progress(unit("minhang"), t),
  };
}

std::string error_of(const json &j) {
  auto r = cf::event_from_json(j, "in.jsonl:7");
  return r ? "(read)" : r.error().message;
}

} // namespace

TEST(event_json, every_event_type_round_trips) {
  const auto all = one_of_each();
  ASSERT_EQ(all.size(), cf::event_type_count);
  for (const auto &e : all) {
    const json j = cf::to_json(e);
    auto back = cf::event_from_json(json::parse(j.dump()), "test");
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(*back, e) << j.dump();
  }
}

TEST(event_json, writes_only_the_fields_a_type_uses) {
  EXPECT_EQ(cf::to_json(ev::reply(unit("minhang"), at(2024, 4, 20, 10), cf::reply_class::a)).dump(),
            R"({"at":"2024-04-20 10:00:00","by":"unit:minhang","result_class":"A","type":"reply"})");
  EXPECT_EQ(cf::to_json(ev::close(office(), at(2024, 4, 20))).dump(),
            R"({"at":"2024-04-20 09:00:00","by":"office:sh-office","type":"close"})");
}

TEST(event_json, reads_reply_classes_in_either_case_and_writes_upper_case) {
  const std::pair<const char *, cf::reply_class> cases[] = {
      {"a", cf::reply_class::a}, {"B", cf::reply_class::b}, {"c", cf::reply_class::c}, {"D", cf::reply_class::d}};
  for (const auto &[text, expected] : cases) {
    const json j = {{"type", "reply"}, {"by", "unit:minhang"}, {"at", "2024-04-20 10:00:00"}, {"result_class", text}};
    auto e = cf::event_from_json(j, "in.jsonl:3");
    ASSERT_TRUE(e) << text << ": " << e.error().message;
    EXPECT_EQ(e->result_class, expected) << text;
    EXPECT_EQ(cf::to_json(*e).at("result_class").get<std::string>(), std::string(1, static_cast<char>(std::toupper(text[0]))));
  }
  EXPECT_EQ(error_of(json::parse(R"({"type":"reply","by":"unit:m","at":"2024-03-18","result_class":"e"})")),
            "in.jsonl:7: field 'result_class': unknown reply class 'e' (expected A, B, C, D)");
  EXPECT_EQ(error_of(json::parse(R"({"type":"reply","by":"unit:m","at":"2024-03-18","result_class":"aa"})")),
            "in.jsonl:7: field 'result_class': unknown reply class 'aa' (expected A, B, C, D)");
}

TEST(event_json, reads_bare_dates_and_short_senders) {
  auto e = cf::event_from_json(json::parse(R"({"type":"acknowledge","by":"unit:minhang","at":"2024-03-18"})"), "x").value();
  EXPECT_EQ(e.at, cf::timestamp(cf::date(2024, 3, 18)));
  EXPECT_EQ(e.by, cf::actor::unit("minhang"));
  EXPECT_EQ(cf::parse_actor("office").value(), cf::actor::office());
  EXPECT_EQ(cf::parse_actor("supervising_leader:wang").value(), cf::actor::supervising_leader("wang"));
}

TEST(event_json, bad_events_name_the_place_and_field) {
  EXPECT_EQ(error_of(json::parse(R"({"by":"office","at":"2024-03-18"})")), "in.jsonl:7: field 'type': is missing");
  EXPECT_EQ(error_of(json::parse(R"({"type":"reply","by":"unit:m","at":"2024-03-18","result_class":"E"})")).substr(0, 38),
            "in.jsonl:7: field 'result_class': unkn");
  EXPECT_EQ(error_of(json::parse(R"({"type":"acknowledge","by":"unit:m","at":"2024-03-18","rating":"satisfied"})")),
            "in.jsonl:7: field 'rating': does not belong to a acknowledge event");
  EXPECT_EQ(error_of(json::parse(R"({"type":"acknowledge","by":"unit","at":"2024-03-18"})")),
            "in.jsonl:7: field 'by': 'unit' is not a sender: a unit is written 'unit:<id>'");
  EXPECT_EQ(error_of(json::parse(R"({"type":"acknowledge","by":"unit:m","at":"2024-02-30"})")).substr(0, 30),
            "in.jsonl:7: field 'at': '2024-");
  EXPECT_EQ(error_of(json::parse(R"({"type":"acknowledge","by":"unit:m"})")), "in.jsonl:7: field 'at': is missing");
  EXPECT_EQ(error_of(json::parse(R"({"type":"assign","by":"office","at":"2024-03-18","units":[{"unit":"m","role":"boss"}]})"))
                .substr(0, 40),
            "in.jsonl:7: units/0: field 'role': unkno");
  EXPECT_EQ(error_of(json::parse(R"({"type":"assign","by":"office","at":"2024-03-18"})")),
            "in.jsonl:7: field 'units': is missing");
  EXPECT_EQ(error_of(json::parse(R"([1])")), "in.jsonl:7: an event must be a JSON object");
}

TEST(event_json, case_registrations_round_trip_and_are_checked) {
  const cf::case_info info = sample_info();
  auto back = cf::case_info_from_json(json::parse(cf::to_json(info).dump()), "x");
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, info);
  auto minimal = cf::case_info_from_json(
      json::parse(
          R"({"case":"16-2/0605","kind":"cppcc_proposal","category":"教科文卫体","title":"t","proposers":{"lead":"某委员"}})"),
      "x");
  ASSERT_TRUE(minimal) << minimal.error().message;
  EXPECT_EQ(minimal->kind, cf::case_kind::cppcc_proposal);
  EXPECT_FALSE(minimal->key_item);
  auto bad = cf::case_info_from_json(
      json::parse(
          R"({"case":"16-2/0605","kind":"cppcc_proposal","category":"c","title":"t","proposers":{"lead":"x","extra":1}})"),
      "new.jsonl:3");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "new.jsonl:3: proposers: field 'extra': is not a field of proposers");
}
