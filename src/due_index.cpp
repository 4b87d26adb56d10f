#include <caseflow/due_index.hpp>

#include <boost/container_hash/hash.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <string_view>

namespace caseflow {

due_index::due_index(const due_index &other) : clocks_(other.clocks_), last_tick_(other.last_tick_) {
  // The queue holds iterators into the clock map, so it is rebuilt rather than copied.
  for (auto it = clocks_.begin(); it != clocks_.end(); ++it) {
    by_key_.insert(it);
    enqueue(it);
  }
}

std::size_t due_index::key_hash::operator()(const clock_key &key) const noexcept {
  std::size_t h = std::hash<std::string_view>{}(key.case_id);
  boost::hash_combine(h, std::hash<std::string_view>{}(key.unit_id));
  boost::hash_combine(h, static_cast<std::size_t>(key.kind));
  boost::hash_combine(h, key.cycle);
  return h;
}

due_index &due_index::operator=(const due_index &other) {
  if (this != &other) {
    due_index copy(other);
    *this = std::move(copy);
  }
  return *this;
}

std::optional<date> due_index::next_notice() const noexcept {
  if (queue_.empty()) return std::nullopt;
  return queue_.begin()->first;
}

void due_index::dequeue(clock_map::iterator it) {
  if (const auto day = it->second.next_notice()) queue_.erase(queue_item{*day, it});
}

void due_index::enqueue(clock_map::iterator it) {
  if (const auto day = it->second.next_notice()) queue_.insert(queue_item{*day, it});
}

result<due_index::clock_map::iterator> due_index::lookup(const clock_key &key) {
  auto it = by_key_.find(clocks_, key);
  if (it == clocks_.end()) return fail(errc::not_found, fmt::format("{}: no such clock is held", to_string(key)));
  return it;
}

// NOLINTNEXTLINE(performance-unnecessary-value-param): moved into the map below, a move clang-tidy 14 does not see
status<> due_index::add(deadline_clock clock) {
  if (clock.stopped())
    return fail(errc::invalid_argument, fmt::format("{}: a stopped clock (stopped on {}) is not held", to_string(clock.key()),
                                                    to_string(clock.stop_info()->on)));
  auto [it, inserted] = by_key_.try_emplace(clocks_, clock.key(), std::move(clock));
  if (!inserted) return fail(errc::conflict, fmt::format("{}: a clock with this key is already held", to_string(it->first)));
  enqueue(it);
  return ok;
}

result<deadline_clock> due_index::remove(const clock_key &key) {
  auto it = lookup(key);
  if (!it) return failure{it.error()};
  dequeue(*it);
  deadline_clock out = std::move((*it)->second);
  by_key_.erase((*it)->first);
  clocks_.erase(*it);
  return out;
}

const deadline_clock *due_index::find(const clock_key &key) const noexcept {
  const auto it = by_key_.find(clocks_, key);
  return it == clocks_.end() ? nullptr : &it->second;
}

// Takes the clock out of the queue, lets `op` change it (a clock is unchanged when op fails), and puts it
// back under its new next notice day.
template <class Op> status<> due_index::change(const clock_key &key, Op op) {
  auto it = lookup(key);
  if (!it) return failure{it.error()};
  dequeue(*it);
  status<> s = op((*it)->second);
  enqueue(*it);
  return s;
}

status<> due_index::pause(const clock_key &key, date on, const work_calendar &cal) {
  return change(key, [&](deadline_clock &c) { return c.pause(on, cal); });
}

status<> due_index::resume(const clock_key &key, date on, const work_calendar &cal) {
  return change(key, [&](deadline_clock &c) { return c.resume(on, cal); });
}

status<> due_index::extend(const clock_key &key, const extension_request &request, const extension_limits &limits,
                           const work_calendar &cal) {
  return change(key, [&](deadline_clock &c) { return c.extend(request, limits, cal); });
}

result<deadline_clock> due_index::stop(const clock_key &key, date on, const work_calendar &cal) {
  auto it = lookup(key);
  if (!it) return failure{it.error()};
  deadline_clock stopped = (*it)->second;
  if (auto rec = stopped.stop(on, cal); !rec) return failure{rec.error()};
  dequeue(*it);
  by_key_.erase((*it)->first);
  clocks_.erase(*it);
  return stopped;
}

result<std::vector<notice>> due_index::tick(date now, const work_calendar &cal) {
  if (now.is_special()) return fail(errc::invalid_argument, "tick day is not a date");
  if (last_tick_ && now < *last_tick_)
    return fail(errc::invalid_argument,
                fmt::format("tick on {} is before the last tick on {}", to_string(now), to_string(*last_tick_)));

  // Gather first, change after: an error half way leaves every clock as it was.
  std::vector<notice> out;
  std::vector<queue_type::iterator> due;
  for (auto q = queue_.begin(); q != queue_.end() && q->first <= now; ++q) {
    auto notices = q->second->second.notices_due(now, cal);
    if (!notices) return failure{notices.error()};
    out.insert(out.end(), std::make_move_iterator(notices->begin()), std::make_move_iterator(notices->end()));
    due.push_back(q);
  }
  for (const auto q : due) {
    const auto it = q->second;
    queue_.erase(q);
    it->second.mark_issued_through(now);
    enqueue(it);
  }
  last_tick_ = now;
  std::stable_sort(out.begin(), out.end(), [](const notice &a, const notice &b) {
    if (a.on != b.on) return a.on < b.on;
    return a.clock < b.clock;
  });
  return out;
}

result<std::vector<deadline_clock>> due_index::recomputed(const work_calendar &cal) const {
  std::vector<deadline_clock> out;
  out.reserve(clocks_.size());
  for (const auto &[key, clock] : clocks_) {
    auto moved = clock.recomputed(cal);
    if (!moved) return failure{moved.error()};
    out.push_back(std::move(*moved));
  }
  return out;
}

namespace {
std::vector<due_change> changes_between(const std::map<clock_key, deadline_clock> &before,
                                        const std::vector<deadline_clock> &after) {
  std::vector<due_change> out;
  auto next = after.begin();
  for (const auto &[key, clock] : before) {
    if (clock.due() != next->due()) out.push_back({key, clock.due(), next->due()});
    ++next;
  }
  return out;
}
} // namespace

result<std::vector<due_change>> due_index::recompute_preview(const work_calendar &cal) const {
  auto after = recomputed(cal);
  if (!after) return failure{after.error()};
  return changes_between(clocks_, *after);
}

result<std::vector<due_change>> due_index::recompute(const work_calendar &cal) {
  auto after = recomputed(cal);
  if (!after) return failure{after.error()};
  auto changes = changes_between(clocks_, *after);
  auto next = after->begin();
  for (auto it = clocks_.begin(); it != clocks_.end(); ++it, ++next) {
    dequeue(it);
    it->second = std::move(*next);
    enqueue(it);
  }
  return changes;
}

} // namespace caseflow
