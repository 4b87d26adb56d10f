// Who may send what, with the Minhang chart and a registry: every event type against every kind of
// sender. Each cell starts a fresh book, brings an item to where the event could be taken, and sends it
// from that sender; the expected table below is read off the domain rules (DOMAIN.md, identity.hpp,
// the workflow's senders), not off the code. A refusal must name the sender and the event, and leave the
// journal as it was; an acceptance must write.
//
// The items. "16-2/0581", registered by the city office sh-office: lead unit sh-jtw (市交通委, supervised
// by sh-vm-build) and co-handler sh-wjw (市卫生健康委, supervised by sh-vm-social); both city bureaus, so
// Minhang's leaders are of another government. The separate unit's column acts on "16-2/0590", handled
// separately by sh-kw and sh-swj. The proposers 张明 (d-zhang), 李华 and 王芳 are deputies; the people's
// congress liaison office records for deputies, the CPPCC's office for members.
#include <caseflow/casebook.hpp>
#include <caseflow/registry.hpp>

#include "support/book_driver.hpp"
#include "support/test_policy.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

namespace cf = caseflow;
using namespace cf::testing;
namespace ev = cf::events;
using cf::assignment_role;

namespace {

constexpr std::string_view registry_text = R"({"format": 1, "name": "测试名册",
  "liaisons": [{"id": "sh-rd-liaison", "name": "市人大常委会代表工作室", "serves": ["deputy"]},
               {"id": "sh-zx-liaison", "name": "市政协提案委", "serves": ["member", "group"]}],
  "proposers": [{"id": "d-zhang", "name": "张明", "kind": "deputy"},
                {"id": "d-li", "name": "李华", "kind": "deputy"},
                {"id": "d-wang", "name": "王芳", "kind": "deputy"},
                {"id": "m-zhao", "name": "赵强", "kind": "member"}]})";

const cf::registry &test_registry() {
  static const cf::registry r = cf::parse_registry(registry_text, "registry.json").value();
  return r;
}

// ---- Senders: the columns.
enum column : std::size_t {
  item_office,     // the item's office (it registered and assigned it)
  other_office,    // an office of another government
  lead,            // the lead unit
  co_handler,      // the co-handler
  separate,        // a unit handling the other item separately (acts on that item)
  not_on_item,     // a unit of the chart that is not on the item
  unknown_id,      // a unit id the chart does not know
  leader_right,    // the supervising leader of the lead unit
  principal_right, // the principal leader of the units' government
  leader_none,     // a supervising leader of the same government who supervises no unit on the item
  leader_other,    // a supervising leader of another government
  principal_other, // the principal leader of another government
  proposer,        // the lead proposer (registry id)
  liaison,         // the deputies' liaison office
  other_liaison,   // the CPPCC's liaison office (not the deputies')
  stranger,        // the proposer side under an id nobody knows
  column_count
};

const std::array<cf::actor, column_count> senders = {
    cf::actor::office("sh-office"),
    cf::actor::office("mh-office"),
    cf::actor::unit("sh-jtw"),
    cf::actor::unit("sh-wjw"),
    cf::actor::unit("sh-kw"),
    cf::actor::unit("mh-jsw"),
    cf::actor::unit("nobody"),
    cf::actor::supervising_leader("sh-vm-build"),
    cf::actor::principal_leader("sh-mayor"),
    cf::actor::supervising_leader("sh-vm-exec"),
    cf::actor::supervising_leader("mh-vm-build"),
    cf::actor::principal_leader("mh-mayor"),
    cf::actor::proposer_side("d-zhang"),
    cf::actor::proposer_side("sh-rd-liaison"),
    cf::actor::proposer_side("sh-zx-liaison"),
    cf::actor::proposer_side("someone"),
};

// ---- Where the item must stand for an event to be taken.
enum class stage {
  received,            // opened, not registered
  registered,          // registered (and a second item registered, for a merge)
  assigned,            // assigned, nobody acknowledged
  acknowledged,        // every unit acknowledged
  return_requested,    // ... and the lead (first separate) unit asked to return it
  extension_requested, // ... and the lead (first separate) unit asked for more time
  ready_to_reply,      // acknowledged, the co-handler's opinion in, a leader-led consultation held
  replied,             // every replying unit replied
  window_passed,       // replied, and the feedback window is over
  feedback_received,   // rated by the proposer, publication decided
  following_up,        // replied with class B, rated, decided, closed into follow-up
};

