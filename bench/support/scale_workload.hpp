// A deterministic year-after-year workload for a provincial platform: N items registered over the working
// days of 2024 to early 2026, each living its own life - assignment to a lead unit and 0-4 co-handlers
// (or 2-3 units answering separately) out of 300 units, acknowledgements, opinions, a leader-led
// consultation, the reply, publication, the rating (one in ten dissatisfied, then re-handled), returns,
// extensions, disputes, closure and, for B replies, the follow-up - about 12 events an item. The lives
// are merged into one global time order and the book is ticked at the end of every day. Seeded: the same
// seed and N give the same calls, so every store, replay and restore sees the same book.
#pragma once

#include <caseflow/casebook.hpp>
#include <caseflow/workflow.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <queue>
#include <random>
#include <string>
#include <vector>

namespace caseflow::bench {

/// One call of the workload on the book.
struct workload_call {
  enum class kind { open, event, tick } what = kind::event;
  case_info info;        // open
  case_id id;            // event
  event e;               // event
  date day;              // tick
  bool catch_up = false; // tick: the first after the gap, which works through the days left out
  bool midpoint = false; // tick: the day the queries are measured on
};

struct workload_options {
  std::size_t items = 10'000;
  std::uint64_t seed = 2024;
  int units = 300;
  // The host stops ticking for 20 working days from here (its server was down), then ticks once.
  date gap_from{2025, 6, 2};
  int gap_workdays = 20;
  date midpoint{2025, 5, 30};
};

class scale_workload {
public:
  scale_workload(workload_options options, const work_calendar &calendar) : options_(options) {
    for (date d(2024, 1, 1); d <= date(2027, 12, 31); d += boost::gregorian::days(1))
      if (calendar.is_workday(d).value_or(false)) workdays_.push_back(d);
    // Items start on the working days up to the end of March 2026, so that their lives end in 2026.
    const auto last_start =
        static_cast<std::size_t>(std::lower_bound(workdays_.begin(), workdays_.end(), date(2026, 4, 1)) - workdays_.begin());
    std::mt19937_64 rng(options_.seed);
    starts_.resize(options_.items);
    for (auto &s : starts_)
      s = static_cast<std::uint32_t>(rng() % last_start);
    order_.resize(options_.items);
    for (std::size_t i = 0; i < order_.size(); ++i)
      order_[i] = static_cast<std::uint32_t>(i);
    std::stable_sort(order_.begin(), order_.end(), [&](auto a, auto b) { return starts_[a] < starts_[b]; });
    const auto gap = std::lower_bound(workdays_.begin(), workdays_.end(), options_.gap_from);
    gap_end_ = *(gap + options_.gap_workdays);
  }

  /// Calls `f` with every call of the workload, in order; stops early when `f` returns false.
  void run(const std::function<bool(const workload_call &)> &f) const {
    struct pending {
      timestamp at;
      std::uint32_t item;
      std::uint32_t step;
      bool operator>(const pending &o) const { return at != o.at ? at > o.at : item != o.item ? item > o.item : step > o.step; }
    };
    std::priority_queue<pending, std::vector<pending>, std::greater<>> due;
    std::vector<std::vector<std::pair<timestamp, event>>> lives(options_.items);
    std::size_t next_start = 0;
    workload_call call;
    const date first_day = workdays_[starts_[order_.front()]];
    for (date day = first_day; next_start < order_.size() || !due.empty(); day += boost::gregorian::days(1)) {
      while (next_start < order_.size() && workdays_[starts_[order_[next_start]]] == day) {
        const auto item = order_[next_start++];
        call.what = workload_call::kind::open;
        call.info = info_of(item);
        if (!f(call)) return;
        lives[item] = life_of(item);
        due.push({lives[item][0].first, item, 0});
      }
      while (!due.empty() && due.top().at.date() == day) {
        const auto p = due.top();
        due.pop();
        auto &life = lives[p.item];
        call.what = workload_call::kind::event;
        call.id = id_of(p.item);
        call.e = std::move(life[p.step].second);
        if (!f(call)) return;
        if (p.step + 1 < life.size())
          due.push({life[p.step + 1].first, p.item, p.step + 1});
        else
          std::vector<std::pair<timestamp, event>>().swap(life);
      }
      if (day >= options_.gap_from && day < gap_end_) continue;
      call.what = workload_call::kind::tick;
      call.day = day;
      call.catch_up = day == gap_end_;
      call.midpoint = day == options_.midpoint;
      if (!f(call)) return;
    }
  }

