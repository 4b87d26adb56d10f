#include <caseflow/clock.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace caseflow {

namespace detail {
namespace {

// A clock's active time on one calendar: working days after the start, less the paused ones.
// `active(d)` counts them up to d; `at(k)` is the first working day on which k have passed. Pauses are
// applied in order, each moving every day after its start by its working days - which is what keeps the
// points on or before a pause day where they were.
class timeline {
public:
  timeline(const work_calendar &cal, date start) : cal_(cal), start_(start) {}

  status<> add_pause(date from, date to) {
    auto n = cal_.workdays_between(from, to);
    if (!n) return failure{n.error()};
    pauses_.push_back({from, to, *n});
    return ok;
  }

  result<int> active(date d) const {
    auto total = cal_.workdays_between(start_, d);
    if (!total) return total;
    int count = *total;
    for (const auto &p : pauses_) {
      if (!(p.from < d)) continue;
      auto paused = cal_.workdays_between(p.from, std::min(p.to, d));
      if (!paused) return paused;
      count -= *paused;
    }
    return count;
  }

  result<date> at(int k) const {
    auto d = cal_.add_workdays(start_, k);
    if (!d) return d;
    for (const auto &p : pauses_) {
      if (!(*d > p.from) || p.workdays == 0) continue;
      d = cal_.add_workdays(*d, p.workdays);
      if (!d) return d;
    }
    return d;
  }

private:
  struct span {
    date from, to;
    int workdays;
  };
  const work_calendar &cal_;
  date start_;
  std::vector<span> pauses_;
};

struct computed {
  date due;
  int length = 0;
  std::vector<schedule_point> points;
};

// Merged points on one day: the earlier kind in this order wins.
// clang-format off
constexpr notice_kind merge_precedence[] = {notice_kind::reminder, notice_kind::warning, notice_kind::overdue};
// clang-format on

int precedence(notice_kind k) {
  for (std::size_t i = 0; i < std::size(merge_precedence); ++i)
    if (merge_precedence[i] == k) return static_cast<int>(i);
  return static_cast<int>(std::size(merge_precedence));
}

// The extension's new due date, given the due date before it.
result<date> extension_target(const extension_request &r, date due_before, const work_calendar &cal) {
  if (const auto *d = std::get_if<date>(&r.target)) return cal.next_workday(*d);
  return cal.add(due_before, std::get<period>(r.target));
}

// Due date and points from the start and history; an open pause (the last event) does not count yet.
result<computed> compute(const clock_rule &rule, date start, const std::vector<clock_event> &history, const work_calendar &cal) {
  auto base_due = cal.add(start, rule.length);
  if (!base_due) return failure{base_due.error()};
  timeline line(cal, start);
  auto n = line.active(*base_due);
  if (!n) return failure{n.error()};
  int length = *n;
  for (const auto &event : history) {
    if (const auto *p = std::get_if<pause_span>(&event)) {
      if (!p->to) continue;
      if (auto added = line.add_pause(p->from, *p->to); !added) return failure{added.error()};
      continue;
    }
    const auto &ext = std::get<extension_request>(event);
    auto due_before = line.at(length);
    if (!due_before) return failure{due_before.error()};
    auto target = extension_target(ext, *due_before, cal);
    if (!target) return failure{target.error()};
    auto k = line.active(*target);
    if (!k) return failure{k.error()};
    length = std::max(length, *k);
  }

  computed out;
  out.length = length;
  auto due = line.at(length);
  if (!due) return failure{due.error()};
  out.due = *due;
  auto add_point = [&](int k, notice_kind kind, int point) -> status<> {
    if (k <= 0) return ok; // on or before the start day: dropped
    auto on = line.at(k);
    if (!on) return failure{on.error()};
    out.points.push_back({*on, kind, point, false});
    return ok;
  };
  for (int w : rule.warnings.workdays_before)
    if (auto s = add_point(length - w, notice_kind::reminder, w); !s) return failure{s.error()};
  for (int p : rule.warnings.elapsed_percent) {
    // Rounded up: the first working day on which at least p % of the working time has passed.
    const long long k = (static_cast<long long>(p) * length + 99) / 100;
    if (auto s = add_point(static_cast<int>(k), notice_kind::warning, p); !s) return failure{s.error()};
  }
  out.points.push_back({out.due + boost::gregorian::days(1), notice_kind::overdue, 0, false});
  std::sort(out.points.begin(), out.points.end(), [](const schedule_point &a, const schedule_point &b) {
    return std::tuple(a.on, precedence(a.kind), a.point) < std::tuple(b.on, precedence(b.kind), b.point);
  });
  out.points.erase(std::unique(out.points.begin(), out.points.end(),
                               [](const schedule_point &a, const schedule_point &b) { return a.on == b.on; }),
                   out.points.end());
  return out;
}

} // namespace
} // namespace detail