// ---- The rows: an event type, where it is sent, and who may send it.
struct row {
  std::string_view name;
  stage at;
  cf::event (*make)(const cf::actor &by, bool separate_item);
  std::string_view allowed; // one letter per column: 'Y' accepted, '.' refused
};

cf::timestamp when(stage s) { return s == stage::window_passed ? at(2024, 5, 6, 10) : at(2024, 3, 28, 10); }

const cf::case_id item_l{"16-2", "0581"};
const cf::case_id item_s{"16-2", "0590"};
const cf::case_id other_item{"16-2", "0582"};

std::string first_unit(bool s) { return s ? "sh-kw" : "sh-jtw"; }
std::string second_unit(bool s) { return s ? "sh-swj" : "sh-wjw"; }
std::vector<cf::unit_assignment_spec> layout(bool s) {
  if (s) return {{"sh-kw", assignment_role::separate}, {"sh-swj", assignment_role::separate}};
  return {{"sh-jtw", assignment_role::lead}, {"sh-wjw", assignment_role::co_handler}};
}

// The stage's own events, as the item's office and units would send them.
void bring_to(cf::case_book &book, stage target, bool s) {
  const cf::case_id &id = s ? item_s : item_l;
  const cf::actor off = cf::actor::office("sh-office");
  const auto go = [&](const cf::event &e) { must(book.apply(id, e)); };
  if (target == stage::received) return;
  go(ev::register_case(off, at(2024, 3, 1)));
  if (target == stage::registered) {
    cf::case_info other = sample_info("0582");
    other.registered_by = off;
    must(book.open(other));
    must(book.apply(other_item, ev::register_case(off, at(2024, 3, 1))));
    return;
  }
  go(ev::assign(off, at(2024, 3, 4), layout(s)));
  if (target == stage::assigned) return;
  for (const auto &u : layout(s))
    go(ev::acknowledge(cf::actor::unit(u.unit), at(2024, 3, 5)));
  if (target == stage::acknowledged) return;
  if (target == stage::return_requested) {
    go(ev::request_return(cf::actor::unit(first_unit(s)), at(2024, 3, 6), "不属本单位职责"));
    return;
  }
  if (target == stage::extension_requested) {
    go(ev::request_extension(cf::actor::unit(first_unit(s)), at(2024, 3, 13), cf::date(2024, 7, 1), "需跨年度统筹"));
    return;
  }
  if (!s) go(ev::submit_opinion(cf::actor::unit("sh-wjw"), at(2024, 3, 11)));
  go(ev::record_consultation(cf::actor::unit(first_unit(s)), at(2024, 3, 12), true));
  if (target == stage::ready_to_reply) return;
  const cf::reply_class cls = target == stage::following_up ? cf::reply_class::b : cf::reply_class::a;
  go(ev::reply(cf::actor::unit(first_unit(s)), at(2024, 3, 20), cls));
  if (s) go(ev::reply(cf::actor::unit(second_unit(s)), at(2024, 3, 20), cls));
  if (target == stage::replied || target == stage::window_passed) return;
  go(ev::record_feedback(cf::actor::proposer_side("d-zhang"), at(2024, 3, 25), cf::satisfaction::satisfied));
  go(ev::decide_publication(off, at(2024, 3, 26), cf::disclosure::public_full_text));
  if (target == stage::feedback_received) return;
  go(ev::close(off, at(2024, 3, 27)));
}

