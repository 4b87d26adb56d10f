// The case model: ids, names of every enum, category lists and case info validation.
#include <caseflow/model.hpp>

#include <gtest/gtest.h>

namespace cf = caseflow;

namespace {

TEST(case_id, parses_and_prints_session_slash_item) {
  auto id = cf::case_id::parse("16-2/0581");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->session, "16-2");
  EXPECT_EQ(id->item, "0581");
  EXPECT_EQ(id->to_string(), "16-2/0581");
}

TEST(case_id, rejects_malformed_text_naming_it) {
  for (const char *bad : {"", "0581", "/0581", "16-2/", "16-2/05/81", "16 2/0581"}) {
    auto id = cf::case_id::parse(bad);
    ASSERT_FALSE(id) << bad;
    EXPECT_EQ(id.error().code, cf::errc::parse_error);
    EXPECT_NE(id.error().message.find(std::string("'") + bad + "'"), std::string::npos) << id.error().message;
  }
}

TEST(case_id, orders_by_session_then_item) {
  EXPECT_LT((cf::case_id{"16-2", "0581"}), (cf::case_id{"16-2", "0605"}));
  EXPECT_LT((cf::case_id{"16-1", "0900"}), (cf::case_id{"16-2", "0001"}));
}

template <class E, class Parse> void round_trips(std::initializer_list<E> values, Parse parse) {
  for (E v : values) {
    auto back = parse(cf::to_string(v));
    ASSERT_TRUE(back) << cf::to_string(v);
    EXPECT_EQ(*back, v);
  }
  auto bad = parse("nonsense");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, cf::errc::parse_error);
  EXPECT_NE(bad.error().message.find("'nonsense'"), std::string::npos);
}

TEST(names, every_enum_round_trips_and_rejects_unknown_names) {
  round_trips({cf::case_kind::deputy_suggestion, cf::case_kind::cppcc_proposal}, cf::parse_case_kind);
  round_trips({cf::assignment_role::lead, cf::assignment_role::co_handler, cf::assignment_role::separate},
              cf::parse_assignment_role);
  round_trips({cf::reply_class::a, cf::reply_class::b, cf::reply_class::c, cf::reply_class::d}, cf::parse_reply_class);
  round_trips({cf::satisfaction::satisfied, cf::satisfaction::basically_satisfied, cf::satisfaction::dissatisfied,
               cf::satisfaction::no_feedback},
              cf::parse_satisfaction);
  round_trips(
      {cf::disclosure::public_full_text, cf::disclosure::public_summary, cf::disclosure::on_request, cf::disclosure::not_public},
      cf::parse_disclosure);
  round_trips({cf::actor_role::assigning_office, cf::actor_role::unit, cf::actor_role::supervising_leader,
               cf::actor_role::principal_leader, cf::actor_role::proposer_side},
              cf::parse_actor_role);
}

TEST(names, are_the_documented_strings) {
  EXPECT_EQ(cf::to_string(cf::case_kind::cppcc_proposal), "cppcc_proposal");
  EXPECT_EQ(cf::to_string(cf::assignment_role::co_handler), "co_handler");
  EXPECT_EQ(cf::to_string(cf::reply_class::b), "B");
  EXPECT_EQ(cf::to_string(cf::satisfaction::basically_satisfied), "basically_satisfied");
  EXPECT_EQ(cf::to_string(cf::disclosure::on_request), "on_request");
}

TEST(actor, describes_itself_as_messages_name_it) {
  EXPECT_EQ(cf::actor::unit("minhang").describe(), "unit 'minhang'");
  EXPECT_EQ(cf::actor::office().describe(), "assigning office");
  EXPECT_EQ(cf::actor::supervising_leader("wang").describe(), "supervising leader 'wang'");
  EXPECT_EQ(cf::actor::proposer_side().describe(), "proposer side");
}

TEST(category_list, defaults_hold_the_usual_categories) {
  const auto l = cf::category_list::defaults();
  EXPECT_EQ(l.names(), (std::vector<std::string>{"城建交通", "经济财农", "教科文卫体", "政治法律", "社会事务", "城市管理",
                                                 "生态环境", "综合"}));
  EXPECT_TRUE(l.contains("教科文卫体"));
  EXPECT_FALSE(l.contains("教科文"));
}

TEST(category_list, validate_names_the_unknown_category) {
  auto r = cf::category_list::defaults().validate("交通");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, cf::errc::invalid_argument);
  EXPECT_EQ(r.error().message.rfind("unknown category '交通' (known: 城建交通, ", 0), 0u) << r.error().message;
  EXPECT_EQ(cf::category_list::defaults().validate("综合").value(), "综合");
}

TEST(category_list, custom_lists_refuse_empty_and_repeated_names) {
  auto l = cf::category_list::make({"农业", "工业"});
  ASSERT_TRUE(l);
  EXPECT_TRUE(l->contains("农业"));
  auto twice = cf::category_list::make({"农业", "工业", "农业"});
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().message, "category '农业' is listed twice");
  auto empty = cf::category_list::make({"农业", ""});
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().message, "category 2 is empty");
}

cf::case_info good_info() {
  cf::case_info i;
  i.id = {"16-2", "0581"};
  i.category = "城建交通";
  i.proposers = {"张明", {"李华"}};
  i.title = "关于优化公交接驳的建议";
  return i;
}

TEST(case_info, validates_against_the_category_list) {
  EXPECT_TRUE(good_info().validate(cf::category_list::defaults()));
  auto i = good_info();
  i.category = "航天";
  auto r = i.validate(cf::category_list::defaults());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, cf::errc::invalid_argument);
  EXPECT_EQ(r.error().message.rfind("case 16-2/0581: unknown category '航天'", 0), 0u) << r.error().message;
  EXPECT_TRUE(i.validate(cf::category_list::make({"航天"}).value()));
}

TEST(case_info, names_the_missing_field) {
  auto no_title = good_info();
  no_title.title.clear();
  EXPECT_EQ(no_title.validate(cf::category_list::defaults()).error().message, "case 16-2/0581: the title is empty");
  auto no_lead = good_info();
  no_lead.proposers.lead.clear();
  EXPECT_EQ(no_lead.validate(cf::category_list::defaults()).error().message, "case 16-2/0581: the lead proposer is empty");
  auto no_id = good_info();
  no_id.id.item.clear();
  EXPECT_EQ(no_id.validate(cf::category_list::defaults()).error().code, cf::errc::invalid_argument);
}

} // namespace