result<extension_limits> extension_limits_for(const deadline_policy &policy, date assigned_on, const work_calendar &cal) {
  auto cap = cal.add(assigned_on, policy.extension_cap);
  if (!cap) return failure{cap.error()};
  return extension_limits{*cap, policy.extension_reason_required};
}

result<deadline_clock> deadline_clock::start(clock_key key, const clock_rule &rule, date on, const work_calendar &cal) {
  const std::string name = to_string(key);
  if (key.case_id.empty()) return fail(errc::invalid_argument, fmt::format("{}: a clock needs a case id", name));
  if (key.cycle < 1) return fail(errc::invalid_argument, fmt::format("{}: cycle {} is not 1 or more", name, key.cycle));
  if (on.is_special()) return fail(errc::invalid_argument, fmt::format("{}: start day is not a date", name));
  if (rule.length.count() < 1)
    return fail(errc::invalid_argument, fmt::format("{}: period '{}' is not 1 or more", name, rule.length.to_string()));
  for (int w : rule.warnings.workdays_before)
    if (w < 1)
      return fail(errc::invalid_argument, fmt::format("{}: reminder {} working days before due is not 1 or more", name, w));
  for (int p : rule.warnings.elapsed_percent)
    if (p < 1 || p > 100)
      return fail(errc::invalid_argument, fmt::format("{}: warning at {}% elapsed is not within 1..100", name, p));

  deadline_clock c;
  c.key_ = std::move(key);
  c.rule_ = rule;
  c.start_ = on;
  c.last_tick_ = on;
  c.last_event_ = on;
  if (auto built = c.rebuild(cal, false); !built) return failure{built.error()};
  return c;
}

result<deadline_clock> deadline_clock::start_until(clock_key key, clock_rule rule, date on, date due, const work_calendar &cal) {
  if (on.is_special() || due.is_special())
    return fail(errc::invalid_argument, fmt::format("{}: start or due day is not a date", to_string(key)));
  auto n = cal.workdays_between(on, due);
  if (!n) return failure{n.error()};
  auto working = cal.is_workday(due);
  if (!working) return failure{working.error()};
  if (*n < 1 || !*working)
    return fail(errc::invalid_argument, fmt::format("{}: due day {} is not a working day after the start {}", to_string(key),
                                                    to_string(due), to_string(on)));
  rule.length = workdays{*n};
  return start(std::move(key), rule, on, cal);
}

bool deadline_clock::paused() const noexcept {
  if (history_.empty()) return false;
  const auto *p = std::get_if<pause_span>(&history_.back());
  return p != nullptr && !p->to;
}

date deadline_clock::latest_day() const noexcept { return std::max(last_event_, last_tick_); }

namespace {
// Points after the day a running pause began wait for the resumption.
bool held(const schedule_point &p, const std::vector<clock_event> &history) {
  if (history.empty()) return false;
  const auto *pause = std::get_if<pause_span>(&history.back());
  return pause != nullptr && !pause->to && p.on > pause->from;
}
} // namespace

std::optional<date> deadline_clock::next_notice() const noexcept {
  if (stop_) return std::nullopt;
  std::optional<date> next;
  for (const auto &p : points_)
    if (!p.issued && !held(p, history_) && (!next || p.on < *next)) next = p.on;
  return next;
}