// clang-format off
const row rows[] = {
  // event                      stage                         make                                                                                          o  o2 l  c  s  n  u  sl pl sn so po p  li ol st
  {"register_case",             stage::received,              [](const cf::actor &b, bool) { return ev::register_case(b, when(stage::received)); },                          "Y..............."},
  {"assign",                    stage::registered,            [](const cf::actor &b, bool s) { return ev::assign(b, when(stage::registered), layout(s)); },                 "Y..............."},
  {"merge",                     stage::registered,            [](const cf::actor &b, bool) { return ev::merge(b, when(stage::registered), other_item); },                   "Y..............."},
  {"acknowledge",               stage::assigned,              [](const cf::actor &b, bool) { return ev::acknowledge(b, when(stage::assigned)); },                           "..YYY..........."},
  {"request_return",            stage::acknowledged,          [](const cf::actor &b, bool) { return ev::request_return(b, at(2024, 3, 6, 10), "不属本单位职责"); },          "..YYY..........."},
  {"approve_return",            stage::return_requested,      [](const cf::actor &b, bool s) { return ev::approve_return(b, when(stage::return_requested), first_unit(s), "sh-ghzyj"); }, "Y..............."},
  {"refuse_return",             stage::return_requested,      [](const cf::actor &b, bool s) { return ev::refuse_return(b, when(stage::return_requested), first_unit(s), "属本单位职责"); }, "Y..............."},
  {"submit_opinion",            stage::acknowledged,          [](const cf::actor &b, bool) { return ev::submit_opinion(b, when(stage::acknowledged)); },                    "...Y............"},
  {"waive_opinion",             stage::acknowledged,          [](const cf::actor &b, bool s) { return ev::waive_opinion(b, when(stage::acknowledged), second_unit(s), "已并入主办答复"); }, "Y..............."},
  {"record_dispute",            stage::acknowledged,          [](const cf::actor &b, bool) { return ev::record_dispute(b, when(stage::acknowledged), "职责分工有分歧"); },   "Y.YY............"},
  {"record_consultation",       stage::acknowledged,          [](const cf::actor &b, bool) { return ev::record_consultation(b, when(stage::acknowledged), true); },         "Y.Y.Y..YY......."},
  {"request_extension",         stage::acknowledged,          [](const cf::actor &b, bool) { return ev::request_extension(b, when(stage::acknowledged), cf::date(2024, 7, 1), "需跨年度统筹"); }, "..Y.Y..........."},
  {"approve_extension",         stage::extension_requested,   [](const cf::actor &b, bool s) { return ev::approve_extension(b, when(stage::extension_requested), first_unit(s), cf::date(2024, 7, 1)); }, "Y..............."},
  {"reply",                     stage::ready_to_reply,        [](const cf::actor &b, bool) { return ev::reply(b, when(stage::ready_to_reply), cf::reply_class::a); },       "..Y.Y..........."},
  {"record_feedback",           stage::replied,               [](const cf::actor &b, bool) { return ev::record_feedback(b, when(stage::replied), cf::satisfaction::satisfied); }, "............YY.."},
  {"record_feedback no_feedback", stage::window_passed,       [](const cf::actor &b, bool) { return ev::record_feedback(b, when(stage::window_passed), cf::satisfaction::no_feedback); }, "Y...........YY.."},
  {"decide_publication",        stage::replied,               [](const cf::actor &b, bool) { return ev::decide_publication(b, when(stage::replied), cf::disclosure::public_summary); }, "Y.Y.Y..........."},
  {"close",                     stage::feedback_received,     [](const cf::actor &b, bool) { return ev::close(b, when(stage::feedback_received)); },                        "Y..............."},
  {"follow_up_reply",           stage::following_up,          [](const cf::actor &b, bool) { return ev::follow_up_reply(b, when(stage::following_up)); },                   "..Y.Y..........."},
  {"report_progress",           stage::acknowledged,          [](const cf::actor &b, bool) { return ev::report_progress(b, when(stage::acknowledged)); },                   "..Y.Y..........."},
};
// clang-format on

struct cell_result {
  bool accepted = false;
  std::string message;
  bool journal_unchanged = true;
};

cell_result run_cell(const row &r, std::size_t col) {
  const bool s = col == separate;
  cf::memory_event_store store;
  cf::case_book book(shanghai_policy(), national_calendar(), minhang_chart());
  book.set_registry(test_registry());
  book.attach_journal(store);
  cf::case_info info = sample_info(s ? "0590" : "0581");
  info.registered_by = cf::actor::office("sh-office");
  info.key_item = true; // so that progress reports are owed
  must(book.open(info));
  bring_to(book, r.at, s);
  const std::string before = store.bytes();
  const cf::event e = r.make(senders[col], s);
  auto applied = book.apply(s ? item_s : item_l, e);
  cell_result out;
  out.accepted = applied.has_value();
  if (!applied) out.message = applied.error().message;
  out.journal_unchanged = store.bytes() == before;
  return out;
}

} // namespace