  std::size_t items() const noexcept { return options_.items; }
  static case_id id_of(std::uint32_t item) { return case_id{fmt::format("{}", 24 + item % 3), fmt::format("{:07}", item)}; }
  std::string unit_name(std::uint64_t u) const {
    return fmt::format("unit-{:03}", u % static_cast<std::uint64_t>(options_.units));
  }

private:
  // One stream of draws for an item's registration (tag 0) and one for its life (tag 1).
  std::mt19937_64 rng_of(std::uint32_t item, std::uint64_t tag) const {
    std::seed_seq seq{options_.seed, static_cast<std::uint64_t>(item), tag};
    return std::mt19937_64(seq);
  }

  case_info info_of(std::uint32_t item) const {
    auto rng = rng_of(item, 0);
    static const auto categories = category_list::defaults().names();
    case_info i;
    i.id = id_of(item);
    i.kind = rng() % 10 < 7 ? case_kind::deputy_suggestion : case_kind::cppcc_proposal;
    i.category = categories[rng() % categories.size()];
    i.proposers.lead = fmt::format("代表{}", rng() % 5000);
    for (auto n = rng() % 4; n > 0; --n)
      i.proposers.co_signers.push_back(fmt::format("代表{}", rng() % 5000));
    i.title = fmt::format("关于进一步完善第{}号事项相关工作的{}", item, i.kind == case_kind::deputy_suggestion ? "建议" : "提案");
    return i;
  }

