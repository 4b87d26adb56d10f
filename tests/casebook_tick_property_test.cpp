// Random books (fixed seeds, so failures replay): the same events given to a book ticked every day and to
// one ticked only now and then - before a day's events when days were missed, and at random - end with the
// same notices (dates, counts and texts), the same escalation moves and tracks, and the same clocks. A
// tick on day D issues what ticking every day up to D would have, at every level and for every clock.
#include <caseflow/casebook.hpp>

#include "support/book_driver.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace cf = caseflow;
using namespace cf::testing;
namespace ev = cf::events;
using cf::assignment_role;
using cf::case_state;
using cf::unit_state;

namespace {

// Units of the Minhang chart, so that escalation routes.
const std::vector<std::string> unit_pool = {"mh-jsw", "mh-jtw", "mh-ghzyj", "mh-fgw", "mh-czj", "mh-kw", "mh-swj", "mh-nyw"};

class generator {
public:
  explicit generator(std::uint32_t seed) : rng_(seed) {}
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <class T> const T &one_of(const std::vector<T> &v) {
    return v[static_cast<std::size_t>(pick(static_cast<int>(v.size())))];
  }

  std::vector<cf::unit_assignment_spec> assignment() {
    std::vector<std::string> units = unit_pool;
    std::shuffle(units.begin(), units.end(), rng_);
    std::vector<cf::unit_assignment_spec> out;
    if (chance(0.15)) {
      for (int i = 0; i < 2; ++i)
        out.push_back({units[static_cast<std::size_t>(i)], assignment_role::separate});
      return out;
    }
    out.push_back({units[0], assignment_role::lead});
    for (int i = 0, n = pick(3); i < n; ++i)
      out.push_back({units[static_cast<std::size_t>(i + 1)], assignment_role::co_handler});
    return out;
  }

