// case_book: many cases, their clocks and their notices, kept consistent with a journal.
//
// The book is what a host embeds. It takes registrations and events, checks each through the workflow,
// writes it to the journal (when one is attached) and only then lets it take effect: the case, the
// indexes (by unit and role, by state, by due date) and the deadline clocks the transition implies
// (case_clocks.hpp). tick(now) issues the reminders, warnings and overdue notices that fell due, writes
// them to the journal and keeps them with their case; a tick covering many days gives what daily ticks
// would have. Two kinds are left out: a return window that closes is no obligation gone late (the clock
// just ends), and a reminder or warning of a clock that joined after its point and its due date had
// passed is superseded by the overdue notice. Queries answer what supervisors ask: a unit's
// items, items in a state, what is due within N working days, what is overdue on a day.
//
// Closer tracking. Key items and leader-supervised items (case_info flags) report progress: when the
// policy has a progress_report clock, each replying unit owes a report_progress event every period from
// assignment until its reply (the n-th period's clock has cycle n; a report starts the next one), with
// reminders and overdue notices like any clock. The reports show these items apart and name the
// supervising leader (supervising_leader_of).
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
// Identities (identity.hpp). Without an organisation chart the book runs in trusting mode: a sender is
// its role and a free-text id, and only the role is checked (by the workflow). With a chart, every
// registration and event is checked in front of the workflow: the sender must be on the chart with the
// kind its role names and tied to the item (the item's office, a unit on it, a leader supervising one of
// its units, the principal leader of its government). Given a registry too (set_registry, or a setup
// record holding one), ratings are taken only from the item's proposers or their liaison office, and a
// registration's proposers must be in it. Refusals name the case, the event and the sender, and write
// nothing.
//
// Calendar change. When a new calendar arrives (next year's days off are announced in the autumn),
// recompute() moves every open due date onto it and says which moved; recompute_preview() answers the
// same without changing anything. The journal keeps the new calendar itself, so a replay started with
// the old one switches where the book did.
//
// Linkage (linkage.hpp). A unit on a case passes it down to its own bureaus and towns as child items
// (pass_down): each gets a clock of its own, keyed by the child's id and unit, due the policy's
// child_margin before the parent unit's running opinion or reply clock, with that clock's reminders.
// The child unit's answer (answer_child) stops it and is kept with the child, where the parent sees it
// (children_of, child_roll_up). When the parent unit's obligation is met, or its unit leaves, or the case
// concludes, the children still open end with it (their clocks finish unmet): their answers could no
// longer feed anything. A child's due date is fixed when it is passed down: an extension of the parent's
// clock gives the district more time, not its towns. Both records are journaled ("pass_down",
// "child_answer") and replayed; the snapshot lists the children.
//
// Fast start. snapshot() writes the whole state, with the sequence number and fingerprint of the last
// journal record it holds; resume(snapshot, journal, ...) reads it back and applies only the records
// written after it (restore() reads it alone). A journal that ends before the snapshot, or holds another
// record at its place, is refused: the snapshot belongs to another journal.
//
// Units. Each write is one unit of the journal (journal.hpp): an event with the escalation notices it
// causes, a tick with its notices, a batch (begin_batch: an import), a calendar or chart change. It is
// appended whole or not at all, and only then takes effect.
//
// Many writers. Several books - threads, processes, machines - may write to one journal. Every write
// takes the store's writer lock (event_store::lock_writers), catches up with the units other writers
// appended (catch_up), decides on that state, and appends conditionally (event_store::append_if). An
// event is so always checked against the journal's latest state. A store that cannot hold the lock
// across the decision answers a late append with errc::conflict; open, apply and escalate then catch up
// and decide once more, and return the conflict if it comes again (a tick, whose notices were taken
// from the clocks already, stops the book as below).
//
// Failure. A refused event or registration changes nothing. If the journal cannot be written, the
// change does not take effect (apply) or, for a tick whose notices were already taken from the clocks,
// the book stops accepting writes (errc::io_error) until it is rebuilt from the journal with replay():
// the journal is the truth, and nothing it does not hold is acknowledged.
//
// Threads. The book owns no thread. Any number of threads may call the const queries while one thread
// writes (open, apply, tick): a reader-writer lock guards the state, and queries return copies. The lock
// lets a waiting writer in before readers that come after it (writer_preferring_mutex), so a stream of
// queries cannot starve the writes.
// Observers are called on the writing thread after the change took effect and after the lock is
// released, in the order of the changes, so they may query the book (but must not write to it).
#pragma once