TEST(permission_matrix, every_event_type_against_every_kind_of_sender) {
  // Every event type has a row (record_feedback twice: a rating, and the office's "no feedback").
  std::vector<std::string_view> covered;
  for (const auto &r : rows)
    covered.push_back(r.name.substr(0, r.name.find(' ')));
  for (std::size_t t = 0; t < cf::event_type_count; ++t)
    EXPECT_NE(std::find(covered.begin(), covered.end(), cf::to_string(static_cast<cf::event_type>(t))), covered.end())
        << cf::to_string(static_cast<cf::event_type>(t)) << " has no row";

  int accepted = 0, refused = 0;
  for (const auto &r : rows) {
    ASSERT_EQ(r.allowed.size(), static_cast<std::size_t>(column_count)) << r.name;
    for (std::size_t col = 0; col < column_count; ++col) {
      const bool expected = r.allowed[col] == 'Y';
      const auto got = run_cell(r, col);
      const std::string cell = fmt::format("{} from {}", r.name, senders[col].describe());
      EXPECT_EQ(got.accepted, expected) << cell << (got.accepted ? ": accepted" : ": refused: " + got.message);
      if (got.accepted) {
        ++accepted;
        EXPECT_FALSE(got.journal_unchanged) << cell << ": accepted but not journaled";
      } else {
        ++refused;
        EXPECT_TRUE(got.journal_unchanged) << cell << ": a refusal wrote to the journal";
        const std::string type(r.name.substr(0, r.name.find(' ')));
        EXPECT_NE(got.message.find(senders[col].describe()), std::string::npos)
            << cell << ": the refusal does not name the sender: " << got.message;
        EXPECT_NE(got.message.find(type), std::string::npos) << cell << ": the refusal does not name the event: " << got.message;
        EXPECT_NE(got.message.find(col == separate ? "16-2/0590" : "16-2/0581"), std::string::npos)
            << cell << ": the refusal does not name the case: " << got.message;
      }
    }
  }
  EXPECT_EQ(accepted + refused, static_cast<int>(std::size(rows) * column_count));
}

// The messages of the identity refusals, one of each kind.
TEST(permission_matrix, identity_refusals_say_why) {
  const auto message = [](std::string_view event_name, column col) {
    for (const auto &r : rows)
      if (r.name == event_name) return run_cell(r, col).message;
    return std::string("no such row");
  };
  EXPECT_EQ(message("acknowledge", not_on_item), "case 16-2/0581: acknowledge by unit 'mh-jsw': unit is not on the item");
  EXPECT_EQ(message("acknowledge", unknown_id),
            "case 16-2/0581: acknowledge by unit 'nobody': 'nobody' is not on the organisation chart");
  EXPECT_EQ(message("assign", other_office),
            "case 16-2/0581: assign by assigning office 'mh-office': the item belongs to office 'sh-office'");
  EXPECT_EQ(message("record_consultation", leader_none),
            "case 16-2/0581: record_consultation by supervising leader 'sh-vm-exec': the leader supervises no unit on the item");
  EXPECT_EQ(message("record_consultation", principal_other),
            "case 16-2/0581: record_consultation by principal leader 'mh-mayor': no unit on the item belongs to the leader's "
            "government 'minhang'");
  EXPECT_EQ(message("record_feedback", stranger),
            "case 16-2/0581: record_feedback by proposer side 'someone': 'someone' is neither a proposer of the item nor their "
            "liaison in registry 'registry.json'");
  EXPECT_EQ(message("record_feedback", item_office),
            "case 16-2/0581: record_feedback by assigning office 'sh-office': a rating is recorded by the proposer or their "
            "liaison (registry 'registry.json'); the office records only no_feedback");
}