  // A change that makes sense for the case as it stands (it may still be refused: then both books must
  // refuse it alike).
  using change = std::variant<cf::event, cf::escalation_input>;
  std::optional<change> next(const cf::case_record &c, const cf::escalation_track &track, cf::date day) {
    const cf::timestamp t(day, boost::posix_time::hours(9 + pick(8)));
    std::vector<const cf::unit_assignment *> live;
    for (const auto &u : c.units)
      if (u.state != unit_state::returned) live.push_back(&u);
    const auto some = [&]() -> const cf::unit_assignment & { return *one_of(live); };
    switch (c.state) {
    case case_state::received: return ev::register_case(office(), t);
    case case_state::registered: return ev::assign(office(), t, assignment());
    case case_state::handling: {
      const auto &u = some();
      const cf::actor by = unit(u.unit);
      const bool replier = u.role != assignment_role::co_handler;
      switch (pick(12)) {
      case 0: return ev::acknowledge(by, t);
      case 1: return ev::request_return(by, t, "not our remit");
      case 2: {
        std::string other;
        do
          other = one_of(unit_pool);
        while (other == u.unit);
        return chance(0.5) ? ev::approve_return(office(), t, u.unit, other) : ev::refuse_return(office(), t, u.unit, "ours");
      }
      case 3: return replier ? ev::record_consultation(by, t, true) : ev::submit_opinion(by, t);
      case 4:
        if (chance(0.3)) return ev::record_dispute(by, t, "who pays");
        return cf::escalation_input::raise(cf::escalation_trigger::marked_difficult, day, {u.unit});
      case 5: {
        const cf::date until = c.assigned_on + boost::gregorian::months(4);
        return chance(0.5) ? ev::request_extension(by, t, until, "budget") : ev::approve_extension(office(), t, u.unit, until);
      }
      case 8: return replier ? ev::report_progress(by, t) : ev::acknowledge(by, t);
      case 6:
      case 7:
        return replier ? ev::reply(by, t, chance(0.3) ? cf::reply_class::b : cf::reply_class::a) : ev::submit_opinion(by, t);
      default: break;
      }
      break;
    }
    case case_state::replied:
      if (chance(0.3)) return ev::decide_publication(office(), t, cf::disclosure::public_full_text);
      return ev::record_feedback(office(), t, chance(0.4) ? cf::satisfaction::dissatisfied : cf::satisfaction::satisfied);
    case case_state::rehandling:
      if (chance(0.3)) return ev::record_consultation(office(), t, true);
      return ev::reply(unit(some().unit), t, cf::reply_class::a);
    case case_state::feedback_received:
      return chance(0.5) ? ev::decide_publication(office(), t, cf::disclosure::on_request) : ev::close(office(), t);
    case case_state::following_up: return ev::follow_up_reply(unit(some().unit), t, cf::reply_class::a);
    case case_state::closed: return std::nullopt;
    }
    // Now and then the routed person decides the item's level.
    if (const auto *stage = track.current_stage(); stage && chance(0.5)) {
      const cf::actor by = track.level == cf::escalation_level::office               ? cf::actor::office(stage->who)
                           : track.level == cf::escalation_level::supervising_leader ? cf::actor::supervising_leader(stage->who)
                                                                                     : cf::actor::principal_leader(stage->who);
      return cf::escalation_input::resolve(by, day, "decided");
    }
    return std::nullopt;
  }

private:
  std::mt19937 rng_;
};

cf::status<cf::rejection> give(cf::case_book &book, const cf::case_id &id, const generator::change &c) {
  if (const auto *e = std::get_if<cf::event>(&c)) return book.apply(id, *e);
  return book.escalate(id, std::get<cf::escalation_input>(c));
}

std::vector<std::string> texts(const std::vector<cf::notice> &notices) {
  std::vector<std::string> out;
  for (const auto &n : notices)
    out.push_back(cf::to_string(n) + " issued " + cf::to_string(n.issued));
  return out;
}

std::vector<std::string> texts(const std::vector<cf::escalation_notice> &notices) {
  std::vector<std::string> out;
  for (const auto &n : notices)
    out.push_back(cf::to_string(n));
  return out;
}

// One random book life given to both books; the last day is a long way after the last event, so the
// final tick catches up on months of windows, reminders and overdue notices.
struct coverage {
  int climbs = 0;            // escalation moves up a level
  int principal_overdue = 0; // principal leader's windows gone late
  int long_catch_ups = 0;    // sparse ticks covering more than two weeks
  int progress = 0;          // progress report notices
};

void run(std::uint32_t seed, coverage &seen) {
  generator gen(seed);
  cf::memory_event_store daily_store, sparse_store;
  cf::case_book daily(shanghai_policy(), national_calendar(), minhang_chart());
  cf::case_book sparse(shanghai_policy(), national_calendar(), minhang_chart());
  daily.attach_journal(daily_store);
  sparse.attach_journal(sparse_store);
  std::vector<cf::case_id> ids;
  const int cases = 4 + gen.pick(6);
  for (int i = 0; i < cases; ++i) {
    auto info = sample_info(fmt::format("{:04}", i));
    info.id.session = "16-2";
    info.key_item = gen.chance(0.3); // key and leader-supervised items report progress
    info.leader_supervised = gen.chance(0.2);
    ids.push_back(info.id);
    ASSERT_TRUE(daily.open(info));
    ASSERT_TRUE(sparse.open(info));
  }
  const cf::date first(2024, 1, 2), last_event(2024, 10, 31), end(2025, 3, 31);
  std::optional<cf::date> sparse_tick;
  int events = 0;
  for (cf::date d = first; d <= end; d += boost::gregorian::days(1)) {
    const bool event_day = d <= last_event && gen.chance(0.2);
    if (event_day) {
      // A host that missed days catches up before it records what happened today.
      const cf::date yesterday = d - boost::gregorian::days(1);
      if (!sparse_tick || *sparse_tick < yesterday) {
        ASSERT_TRUE(sparse.tick(yesterday)) << cf::to_string(yesterday);
        sparse_tick = yesterday;
      }
      for (const auto &id : ids) {
        if (!gen.chance(0.6)) continue;
        const auto c = daily.find(id).value();
        const auto change = gen.next(c, daily.escalation_of(id).value(), d);
        if (!change) continue;
        const auto a = give(daily, id, *change);
        const auto b = give(sparse, id, *change);
        ASSERT_EQ(a.has_value(), b.has_value()) << "seed " << seed << " " << cf::to_string(d) << " case " << id.to_string()
                                                << ": " << (a ? b.error().message : a.error().message);
        if (!a) {
          ASSERT_EQ(a.error().message, b.error().message);
        }
        events += a.has_value();
      }
    }
    ASSERT_TRUE(daily.tick(d)) << cf::to_string(d);
    if (d == end || gen.chance(0.03)) {
      if (sparse_tick && (d - *sparse_tick).days() > 14) ++seen.long_catch_ups;
      ASSERT_TRUE(sparse.tick(d)) << cf::to_string(d);
      sparse_tick = d;
    }
  }
  ASSERT_GT(events, 10) << "seed " << seed << ": too quiet a book proves little";
  for (const auto &id : ids) {
    SCOPED_TRACE("seed " + std::to_string(seed) + " case " + id.to_string());
    EXPECT_EQ(texts(sparse.notices_of(id)), texts(daily.notices_of(id)));
    EXPECT_EQ(texts(sparse.escalation_notices_of(id)), texts(daily.escalation_notices_of(id)));
    EXPECT_EQ(sparse.escalation_of(id), daily.escalation_of(id));
    EXPECT_EQ(sparse.find(id), daily.find(id));
    for (const auto &n : daily.escalation_notices_of(id))
      seen.climbs += n.why == cf::escalation_reason::window_ran_out || n.why == cf::escalation_reason::level_skipped;
    for (const auto &n : daily.notices_of(id))
      seen.principal_overdue += n.kind == cf::notice_kind::overdue && n.clock.kind == cf::clock_kind::escalation_principal_leader;
    for (const auto &n : daily.notices_of(id))
      seen.progress += n.clock.kind == cf::clock_kind::progress_report;
  }
  EXPECT_EQ(sparse.finished_clocks(), daily.finished_clocks());
  EXPECT_EQ(sparse.overdue_on(end), daily.overdue_on(end));

  // The sparse book's journal replays to it, catch-up ticks and all.
  auto again = cf::case_book::replay(sparse_store, shanghai_policy(), national_calendar(), minhang_chart());
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->snapshot(), sparse.snapshot());
}

} // namespace

TEST(catch_up_ticks, issue_what_daily_ticks_issue_on_random_books) {
  coverage seen;
  for (std::uint32_t seed = 1; seed <= 40; ++seed) {
    run(seed * 7919u, seen);
    if (HasFailure()) return;
  }
  // The books must have climbed the ladder and let the principal leader's window go late, in spans
  // that sparse ticks covered at once, or the equivalence proves little.
  EXPECT_GT(seen.climbs, 20);
  EXPECT_GT(seen.principal_overdue, 5);
  EXPECT_GT(seen.long_catch_ups, 40);
  EXPECT_GT(seen.progress, 40);
}