#include <caseflow/calendar.hpp>
#include <caseflow/case_clocks.hpp>
#include <caseflow/clock.hpp>
#include <caseflow/clock_json.hpp>
#include <caseflow/due_index.hpp>
#include <caseflow/escalation.hpp>
#include <caseflow/event_store.hpp>
#include <caseflow/journal.hpp>
#include <caseflow/linkage.hpp>
#include <caseflow/model.hpp>
#include <caseflow/notice.hpp>
#include <caseflow/org.hpp>
#include <caseflow/policy.hpp>
#include <caseflow/registry.hpp>
#include <caseflow/workflow.hpp>
#include <caseflow/writer_preferring_mutex.hpp>

#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <variant>
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

/// One line of a case's whole history: an accepted event, a deadline notice, or a move on its escalation
/// track.
struct history_line {
  date on;
  std::variant<history_entry, notice, escalation_notice> what;
  friend bool operator==(const history_line &, const history_line &) = default;
};
/// One readable line: "2024-03-18 09:00:00 unit 'minhang' acknowledge -> handling" for an event, and
/// the notice's own line (to_string of notice or escalation_notice) for the others.
std::string to_string(const history_line &line);

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
  /// Each write is one unit (journal.hpp), chained with `hash` (a journal that has units already goes on
  /// with the hash they were written with).
  void attach_journal(event_store &store, std::uint64_t next_sequence = 1, hash_algorithm hash = hash_algorithm::sm3);

  /// Registers a new item (state `received`). errc::conflict when the id is already in the book;
  /// errc::invalid_argument for bad info (see case_info::validate); with a chart, errc::not_permitted
  /// for a sender (case_info::registered_by) or proposers the chart and registry refuse (identity.hpp).
  status<rejection> open(const case_info &info);
  /// Applies an event to a case (see workflow.hpp for the rules); errc::not_found for an unknown case;
  /// errc::invalid_argument for text that limits.hpp refuses; with a chart, errc::not_permitted for a
  /// sender identity.hpp refuses (errc::not_found for a named unit the chart does not know).
  /// A merge also needs its lead item in the book (errc::not_found), not merged itself, registered or in
  /// handling, and the merged item must not be the lead item of others (errc::guard_failed, naming the rule).
  status<rejection> apply(const case_id &id, const event &e);
  /// Issues the notices that fell due in (last tick, now]. errc::invalid_argument for a day before
  /// the last tick. Each notice is also kept with its case (notices_of). A tick covering several days
  /// issues exactly what a tick on each of them would have: every notice on its own day, counted on that
  /// day, and every escalation move (with the notices of the windows it starts) in order.
  /// On a journal, the tick is one unit: one whose line would be longer than a reader takes
  /// (limits::journal_line_bytes, some five million notices) is refused with errc::invalid_argument and
  /// nothing is written, and the book, ahead of its journal, must be replayed; tick such a gap a day at a time.
  result<std::vector<notice>> tick(date now);
  /// Applies an escalation input to a case's track: escalation_input::raise(marked_difficult, day,
  /// {unit}) when a unit marks the item difficult, escalation_input::resolve(leader, day, text) for the
  /// routed leader's decision (see apply_escalation for the checks). errc::not_found for an unknown
  /// case, errc::invalid_state without an organisation chart. A mark as difficult names units handling the
  /// item (errc::not_permitted otherwise), or none when the office marks it, and only while the item is in
  /// handling or re-handling (errc::invalid_state).
  status<rejection> escalate(const case_id &id, const escalation_input &input);
  /// Moves the book onto a new calendar (next year's holiday notice, a corrected day): every open clock
  /// gets the due date and notice days the new calendar gives (deadline_clock::recomputed), escalation
  /// windows included, and the book counts on `next` from then on. Returns the due dates that moved, by
  /// clock. Journaled as a "calendar" record holding the whole calendar, so that replay switches at the
  /// same point. Nothing changes on error (e.g. errc::out_of_range: `next` does not cover a clock).
  result<std::vector<due_change>> recompute(work_calendar next);
  /// What recompute(next) would return; changes nothing.
  result<std::vector<due_change>> recompute_preview(const work_calendar &next) const;

  /// Gives the book the chart escalation routes on (replacing any earlier one). Not journaled: for a
  /// book whose journal should route on a new chart from a point on, use change_org_chart.
  void set_org_chart(org_chart chart);
  /// The book routes on the chart `chart_text` holds from now on; journaled as a "chart" record holding
  /// the text, so that replay switches at the same point. Errors as parse_org_chart; nothing changes.
  status<> change_org_chart(std::string chart_text);
  /// Whether the book has an organisation chart.
  bool has_org_chart() const;
  /// Gives the book the proposer registry feedback is checked against (identity.hpp), replacing any
  /// earlier one. Not journaled: a journal records it in its setup record (book_setup.hpp). Without a
  /// chart the registry is kept but identities are not checked (trusting mode).
  void set_registry(registry proposers);
  /// Whether the book has a proposer registry.
  bool has_registry() const;

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
  /// The case's whole history by day: its events, the notices issued for it and its escalation moves
  /// (on one day: events first, then escalation moves, then notices). Empty for an unknown case.
  std::vector<history_line> history_of(const case_id &id) const;
  /// The escalation track of a case (level none when it was never escalated); empty for an unknown case.
  std::optional<escalation_track> escalation_of(const case_id &id) const;
  /// The leader who supervises the case on the organisation chart (org id): the lead unit's supervising
  /// leader, or under separate handling the units' lowest common superior (the principal leader when
  /// that is where they meet). Empty without a chart, before assignment, or for units the chart does not
  /// know. Named on leader-supervised items in the reports.
  std::optional<std::string> supervising_leader_of(const case_id &id) const;
  /// The same for a record as it stood on some day (workflow.hpp as_of): the units it had then.
  std::optional<std::string> supervising_leader_of(const case_record &c) const;
  /// The escalation notices issued for a case, in order.
  std::vector<escalation_notice> escalation_notices_of(const case_id &id) const;
  /// Cases whose track stands at the office, a supervising leader or the principal leader.
  std::vector<case_id> escalated() const;
  /// The day of the last tick.
  std::optional<date> last_tick() const;

  const deadline_policy &policy() const noexcept { return policy_; }
  /// The calendar the book counts on (a copy: recompute() may replace it while another thread reads).
  work_calendar calendar() const;

  // ---- Linkage (linkage.hpp)
  /// Unit `r.by` passes the case down to `r.unit` as child item `r.id`. Refused (changing nothing), the
  /// message naming case, child, unit and field: errc::not_found for an unknown case; errc::not_permitted
  /// when `by` does not handle the case, or (with a chart) `unit` is not below `by`; errc::invalid_state
  /// when `by` has no running opinion or reply clock; errc::conflict for an id a case or child holds;
  /// errc::invalid_argument for a bad id, unit, task or day, or when the parent's deadline leaves no time.
  status<rejection> pass_down(const case_id &parent, child_request r);
  /// The child unit answers its item: the child's clock stops (on time, or working days late). errc::
  /// not_found for an unknown child; errc::not_permitted for another unit; errc::invalid_state when
  /// answered or ended already; errc::invalid_argument for an empty text or a day before it was passed.
  status<rejection> answer_child(const std::string &child_id, child_answer_request r);
  /// The items passed down from a case, in order, answers included.
  std::vector<child_item> children_of(const case_id &parent) const;
  /// A child item by its id.
  std::optional<child_item> find_child(std::string_view child_id) const;
  /// The roll-up of what `unit` (empty: every unit) passed down from `parent`, on `day`.
  child_progress child_roll_up(const case_id &parent, std::string_view unit, date day) const;

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
  /// A book from a journal that opens with a setup record (book_setup.hpp): the policy, calendar and
  /// chart it records. errc::not_found for a journal without one.
  static result<case_book> replay(const event_store &store, category_list categories = category_list::defaults(),
                                  bool allow_torn_tail = false, const replay_progress &progress = {});
  /// The same for a book with an organisation chart (a journal with escalation records needs one).
  static result<case_book> replay(const event_store &store, deadline_policy policy, work_calendar calendar, org_chart chart,
                                  category_list categories = category_list::defaults(), bool allow_torn_tail = false,
                                  const replay_progress &progress = {});
  /// The same with a proposer registry too.
  static result<case_book> replay(const event_store &store, deadline_policy policy, work_calendar calendar, org_chart chart,
                                  registry proposers, category_list categories = category_list::defaults(),
                                  bool allow_torn_tail = false, const replay_progress &progress = {});

  /// The whole state as canonical JSON text: equal books give equal snapshots. It holds everything the
  /// book knows - cases, clocks (every field), finished clocks, notices, escalation tracks, child items,
  /// the calendar and the sequence number of the last journal record - but not the policy, chart or
  /// categories, which the host gives again, nor observers or the attached journal.
  std::string snapshot() const;
  /// The same text written to `out` as it is made, without holding it (or a tree of it) in memory: for a
  /// book too large for that. errc::io_error when the stream fails.
  status<> snapshot(std::ostream &out) const;
  /// The book a snapshot holds, as it was, without applying any record again. errc::parse_error naming
  /// the field for a snapshot that is not one.
  static result<case_book> restore(std::string_view snapshot, deadline_policy policy,
                                   category_list categories = category_list::defaults());
  static result<case_book> restore(std::string_view snapshot, deadline_policy policy, org_chart chart,
                                   category_list categories = category_list::defaults());
  /// The same, read from a stream as it is parsed (a snapshot too large to hold as text).
  static result<case_book> restore(std::istream &snapshot, deadline_policy policy,
                                   category_list categories = category_list::defaults());
  static result<case_book> restore(std::istream &snapshot, deadline_policy policy, org_chart chart,
                                   category_list categories = category_list::defaults());
  /// A fast start: the book a snapshot holds, then the journal records written after it applied as
  /// replay() would (checked the same way). errc::conflict when the journal ends before the snapshot's
  /// last record. Attach the journal afterwards with attach_journal(store, last_sequence() + 1).
  static result<case_book> resume(std::string_view snapshot, const event_store &store, deadline_policy policy,
                                  category_list categories = category_list::defaults(), bool allow_torn_tail = false,
                                  const replay_progress &progress = {});
  static result<case_book> resume(std::istream &snapshot, const event_store &store, deadline_policy policy,
                                  category_list categories = category_list::defaults(), bool allow_torn_tail = false,
                                  const replay_progress &progress = {});
  static result<case_book> resume(std::string_view snapshot, const event_store &store, deadline_policy policy, org_chart chart,
                                  category_list categories = category_list::defaults(), bool allow_torn_tail = false,
                                  const replay_progress &progress = {});
  static result<case_book> resume(std::string_view snapshot, const event_store &store, deadline_policy policy, org_chart chart,
                                  registry proposers, category_list categories = category_list::defaults(),
                                  bool allow_torn_tail = false, const replay_progress &progress = {});
  /// Applies journal records to `book` through its own calls, checked as replay checks them; with a
  /// journal attached, the book writes them again as units of the current format (an upgrade).
  static status<> reapply(case_book &book, const std::vector<journal_record> &records, const std::string &store_name);
  /// The sequence number of the last journal record the book holds (0 for none).
  std::uint64_t last_sequence() const;

  /// Applies the units other writers appended to the attached journal after the book's last one, checked
  /// as replay checks them (observers are not told: those changes were another writer's). Every write
  /// (open, apply, tick, escalate, recompute, pass_down, answer_child) does this first, under the
  /// store's writer lock (event_store::lock_writers), so that it decides on the journal's latest state.
  status<> catch_up();

  /// Several writes as one unit (an import): from begin_batch() to commit(), the book holds the store's
  /// writer lock and keeps what its writes journal; commit() appends it all as one unit. A batch given up
  /// (destroyed without commit, or a write inside refused, which the caller should check beforehand on a
  /// scratch book) writes nothing, and the book, now ahead of its journal, refuses writes (errc::io_error)
  /// until it is replayed. Observers are told as each write takes effect.
  class batch {
  public:
    batch(batch &&other) noexcept;
    batch &operator=(batch &&) = delete;
    ~batch();
    /// Appends the batch as one unit. errc::conflict, errc::io_error: nothing was written.
    status<> commit();

  private:
    friend class case_book;
    batch(case_book &book, writer_lock lock) noexcept : book_(&book), lock_(std::move(lock)) {}
    case_book *book_;
    writer_lock lock_;
  };
  result<batch> begin_batch();

