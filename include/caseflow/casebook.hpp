// case_book: many cases, their clocks and their notices, kept consistent with a journal.
//
// The book is what a host embeds. It takes registrations and events, checks each through the workflow,
// writes it to the journal (when one is attached) and only then lets it take effect: the case, the
// indexes (by unit and role, by state, by due date) and the deadline clocks the transition implies
// (case_clocks.hpp). tick(now) issues the reminders, warnings and overdue notices that fell due, writes
// them to the journal and keeps them with their case. Two kinds are left out: a return window that
// closes is no obligation gone late (the clock just ends), and a reminder or warning that a late tick
// finds after its clock's due date is superseded by the overdue notice. Queries answer what supervisors ask: a unit's
// items, items in a state, what is due within N working days, what is overdue on a day.
//
// Escalation. Given an organisation chart, the book keeps one escalation track per case (escalation.hpp):
// escalate() takes what the workflow has no event for (a unit marks the item difficult, a leader's
// decision); a recorded dispute, a dissatisfied rating after re-handling, and in tick an overdue opinion
// or reply or the reply's last warning raise triggers of their own, and a level's window that runs out
// moves the track up. The windows are clocks like the others (clocks_of, due_within); an escalation
// notice replaces the overdue notice of an office or supervising leader's window. Escalation notices
// are journaled after the record that caused them ("escalation_notice") and checked on replay.
// Without a chart nothing is derived and escalate() is refused.
//
// Failure. A refused event or registration changes nothing. If the journal cannot be written, the
// change does not take effect (apply) or, for a tick whose notices were already taken from the clocks,
// the book stops accepting writes (errc::io_error) until it is rebuilt from the journal with replay():
// the journal is the truth, and nothing it does not hold is acknowledged.
//
// Threads. The book owns no thread. Any number of threads may call the const queries while one thread
// writes (open, apply, tick): a reader-writer lock guards the state, and queries return copies.
// Observers are called on the writing thread after the change took effect and after the lock is
// released, in the order of the changes, so they may query the book (but must not write to it).
#pragma once

#include <caseflow/calendar.hpp>
#include <caseflow/case_clocks.hpp>
#include <caseflow/clock.hpp>
#include <caseflow/due_index.hpp>
#include <caseflow/escalation.hpp>
#include <caseflow/event_store.hpp>
#include <caseflow/journal.hpp>
#include <caseflow/model.hpp>
#include <caseflow/notice.hpp>
#include <caseflow/org.hpp>
#include <caseflow/policy.hpp>
#include <caseflow/workflow.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <vector>

namespace caseflow {

/// A clock that is due: which, and when.
struct due_item {
  clock_key clock;
  date due;
  friend bool operator==(const due_item &, const due_item &) = default;
};

/// How a finished clock ended: met (on time or late), or ended with its case.
struct finished_clock {
  clock_key clock;
  date started;
  date due;
  std::optional<stop_record> met; ///< empty when the clock ended unmet (its case concluded, its unit left)
  friend bool operator==(const finished_clock &, const finished_clock &) = default;
};

/// Progress of a long replay: records done and in all.
using replay_progress = std::function<void(std::size_t done, std::size_t total)>;

class case_book {
public:
  /// An empty book counting on `calendar` with `policy`; items are filed under `categories`.
  case_book(deadline_policy policy, work_calendar calendar, category_list categories = category_list::defaults());
  /// The same, with the organisation chart escalation routes on.
  case_book(deadline_policy policy, work_calendar calendar, org_chart chart,
            category_list categories = category_list::defaults());
  case_book(case_book &&other) noexcept;
  case_book &operator=(case_book &&other) noexcept;
  case_book(const case_book &) = delete;
  case_book &operator=(const case_book &) = delete;
  ~case_book();

  /// Writes every change from now on to `store` (which must outlive the book) before it takes effect.
  /// `next_sequence` continues an existing journal.
  void attach_journal(event_store &store, std::uint64_t next_sequence = 1);

