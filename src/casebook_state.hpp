// The case book's state, shared by the files that implement the book: casebook.cpp (writes and
// queries), casebook_replay.cpp and casebook_snapshot.cpp. Not a public header.
#pragma once

#include <caseflow/casebook.hpp>
#include <caseflow/clock_json.hpp>
#include <caseflow/detail/hashed_lookup.hpp>
#include <caseflow/limits.hpp>

#include "finished_clock_set.hpp"

#include <boost/container_hash/hash.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace caseflow {

namespace book_detail {

using json = nlohmann::json;

inline std::string day_text(date d) { return d.is_special() ? std::string() : to_string(d); }
inline rejection refuse(errc code, std::string message) { return rejection{code, {}, std::move(message)}; }

// A fingerprint of a journal record (64-bit FNV-1a of its type and canonical data), so that a snapshot can
// tell the journal it was taken from: the same on every platform and run.
inline std::uint64_t record_digest(std::string_view type, const json &data) {
  std::uint64_t h = 14695981039346656037ULL;
  const auto mix = [&](std::string_view text) {
    for (const unsigned char c : text) {
      h ^= c;
      h *= 1099511628211ULL;
    }
  };
  mix(type);
  mix(std::string_view("\0", 1));
  mix(data.dump());
  return h;
}

} // namespace book_detail

// The clock changes of one transition, worked out on copies so that nothing is changed until all of
// them are known to succeed.
struct staged_clocks {
  std::vector<clock_key> remove;
  std::vector<deadline_clock> add;
  std::vector<finished_clock> finish;
};

namespace book_detail {

/// Why the book refuses a merge the workflow accepted (casebook_rules.cpp): the lead item must be in the
/// book, not merged itself and still able to carry the item, and the item must not be a lead item of others.
std::optional<rejection> merge_refusal(const case_record &item, const event &e, const std::map<case_id, case_record> &cases);
/// Why the book refuses a unit's mark of an item as difficult: the item is not being handled (handling or
/// rehandling), or a unit named does not handle it. A mark naming no unit is the office's own.
std::optional<rejection> mark_refusal(const case_record &item, const escalation_input &in);

/// The clock changes of a transition for the case `after`, worked out on copies of the held clocks.
result<staged_clocks, rejection> stage(const std::vector<clock_change> &changes, const case_record &after,
                                       const due_index &clocks, const deadline_policy &policy, const work_calendar &cal);

} // namespace book_detail

struct case_book::state {
  using json = nlohmann::json;

  category_list categories;
  // In id order (snapshots, reports and listings read them so); found by hash, and added only through
  // add_case, which indexes them.
  std::map<case_id, case_record> cases;
  struct case_id_hash {
    std::size_t operator()(const case_id &id) const noexcept {
      std::size_t h = std::hash<std::string_view>{}(id.session);
      boost::hash_combine(h, std::hash<std::string_view>{}(id.item));
      return h;
    }
  };
  detail::hashed_lookup<std::map<case_id, case_record>, case_id_hash> lookup;

  case_record *find_case(const case_id &id) {
    const auto it = lookup.find(cases, id);
    return it == cases.end() ? nullptr : &it->second;
  }
  const case_record *find_case(const case_id &id) const {
    const auto it = lookup.find(cases, id);
    return it == cases.end() ? nullptr : &it->second;
  }
  // Indexes `c` and keeps it (its id is not in the book: the callers check).
  void add_case(case_record &&c) {
    index(c);
    const case_id id = c.info.id;
    lookup.try_emplace(cases, id, std::move(c));
  }
  // The items each unit handles, with its role in each (so that a query by role reads no case).
  std::map<std::string, std::map<case_id, assignment_role>, std::less<>> by_unit;
  std::array<std::set<case_id>, case_state_count> by_state;
  due_index clocks;
  std::set<std::pair<date, clock_key>> by_due;
  finished_clock_set finished;
  std::map<std::string, std::vector<notice>, std::less<>> notices; // by case id text
  event_store *store = nullptr;
  std::optional<journal_writer> journal;
  std::uint64_t sequence = 0;         // the last journal unit the book holds (written or replayed)
  std::uint64_t digest = 0;           // the record_digest of that unit's last record
  std::string head;                   // and the unit's chain hash ("" for a format-1 line)
  std::vector<journal_entry> pending; // the records of the unit being written
  bool in_batch = false;              // a batch keeps them until it commits
  // The thread applying other writers' units to this book (catch_up): its calls write nothing and take no
  // store lock, and observers are not told.
  std::atomic<std::thread::id> catching_up{};
  std::string broken; // why writes are refused, after a journal failure that left the book ahead of it
  std::vector<event_observer> event_observers;
  std::vector<notice_observer> notice_observers;
  std::shared_ptr<const org_chart> chart;
  std::shared_ptr<const registry> proposers;  // feedback is checked against it when there is a chart too
  std::map<case_id, escalation_track> tracks; // only cases a trigger reached
  std::map<std::string, std::vector<escalation_notice>, std::less<>> escalation_notices; // by case id text
  std::vector<escalation_observer> escalation_observers;
  std::vector<escalation_notice> recent; // the escalation notices of the last write, for replay's check