private:
  struct state;
  result<writer_lock> begin_write();
  status<> catch_up_locked();
  status<rejection> open_once(const case_info &info, bool &raced);
  status<rejection> apply_once(const case_id &id, const event &e, bool &raced);
  status<rejection> escalate_once(const case_id &id, const escalation_input &input, bool &raced);
  static status<> apply_records(case_book &book, const std::vector<journal_record> &records, std::size_t first,
                                const std::string &store_name, const replay_progress &progress);
  /// How a tick covering several days issues: as ticks on each of them would (each_day, every tick
  /// written since the record says so), or all on its own day (as_one_day: how ticks in older journals,
  /// whose records do not say, were written, kept so that they replay).
  enum class tick_rule : std::uint8_t { each_day, as_one_day };
  result<std::vector<notice>> tick_through(date now, tick_rule rule);
  static result<case_book> replay_into(case_book book, const event_store &store, bool allow_torn_tail,
                                       const replay_progress &progress);
  /// `source` is the snapshot's text or a stream holding it.
  static result<case_book> restore_into(std::variant<std::string_view, std::istream *> source, deadline_policy policy,
                                        std::optional<org_chart> chart, category_list categories);
  template <class Sink> void write_snapshot(Sink &&sink) const;

  std::unique_ptr<state> s_;
  deadline_policy policy_;
  work_calendar calendar_;
  mutable std::unique_ptr<writer_preferring_mutex> mutex_;
};

} // namespace caseflow
