// due_index: the open deadline clocks, ordered by the day of their next notice, and the tick that
// issues the notices that have fallen due.
//
// Why an index. A host holds tens of thousands of open clocks and ticks once a day or more; on a given
// day only a few dozen have something to say. The index keeps every open clock in a queue ordered by
// the day of its next notice, so tick(now) takes clocks from the front while their day is not after
// `now`: its cost is proportional to the notices it returns (times log n), never a scan of all clocks.
// Clocks are held and changed by key; each change re-queues only that clock. Stopped clocks leave.
//
// Ticks. tick(now) returns the notices whose points fall in (last tick, now], each exactly once: a
// second tick on the same day returns nothing, and a day before the last tick is refused and changes
// nothing. A point that a clock has not issued and that lies on or before the last tick - a clock added
// late, or moved by a pause, an extension or a new calendar - is issued by the next tick rather than
// lost. Notices come out ordered by (point day, clock key, point day order within the clock).
//
// Calendars. The index does not hold a calendar: every call that counts days takes one, and it must be
// the calendar the clocks were built on. When a new calendar arrives, recompute() moves every clock onto
// it (recompute_preview() answers what would change without changing anything).
//
// Not thread-safe: one writer at a time, like a standard container.
#pragma once

#include <caseflow/calendar.hpp>
#include <caseflow/clock.hpp>
#include <caseflow/detail/hashed_lookup.hpp>
#include <caseflow/error.hpp>
#include <caseflow/notice.hpp>

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace caseflow {

/// A due date moved by a new calendar.
struct due_change {
  clock_key key;
  date old_due;
  date new_due;
  friend bool operator==(const due_change &, const due_change &) = default;
};

class due_index {
public:
  due_index() = default;
  due_index(const due_index &other);
  due_index &operator=(const due_index &other);
  due_index(due_index &&) noexcept = default;
  due_index &operator=(due_index &&) noexcept = default;
  ~due_index() = default;

  /// Holds an open clock. errc::conflict when its key is already held; errc::invalid_argument for a
  /// stopped clock.
  status<> add(deadline_clock clock);
  /// Takes a clock out and hands it back. errc::not_found for an unknown key.
  result<deadline_clock> remove(const clock_key &key);
  /// The clock of `key`, or nullptr.
  const deadline_clock *find(const clock_key &key) const noexcept;
  /// Number of clocks held.
  std::size_t size() const noexcept { return clocks_.size(); }
  /// Every clock held, by key.
  const std::map<clock_key, deadline_clock> &clocks() const noexcept { return clocks_; }
  /// The day of the last tick, if any.
  std::optional<date> last_tick() const noexcept { return last_tick_; }
  /// Sets the day of the last tick, for an index rebuilt from a snapshot (its clocks carry their own
  /// issued points). Ticks before it are refused from then on.
  void restore_last_tick(date day) noexcept { last_tick_ = day; }
  /// The earliest day on which a held clock has a notice to issue.
  std::optional<date> next_notice() const noexcept;

  /// deadline_clock::pause on the clock of `key` (errc::not_found for an unknown key).
  status<> pause(const clock_key &key, date on, const work_calendar &cal);
  /// deadline_clock::resume on the clock of `key`.
  status<> resume(const clock_key &key, date on, const work_calendar &cal);
  /// deadline_clock::extend on the clock of `key`.
  status<> extend(const clock_key &key, const extension_request &request, const extension_limits &limits,
                  const work_calendar &cal);
  /// deadline_clock::stop on the clock of `key`; the stopped clock leaves the index and is handed back.
  result<deadline_clock> stop(const clock_key &key, date on, const work_calendar &cal);

  /// The notices that fell due in (last tick, now] (see the file comment). errc::invalid_argument,
  /// naming both days, when `now` is before the last tick; errc::out_of_range when counting working days
  /// leaves the calendar. Nothing changes on error.
  result<std::vector<notice>> tick(date now, const work_calendar &cal);

  /// Moves every clock onto `cal` (see deadline_clock::recomputed) and lists the due dates that moved, by
  /// key. Nothing changes on error (e.g. a clock the new calendar does not cover).
  result<std::vector<due_change>> recompute(const work_calendar &cal);
  /// The list recompute(cal) would return; changes nothing.
  result<std::vector<due_change>> recompute_preview(const work_calendar &cal) const;

private:
  using clock_map = std::map<clock_key, deadline_clock>;
  using queue_item = std::pair<date, clock_map::iterator>;
  // Within a day the queue's order is only an order: tick sorts what it issues by (day, key). Comparing
  // nodes by address spares a walk down the queue a visit to each clock's key (a cache miss apiece in a
  // provincial book).
  struct by_day_then_node {
    bool operator()(const queue_item &a, const queue_item &b) const {
      if (a.first != b.first) return a.first < b.first;
      return std::less<const void *>{}(&*a.second, &*b.second);
    }
  };
  using queue_type = std::set<queue_item, by_day_then_node>;
  struct key_hash {
    std::size_t operator()(const clock_key &key) const noexcept;
  };

  result<clock_map::iterator> lookup(const clock_key &key);
  void dequeue(clock_map::iterator it);
  void enqueue(clock_map::iterator it);
  result<std::vector<deadline_clock>> recomputed(const work_calendar &cal) const; // in key order
  template <class Op> status<> change(const clock_key &key, Op op);

  // A clock is queued under its next_notice(): it is taken out of the queue before it changes and put
  // back after, so that day can always be found again.
  clock_map clocks_;
  detail::hashed_lookup<clock_map, key_hash> by_key_; // finds a clock of clocks_ by hash
  queue_type queue_;
  std::optional<date> last_tick_;
};

} // namespace caseflow