TEST(permission_matrix, a_sender_of_the_wrong_kind_or_without_an_id_is_refused) {
  cf::memory_event_store store;
  cf::case_book book(shanghai_policy(), national_calendar(), minhang_chart());
  book.attach_journal(store);
  must(book.open(sample_info()));
  const std::string before = store.bytes();
  auto r = book.apply(item_l, ev::register_case(cf::actor::office("sh-jtw"), at(2024, 3, 1)));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, cf::errc::not_permitted);
  EXPECT_EQ(r.error().message, "case 16-2/0581: register_case by assigning office 'sh-jtw': 'sh-jtw' is a unit on the "
                               "organisation chart, not an office");
  r = book.apply(item_l, ev::register_case(cf::actor::office(), at(2024, 3, 1)));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "case 16-2/0581: register_case by assigning office: with an organisation chart a sender "
                               "names its id (an office of chart '闵行区建议提案办理组织架构')");
  must(book.apply(item_l, ev::register_case(cf::actor::office("sh-office"), at(2024, 3, 1))));
  const std::string registered = store.bytes();
  r = book.apply(item_l, ev::assign(cf::actor::office("sh-office"), at(2024, 3, 4), {{"sh-nowhere", assignment_role::lead}}));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, cf::errc::not_found);
  EXPECT_EQ(r.error().message, "case 16-2/0581: assign by assigning office 'sh-office': field 'units/0': unit 'sh-nowhere' is "
                               "not on the organisation chart");
  r = book.apply(item_l, ev::assign(cf::actor::office("sh-office"), at(2024, 3, 4), {{"sh-mayor", assignment_role::lead}}));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "case 16-2/0581: assign by assigning office 'sh-office': field 'units/0': 'sh-mayor' is a "
                               "principal leader on the organisation chart, not a unit");
  EXPECT_EQ(store.bytes(), registered);
  EXPECT_NE(before, registered);
}

TEST(permission_matrix, registrations_are_checked_against_the_chart_and_the_registry) {
  cf::memory_event_store store;
  cf::case_book book(shanghai_policy(), national_calendar(), minhang_chart());
  book.set_registry(test_registry());
  book.attach_journal(store);
  cf::case_info info = sample_info();
  info.registered_by = cf::actor::office("sh-jtw");
  auto r = book.open(info);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "case 16-2/0581: registration by assigning office 'sh-jtw': 'sh-jtw' is a unit on the "
                               "organisation chart, not an office");
  info.registered_by = cf::actor::office("sh-office");
  info.proposers.co_signers = {"李华", "钱多"};
  r = book.open(info);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "case 16-2/0581: registration by assigning office 'sh-office': field 'proposers.co_signers/1': "
                               "'钱多' is not a proposer in registry 'registry.json' (or the name is shared: give the id)");
  info.proposers = {"m-zhao", {}};
  r = book.open(info);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "case 16-2/0581: registration by assigning office 'sh-office': field 'proposers.lead': 'm-zhao' "
                               "is a member and does not make a deputy_suggestion");
  EXPECT_EQ(store.bytes(), "");
  // A registration naming no sender is the trusting default of older journals: accepted, and the office
  // that registers the item in the workflow becomes its office.
  info = sample_info();
  must(book.open(info));
  must(book.apply(item_l, ev::register_case(cf::actor::office("mh-office"), at(2024, 3, 1))));
  auto assigned = book.apply(item_l, ev::assign(cf::actor::office("sh-office"), at(2024, 3, 4), layout(false)));
  ASSERT_FALSE(assigned);
  EXPECT_EQ(assigned.error().message,
            "case 16-2/0581: assign by assigning office 'sh-office': the item belongs to office 'mh-office'");
  // The sender is journaled with the registration and replayed.
  cf::case_info named = sample_info("0582");
  named.registered_by = cf::actor::office("sh-office");
  must(book.open(named));
  auto replayed = cf::case_book::replay(store, shanghai_policy(), national_calendar(), minhang_chart(), test_registry());
  ASSERT_TRUE(replayed) << replayed.error().message;
  EXPECT_EQ(replayed->find(other_item)->info.registered_by, cf::actor::office("sh-office"));
  EXPECT_EQ(replayed->snapshot(), book.snapshot());
}

TEST(permission_matrix, without_a_chart_the_book_trusts_its_senders) {
  cf::case_book book(shanghai_policy(), national_calendar());
  must(book.open(sample_info()));
  must(book.apply(item_l, ev::register_case(cf::actor::office("anything"), at(2024, 3, 1))));
  must(book.apply(item_l, ev::assign(cf::actor::office("else"), at(2024, 3, 4), {{"xuhui", assignment_role::lead}})));
  must(book.apply(item_l, ev::acknowledge(cf::actor::unit("xuhui"), at(2024, 3, 5))));
}