  // Moves a case's index entries from what it was to what it is, touching only what changed: most
  // events change neither the state nor the units.
  void reindex(const case_record &before, const case_record &after) {
    const auto same_units = [&] {
      if (before.units.size() != after.units.size()) return false;
      for (std::size_t i = 0; i < before.units.size(); ++i)
        if (before.units[i].unit != after.units[i].unit || before.units[i].role != after.units[i].role ||
            (before.units[i].state == unit_state::returned) != (after.units[i].state == unit_state::returned))
          return false;
      return true;
    };
    if (before.state != after.state) {
      by_state[static_cast<std::size_t>(before.state)].erase(before.info.id);
      by_state[static_cast<std::size_t>(after.state)].insert(after.info.id);
    }
    if (same_units()) return;
    unindex_units(before);
    index_units(after);
  }

  void index(const case_record &c) {
    by_state[static_cast<std::size_t>(c.state)].insert(c.info.id);
    index_units(c);
  }
  void index_units(const case_record &c) {
    for (const auto &u : c.units)
      if (u.state != unit_state::returned) by_unit[u.unit].insert_or_assign(c.info.id, u.role);
  }
  void unindex_units(const case_record &c) {
    for (const auto &u : c.units)
      if (auto it = by_unit.find(u.unit); it != by_unit.end()) {
        it->second.erase(c.info.id);
        if (it->second.empty()) by_unit.erase(it);
      }
  }

  void commit(staged_clocks &staged) {
    for (const auto &key : staged.remove) {
      if (const auto *held = clocks.find(key)) by_due.erase({held->due(), key});
      (void)clocks.remove(key);
    }
    for (auto &clock : staged.add) {
      by_due.insert({clock.due(), clock.key()});
      (void)clocks.add(std::move(clock));
    }
    for (auto &f : staged.finish)
      finished.put(f);
  }

  bool catching_up_here() const noexcept { return catching_up.load() == std::this_thread::get_id(); }

  // Whether what the book does now is written: a journal is attached and the book is not applying another
  // writer's units. Without one the records' JSON is not even built.
  bool writing() const noexcept { return journal && !catching_up_here(); }

  // Adds a record to the unit being written (see write_unit).
  void write(std::string_view type, json data) {
    if (writing()) pending.push_back({std::string(type), std::move(data)});
  }
  void write_escalation_notices(const std::vector<escalation_notice> &list) {
    if (!writing()) return;
    for (const auto &n : list) {
      json j;
      to_json(j, n);
      write("escalation_notice", std::move(j));
    }
  }

  // Appends the records written since the last unit as one unit, or says why not (nothing is then
  // written, and the caller must not let the change take effect). Without a journal, or while catching
  // up, there is nothing to write.
  status<> write_unit() {
    if (in_batch) return ok;
    if (!journal || catching_up_here() || pending.empty()) {
      pending.clear();
      return ok;
    }
    auto r = journal->append_unit(pending);
    const journal_entry last = std::move(pending.back());
    pending.clear();
    if (!r) return failure{r.error()};
    sequence = *r;
    digest = book_detail::record_digest(last.type, last.data);
    head = journal->head();
    return ok;
  }

  // Linkage (linkage.hpp, casebook_linkage.cpp): child items by id, and the ids each case passed down.
  std::map<std::string, child_item, std::less<>> children;
  std::map<case_id, std::vector<std::string>> children_of; // in the order passed down
  // Ends, on `on`, the open children whose parent obligation is among the clocks `staged` finishes.
  void end_children(const staged_clocks &staged, date on);
};

} // namespace caseflow