  // The item's events, in time order: dates are working days counted from its start.
  std::vector<std::pair<timestamp, event>> life_of(std::uint32_t item) const {
    auto rng = rng_of(item, 1);
    const std::size_t s = starts_[item];
    const auto at = [&](std::size_t wd, int hour = 9) {
      return timestamp(workdays_[std::min(s + wd, workdays_.size() - 1)], boost::posix_time::hours(hour));
    };
    const auto chance = [&](int percent) { return static_cast<int>(rng() % 100) < percent; };
    std::vector<std::pair<timestamp, event>> out;
    const actor office = actor::office("province-office");
    out.emplace_back(at(0), events::register_case(office, at(0)));

    // Units: distinct draws out of the 300.
    const bool separate = chance(15);
    const int count = separate ? 2 + static_cast<int>(rng() % 2) : 1 + static_cast<int>(rng() % 5);
    std::vector<std::string> units;
    while (static_cast<int>(units.size()) < count) {
      auto u = unit_name(rng());
      if (std::find(units.begin(), units.end(), u) == units.end()) units.push_back(std::move(u));
    }
    std::vector<unit_assignment_spec> spec;
    for (std::size_t k = 0; k < units.size(); ++k)
      spec.push_back({units[k], separate ? assignment_role::separate
                                : k == 0 ? assignment_role::lead
                                         : assignment_role::co_handler});
    out.emplace_back(at(2), events::assign(office, at(2), spec));

    // One unit in 25 asks to hand the item back; the office gives it to another unit.
    std::size_t returning = units.size();
    if (chance(4)) {
      returning = rng() % units.size();
      std::string replacement;
      do
        replacement = unit_name(rng());
      while (std::find(units.begin(), units.end(), replacement) != units.end());
      const auto old = units[returning];
      out.emplace_back(at(3), events::acknowledge(actor::unit(old), at(3)));
      out.emplace_back(at(4), events::request_return(actor::unit(old), at(4), "不属于本单位职责"));
      out.emplace_back(at(6), events::approve_return(office, at(6), old, replacement));
      units[returning] = replacement;
      out.emplace_back(at(7), events::acknowledge(actor::unit(replacement), at(7)));
    }
    for (std::size_t k = 0; k < units.size(); ++k)
      if (k != returning) {
        const auto d = 3 + rng() % 3;
        out.emplace_back(at(d), events::acknowledge(actor::unit(units[k]), at(d)));
      }
    if (!separate)
      for (std::size_t k = 1; k < units.size(); ++k) {
        const auto d = 10 + rng() % 11;
        out.emplace_back(at(d), events::submit_opinion(actor::unit(units[k]), at(d)));
      }
    // A dispute over who does what: the lead unit raises it, or the office where units answer separately.
    if (chance(3))
      out.emplace_back(at(8, 10),
                       events::record_dispute(separate ? office : actor::unit(units[0]), at(8, 10), "职责分工存在争议"));
    const std::size_t repliers = separate ? units.size() : 1;
    for (std::size_t k = 0; k < repliers; ++k)
      out.emplace_back(at(25, 10), events::record_consultation(actor::unit(units[k]), at(25, 10), true));
    // Most replies come within the three months; one in twenty comes late.
    std::size_t reply_day = chance(5) ? 70 + rng() % 15 : 40 + rng() % 16;
    if (chance(8)) {
      const date until = workdays_[std::min(s + 80, workdays_.size() - 1)];
      out.emplace_back(at(35), events::request_extension(actor::unit(units[0]), at(35), until, "需协调相关部门"));
      out.emplace_back(at(36), events::approve_extension(office, at(36), units[0], until));
      reply_day += 20;
    }
    std::vector<reply_class> classes;
    for (std::size_t k = 0; k < repliers; ++k) {
      const auto draw = rng() % 10;
      classes.push_back(draw < 6 ? reply_class::a : draw < 9 ? reply_class::b : reply_class::c);
      out.emplace_back(at(reply_day + k, 14), events::reply(actor::unit(units[k]), at(reply_day + k, 14), classes[k]));
    }
    std::size_t day = reply_day + repliers + 1;
    const auto draw = rng() % 10;
    const disclosure published = draw < 8   ? disclosure::public_full_text
                                 : draw < 9 ? disclosure::public_summary
                                            : disclosure::on_request;
    out.emplace_back(at(day), events::decide_publication(office, at(day), published));
    day += 8;
    if (chance(10)) {
      out.emplace_back(at(day), events::record_feedback(office, at(day), satisfaction::dissatisfied));
      for (std::size_t k = 0; k < repliers; ++k) {
        out.emplace_back(at(day + 5), events::record_consultation(actor::unit(units[k]), at(day + 5), true));
        classes[k] = reply_class::a;
        out.emplace_back(at(day + 15 + k, 14), events::reply(actor::unit(units[k]), at(day + 15 + k, 14), classes[k]));
      }
      day += 25 + repliers;
    }
    out.emplace_back(at(day), events::record_feedback(office, at(day),
                                                      chance(75) ? satisfaction::satisfied : satisfaction::basically_satisfied));
    out.emplace_back(at(day + 2), events::close(office, at(day + 2)));
    for (std::size_t k = 0; k < repliers; ++k)
      if (classes[k] == reply_class::b)
        out.emplace_back(at(day + 60 + k), events::follow_up_reply(actor::unit(units[k]), at(day + 60 + k), reply_class::a));
    std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    return out;
  }

  workload_options options_;
  std::vector<date> workdays_;
  std::vector<std::uint32_t> starts_; // index into workdays_
  std::vector<std::uint32_t> order_;  // items by start
  date gap_end_;                      // the catch-up tick's day
};

} // namespace caseflow::bench