status<> deadline_clock::check_forward(std::string_view what, date on) const {
  if (on.is_special()) return fail(errc::invalid_argument, fmt::format("{}: {} day is not a date", to_string(key_), what));
  if (on < latest_day())
    return fail(errc::invalid_argument, fmt::format("{}: {} on {} is before the clock's latest recorded day {}", to_string(key_),
                                                    what, to_string(on), to_string(latest_day())));
  return ok;
}

status<> deadline_clock::rebuild(const work_calendar &cal, bool reissue_after_last_tick) {
  auto built = detail::compute(rule_, start_, history_, cal);
  if (!built) return failure{built.error()};
  for (auto &p : built->points) {
    const auto old = std::find_if(points_.begin(), points_.end(),
                                  [&](const schedule_point &o) { return o.kind == p.kind && o.point == p.point; });
    if (reissue_after_last_tick && p.on > last_tick_)
      p.issued = false;
    else if (old != points_.end())
      p.issued = old->issued;
    else
      p.issued = p.on <= last_tick_; // a point new to the schedule that lies in the past is not announced late
  }
  due_ = built->due;
  length_ = built->length;
  points_ = std::move(built->points);
  return ok;
}

status<> deadline_clock::pause(date on, const work_calendar &cal) {
  const std::string name = to_string(key_);
  if (stop_)
    return fail(errc::invalid_state, fmt::format("{}: cannot pause: the clock stopped on {}", name, to_string(stop_->on)));
  if (paused())
    return fail(errc::invalid_state, fmt::format("{}: cannot pause on {}: paused since {}", name, to_string(on),
                                                 to_string(std::get<pause_span>(history_.back()).from)));
  if (auto f = check_forward("pause", on); !f) return f;
  if (auto covered = cal.is_workday(on); !covered) return failure{covered.error()};
  history_.emplace_back(pause_span{on, std::nullopt});
  last_event_ = on;
  return ok;
}

status<> deadline_clock::resume(date on, const work_calendar &cal) {
  if (!paused())
    return fail(errc::invalid_state,
                fmt::format("{}: cannot resume on {}: the clock is not paused", to_string(key_), to_string(on)));
  if (auto f = check_forward("resume", on); !f) return f;
  deadline_clock next = *this;
  std::get<pause_span>(next.history_.back()).to = on;
  if (auto built = next.rebuild(cal, false); !built) return built;
  next.last_event_ = on;
  *this = std::move(next);
  return ok;
}

status<> deadline_clock::extend(const extension_request &request, const extension_limits &limits, const work_calendar &cal) {
  const std::string name = to_string(key_);
  if (stop_)
    return fail(errc::invalid_state, fmt::format("{}: cannot extend: the clock stopped on {}", name, to_string(stop_->on)));
  if (paused())
    return fail(errc::invalid_state, fmt::format("{}: cannot extend while paused (since {}): resume first", name,
                                                 to_string(std::get<pause_span>(history_.back()).from)));
  if (auto f = check_forward("extension", request.on); !f) return f;
  if (limits.reason_required && request.reason.find_first_not_of(" \t\r\n") == std::string::npos)
    return fail(errc::invalid_argument, fmt::format("{}: an extension needs a reason", name));
  auto target = detail::extension_target(request, due_, cal);
  if (!target) return failure{target.error()};
  if (*target <= due_)
    return fail(errc::invalid_argument, fmt::format("{}: extension to {} does not move the due date {} later", name,
                                                    to_string(*target), to_string(due_)));
  if (*target > limits.cap)
    return fail(errc::invalid_argument,
                fmt::format("{}: extension to {} is past the cap {}", name, to_string(*target), to_string(limits.cap)));
  deadline_clock next = *this;
  next.history_.emplace_back(request);
  if (auto built = next.rebuild(cal, true); !built) return built;
  if (next.due_ != *target)
    return fail(errc::invalid_argument, fmt::format("{}: extension to {} falls in paused time; the due date would be {}", name,
                                                    to_string(*target), to_string(next.due_)));
  next.last_event_ = request.on;
  *this = std::move(next);
  return ok;
}