  /// Registers a new item (state `received`). errc::conflict when the id is already in the book;
  /// errc::invalid_argument for bad info (see case_info::validate).
  status<rejection> open(case_info info);
  /// Applies an event to a case (see workflow.hpp for the rules); errc::not_found for an unknown case.
  status<rejection> apply(const case_id &id, const event &e);
  /// Issues the notices that fell due in (last tick, now]. errc::invalid_argument for a day before
  /// the last tick. Each notice is also kept with its case (notices_of).
  result<std::vector<notice>> tick(date now);
  /// Applies an escalation input to a case's track: escalation_input::raise(marked_difficult, day,
  /// {unit}) when a unit marks the item difficult, escalation_input::resolve(leader, day, text) for the
  /// routed leader's decision (see apply_escalation for the checks). errc::not_found for an unknown
  /// case, errc::invalid_state without an organisation chart.
  status<rejection> escalate(const case_id &id, const escalation_input &input);

  /// Gives the book the chart escalation routes on (replacing any earlier one).
  void set_org_chart(org_chart chart);
  /// Whether the book has an organisation chart.
  bool has_org_chart() const;

  // ---- Queries (copies; safe while another thread writes)
  std::size_t size() const;
  std::optional<case_record> find(const case_id &id) const;
  std::vector<case_id> ids() const;
  /// Items a unit takes part in (returned units excluded), optionally only in one role.
  std::vector<case_id> of_unit(std::string_view unit, std::optional<assignment_role> role = std::nullopt) const;
  /// Items in a state.
  std::vector<case_id> in_state(case_state s) const;
  /// Open clocks due on a day in [today, today + n working days], by due date.
  result<std::vector<due_item>> due_within(date today, int workdays) const;
  /// Open clocks whose due date is before `day`, by due date.
  std::vector<due_item> overdue_on(date day) const;
  /// The open clocks of a case.
  std::vector<deadline_clock> clocks_of(const case_id &id) const;
  /// Every clock that has finished, by key.
  std::vector<finished_clock> finished_clocks() const;
  /// The notices issued for a case, in order.
  std::vector<notice> notices_of(const case_id &id) const;
  /// The escalation track of a case (level none when it was never escalated); empty for an unknown case.
  std::optional<escalation_track> escalation_of(const case_id &id) const;
  /// The escalation notices issued for a case, in order.
  std::vector<escalation_notice> escalation_notices_of(const case_id &id) const;
  /// Cases whose track stands at the office, a supervising leader or the principal leader.
  std::vector<case_id> escalated() const;
  /// The day of the last tick.
  std::optional<date> last_tick() const;

  const deadline_policy &policy() const noexcept { return policy_; }
  const work_calendar &calendar() const noexcept { return calendar_; }

  // ---- Observers
  using event_observer = std::function<void(const case_record &after, const event &e)>;
  using notice_observer = std::function<void(const notice &n)>;
  void on_event(event_observer f);
  void on_notice(notice_observer f);
  using escalation_observer = std::function<void(const escalation_notice &n)>;
  void on_escalation(escalation_observer f);

  // ---- Journal
  /// Rebuilds a book from a journal: every registration, event and tick applied in order, every notice
  /// checked against the one the tick gives again. A torn last line is an error naming it unless
  /// `allow_torn_tail` (it is then ignored; truncate it with the store before appending). The first bad
  /// record is an error naming the store and line, and no book is returned.
  static result<case_book> replay(const event_store &store, deadline_policy policy, work_calendar calendar,
                                  category_list categories = category_list::defaults(), bool allow_torn_tail = false,
                                  const replay_progress &progress = {});
  /// The same for a book with an organisation chart (a journal with escalation records needs one).
  static result<case_book> replay(const event_store &store, deadline_policy policy, work_calendar calendar, org_chart chart,
                                  category_list categories = category_list::defaults(), bool allow_torn_tail = false,
                                  const replay_progress &progress = {});

  /// The whole state as canonical JSON text: equal books give equal snapshots.
  std::string snapshot() const;

private:
  struct state;
  static result<case_book> replay_into(case_book book, const event_store &store, bool allow_torn_tail,
                                       const replay_progress &progress);

  std::unique_ptr<state> s_;
  deadline_policy policy_;
  work_calendar calendar_;
  mutable std::unique_ptr<std::shared_mutex> mutex_;
};

/// The JSON of a notice, as journaled.
nlohmann::json to_json(const notice &n);

} // namespace caseflow