result<stop_record> deadline_clock::stop(date on, const work_calendar &cal) {
  if (stop_)
    return fail(errc::invalid_state,
                fmt::format("{}: cannot stop on {}: stopped on {}", to_string(key_), to_string(on), to_string(stop_->on)));
  if (auto f = check_forward("stop", on); !f) return failure{f.error()};
  deadline_clock next = *this;
  if (next.paused())
    if (auto r = next.resume(on, cal); !r) return failure{r.error()};
  stop_record rec{on, on <= next.due_, 0};
  if (!rec.on_time) {
    auto counted = cal.next_workday(on);
    if (!counted) return failure{counted.error()};
    auto late = cal.workdays_between(next.due_, *counted);
    if (!late) return failure{late.error()};
    rec.workdays_late = *late;
  }
  next.stop_ = rec;
  next.last_event_ = on;
  *this = std::move(next);
  return rec;
}

status<> deadline_clock::reopen(date on, const work_calendar &cal) {
  if (!stop_)
    return fail(errc::invalid_state,
                fmt::format("{}: cannot reopen on {}: the clock has not stopped", to_string(key_), to_string(on)));
  if (auto f = check_forward("reopen", on); !f) return f;
  deadline_clock next = *this;
  const date stopped_on = stop_->on;
  next.history_.emplace_back(pause_span{stopped_on, on});
  next.stop_.reset();
  if (auto built = next.rebuild(cal, false); !built) return built;
  for (auto &p : next.points_)
    if (p.on <= stopped_on) p.issued = true;
  next.last_event_ = on;
  *this = std::move(next);
  return ok;
}

result<deadline_clock> deadline_clock::next_cycle(date on, const clock_rule &rule, const work_calendar &cal) const {
  if (auto f = check_forward("new cycle", on); !f) return failure{f.error()};
  clock_key key = key_;
  ++key.cycle;
  return start(std::move(key), rule, on, cal);
}

result<deadline_clock> deadline_clock::restart(date on, rehandling_cycle how, const clock_rule &rule,
                                               const work_calendar &cal) const {
  if (how == rehandling_cycle::new_cycle) return next_cycle(on, rule, cal);
  deadline_clock same = *this;
  if (auto r = same.reopen(on, cal); !r) return failure{r.error()};
  return same;
}

result<deadline_clock> deadline_clock::recomputed(const work_calendar &cal) const {
  if (stop_)
    return fail(errc::invalid_state,
                fmt::format("{}: a stopped clock (stopped on {}) is not recomputed", to_string(key_), to_string(stop_->on)));
  deadline_clock next = *this;
  if (auto built = next.rebuild(cal, false); !built) return failure{built.error()};
  return next;
}

result<std::vector<notice>> deadline_clock::notices_due(date now, const work_calendar &cal) const {
  std::vector<notice> out;
  if (stop_) return out;
  for (const auto &p : points_) {
    if (p.issued || p.on > now || held(p, history_)) continue;
    notice n{p.kind, key_, due_, p.on, now, p.point, 0};
    if (p.kind == notice_kind::overdue) {
      auto counted = cal.next_workday(now);
      if (!counted) return failure{counted.error()};
      auto late = cal.workdays_between(due_, *counted);
      if (!late) return failure{late.error()};
      n.workdays = *late;
    } else {
      auto left = cal.workdays_between(now, due_);
      if (!left) return failure{left.error()};
      n.workdays = std::max(0, *left);
    }
    out.push_back(std::move(n));
  }
  return out;
}

void deadline_clock::mark_issued_through(date now) noexcept {
  if (stop_) return;
  for (auto &p : points_)
    if (!p.issued && p.on <= now && !held(p, history_)) p.issued = true;
  last_tick_ = std::max(last_tick_, now);
}

bool deadline_clock::rests_on_provisional_days(const work_calendar &cal) const noexcept {
  return cal.is_provisional(due_) ||
         std::any_of(points_.begin(), points_.end(), [&](const schedule_point &p) { return cal.is_provisional(p.on); });
}

} // namespace caseflow
