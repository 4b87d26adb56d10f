// case_book::replay: a book rebuilt from its journal, every notice checked against the one issued again.
#include "casebook_state.hpp"

#include <caseflow/book_setup.hpp>
#include <caseflow/event_json.hpp>

#include <thread>

namespace caseflow {

namespace {

// Lines a replay reads and applies at a time: a run's records as JSON are some tens of megabytes.
constexpr std::size_t replay_run_lines = 16'384;

using book_detail::json;

// The case a journaled event or escalation is about.
result<case_id> case_of(const journal_record &r, const std::string &where) {
  const auto id_text = r.data.find("case");
  if (id_text == r.data.end() || !id_text->is_string())
    return fail(errc::parse_error, fmt::format("{}: field 'case': is missing", where));
  auto id = case_id::parse(id_text->get<std::string>());
  if (!id) return fail(errc::parse_error, fmt::format("{}: field 'case': {}", where, id.error().message));
  return id;
}

// A calendar change: the calendar the record holds, and as many due dates moved as when it was written.
status<> replay_calendar_change(case_book &book, const journal_record &r, const std::string &where) {
  const auto text = r.data.find("calendar");
  const auto count = r.data.find("changes");
  if (text == r.data.end() || !text->is_string())
    return fail(errc::parse_error, fmt::format("{}: field 'calendar': is missing", where));
  if (count == r.data.end() || !count->is_number_unsigned())
    return fail(errc::parse_error, fmt::format("{}: field 'changes': is missing", where));
  auto next = work_calendar::parse(text->get<std::string>(), where);
  if (!next) return failure{next.error()};
  auto changes = book.recompute(std::move(*next));
  if (!changes) return fail(changes.error().code, fmt::format("{}: {}", where, changes.error().message));
  if (changes->size() != count->get<std::size_t>())
    return fail(errc::conflict, fmt::format("{}: the calendar change moved {} due dates when written, {} again: was the "
                                            "journal written with another policy or calendar?",
                                            where, count->get<std::size_t>(), changes->size()));
  return ok;
}

// The setup a journal opens with must be what the book runs with: else it would replay with other rules.
status<> check_setup(const case_book &book, const journal_record &r, const std::string &where, bool has_chart,
                     const std::string &chart_name) {
  if (r.sequence != 1) return fail(errc::parse_error, fmt::format("{}: a setup record after the journal's first unit", where));
  auto setup = book_setup_from_json(r.data, where);
  if (!setup) return failure{setup.error()};
  const auto differs = [&](std::string_view part, const std::string &recorded, const std::string &given) {
    return fail(errc::conflict, fmt::format("{}: the journal was set up with {} {}, but the book runs with {}: a journal "
                                            "replays only with what wrote it",
                                            where, part, recorded, given));
  };
  if (!(setup->policy == book.policy()))
    return differs("policy", policy_fingerprint(setup->policy), policy_fingerprint(book.policy()));
  if (!(setup->calendar == book.calendar()))
    return differs("calendar", calendar_fingerprint(setup->calendar), calendar_fingerprint(book.calendar()));
  auto chart = setup->chart();
  if (!chart) return failure{chart.error()};
  if (chart->has_value() != has_chart || (has_chart && (*chart)->name() != chart_name))
    return differs("chart", *chart ? fmt::format("'{}' ({})", (*chart)->name(), chart_fingerprint(setup->chart_text)) : "none",
                   has_chart ? fmt::format("'{}'", chart_name) : "none");
  if (setup->registry_text.has_value() != book.has_registry())
    return differs("registry", setup->registry_text ? registry_fingerprint(setup->registry_text) : "none",
                   book.has_registry() ? "one" : "none");
  return ok;
}

} // namespace

result<case_book> case_book::replay(const event_store &store, category_list categories, bool allow_torn_tail,
                                    const replay_progress &progress) {
  auto setup = read_setup(store);
  if (!setup) return failure{setup.error()};
  if (!*setup)
    return fail(errc::not_found,
                fmt::format("{}: the journal has no setup record: give the policy, calendar and chart", store.name()));
  auto chart = (*setup)->chart();
  if (!chart) return failure{chart.error()};
  auto proposers = (*setup)->registry();
  if (!proposers) return failure{proposers.error()};
  if (*chart) {
    case_book book(std::move((*setup)->policy), std::move((*setup)->calendar), std::move(**chart), std::move(categories));
    if (*proposers) book.set_registry(std::move(**proposers));
    return replay_into(std::move(book), store, allow_torn_tail, progress);
  }
  return replay_into(case_book(std::move((*setup)->policy), std::move((*setup)->calendar), std::move(categories)), store,
                     allow_torn_tail, progress);
}

result<case_book> case_book::replay(const event_store &store, deadline_policy policy, work_calendar calendar,
                                    category_list categories, bool allow_torn_tail, const replay_progress &progress) {
  return replay_into(case_book(std::move(policy), std::move(calendar), std::move(categories)), store, allow_torn_tail, progress);
}

result<case_book> case_book::replay(const event_store &store, deadline_policy policy, work_calendar calendar, org_chart chart,
                                    category_list categories, bool allow_torn_tail, const replay_progress &progress) {
  return replay_into(case_book(std::move(policy), std::move(calendar), std::move(chart), std::move(categories)), store,
                     allow_torn_tail, progress);
}

result<case_book> case_book::replay(const event_store &store, deadline_policy policy, work_calendar calendar, org_chart chart,
                                    registry proposers, category_list categories, bool allow_torn_tail,
                                    const replay_progress &progress) {
  case_book book(std::move(policy), std::move(calendar), std::move(chart), std::move(categories));
  book.set_registry(std::move(proposers));
  return replay_into(std::move(book), store, allow_torn_tail, progress);
}

result<case_book> case_book::replay_into(case_book book, const event_store &store, bool allow_torn_tail,
                                         const replay_progress &progress) {
  // A restored book holds the units up to its sequence already: the journal is read from that unit on,
  // which must be the very one the snapshot was taken after, and only the units after it applied. The
  // journal is read and applied a run of lines at a time, so that a large one is never held whole.
  const std::uint64_t held_already = book.s_->sequence;
  bool found_held = held_already == 0;
  std::size_t done = 0; // records applied in the runs before
  const std::string name = store.name();
  auto contents = read_journal_in_runs(
      store, held_already == 0 ? 0 : held_already - 1, replay_run_lines, [&](std::vector<journal_record> &records) -> status<> {
        std::size_t first = 0;
        if (!found_held) {
          // The snapshot names the last record of its last unit.
          while (first < records.size() && !records[first].ends_unit)
            ++first;
          if (first == records.size()) return ok; // the unit goes on in the next run (format 1)
          const journal_record &last = records[first];
          if (book_detail::record_digest(last.type, last.data) != book.s_->digest)
            return fail(errc::conflict, fmt::format("{}:{}: record {} is not the one the snapshot was taken after: is it the "
                                                    "journal the snapshot was taken from?",
                                                    name, last.line, held_already));
          found_held = true;
          ++first;
        }
        // Progress counts the records read so far: a journal read in runs is not counted ahead.
        const replay_progress counted =
            progress ? replay_progress([&](std::size_t d, std::size_t t) { progress(done + d, done + t); }) : replay_progress();
        if (auto r = apply_records(book, records, first, name, counted); !r) return r;
        done += records.size();
        return ok;
      });
  if (!contents) return failure{contents.error()};
  if (contents->last_sequence < held_already)
    return fail(errc::conflict, fmt::format("{}: the journal ends at record {}, before record {} that the snapshot holds: "
                                            "is it the journal the snapshot was taken from?",
                                            name, contents->last_sequence, held_already));
  if (contents->torn && !allow_torn_tail)
    return fail(errc::parse_error, fmt::format("{}:{}: the last line is torn (a write was cut short); truncate it to continue",
                                               name, contents->torn->line_number));
  book.s_->sequence = contents->last_sequence;
  book.s_->head = contents->head;
  return book;
}

status<> case_book::reapply(case_book &book, const std::vector<journal_record> &records, const std::string &store_name) {
  return apply_records(book, records, 0, store_name, {});
}

status<> case_book::catch_up_locked() {
  auto held = s_->store->size();
  if (!held) return failure{held.error()};
  if (*held == s_->sequence) return ok;
  auto contents = read_journal(*s_->store, s_->sequence);
  if (!contents) return failure{contents.error()};
  if (contents->last_sequence < s_->sequence)
    return fail(errc::conflict, fmt::format("{}: the journal ends at unit {}, before unit {} that the book holds: was it cut?",
                                            s_->store->name(), contents->last_sequence, s_->sequence));
  // The book's own calls apply the units; they write nothing and tell no observer meanwhile.
  s_->catching_up = std::this_thread::get_id();
  auto applied = apply_records(*this, contents->records, 0, s_->store->name(), {});
  s_->catching_up = std::thread::id{};
  if (!applied) {
    s_->broken = fmt::format("{} (catching up with the journal; replay it to continue)", applied.error().message);
    return applied;
  }
  s_->sequence = contents->last_sequence;
  s_->head = contents->head;
  s_->journal.emplace(*s_->store, s_->sequence + 1, s_->head, s_->journal->hash());
  return ok;
}

status<> case_book::apply_records(case_book &book, const std::vector<journal_record> &records, std::size_t first,
                                  const std::string &store_name, const replay_progress &progress) {
  const auto where = [&](const journal_record &r) { return fmt::format("{}:{}", store_name, r.line); };
  // What a record caused follows it in the same unit (format 2), or on the next lines (format 1, whose
  // journal may end early: the tick had not returned when it stopped).
  const auto follows = [&](std::size_t cause, std::size_t k, std::string_view type) {
    return k < records.size() && records[k].type == type &&
           (records[cause].version == 1 || records[k].sequence == records[cause].sequence);
  };
  const auto may_end_early = [&](std::size_t cause, std::size_t k) { return records[cause].version == 1 && k == records.size(); };
  for (std::size_t i = first; i < records.size(); ++i) {
    const std::size_t cause = i;
    const journal_record &r = records[i];
    if (progress) progress(i, records.size());
    if (r.type == "setup") {
      const bool has_chart = book.has_org_chart();
      if (auto done = check_setup(book, r, where(r), has_chart, has_chart ? book.s_->chart->name() : std::string()); !done)
        return failure{done.error()};
    } else if (r.type == "chart") {
      const auto text = r.data.find("chart");
      if (text == r.data.end() || !text->is_string())
        return fail(errc::parse_error, fmt::format("{}: field 'chart': is missing", where(r)));
      if (auto done = book.change_org_chart(text->get<std::string>()); !done)
        return fail(done.error().code, fmt::format("{}: {}", where(r), done.error().message));
    } else if (r.type == "open") {
      auto info = case_info_from_json(r.data, where(r));
      if (!info) return failure{info.error()};
      if (auto done = book.open(*info); !done)
        return fail(done.error().code, fmt::format("{}: {}", where(r), done.error().message));
    } else if (r.type == "event") {
      auto e = event_from_json(r.data, where(r));
      if (!e) return failure{e.error()};
      auto id = case_of(r, where(r));
      if (!id) return failure{id.error()};
      if (auto done = book.apply(*id, *e); !done)
        return fail(done.error().code, fmt::format("{}: {}", where(r), done.error().message));
    } else if (r.type == "tick") {
      const auto day = r.data.find("date");
      auto now = day != r.data.end() && day->is_string() ? parse_date(day->get<std::string>())
                                                         : result<date>(fail(errc::parse_error, "missing"));
      if (!now) return fail(errc::parse_error, fmt::format("{}: field 'date': {}", where(r), now.error().message));
      const auto each_day = r.data.find("each_day");
      auto notices =
          book.tick_through(*now, each_day != r.data.end() && *each_day == true ? tick_rule::each_day : tick_rule::as_one_day);
      if (!notices) return fail(notices.error().code, fmt::format("{}: {}", where(r), notices.error().message));
      // The notices after a tick must be the ones the tick gives again.
      std::size_t held = 0;
      while (follows(cause, i + 1 + held, "notice"))
        ++held;
      const bool ends_early = may_end_early(cause, i + 1 + held) && held < notices->size();
      if (held != notices->size() && !ends_early)
        return fail(errc::conflict,
                    fmt::format("{}: the journal holds {} notices after this tick, but the tick gives {} again: was "
                                "the journal written with another policy or calendar?",
                                where(r), held, notices->size()));
      for (std::size_t k = 0; k < held; ++k) {
        const journal_record &next = records[++i];
        if (next.data != to_json((*notices)[k]))
          return fail(errc::conflict,
                      fmt::format("{}: notice differs from what the tick gives again ({}): was the journal written "
                                  "with another policy or calendar?",
                                  where(next), to_string((*notices)[k])));
      }
    } else if (r.type == "escalation") {
      auto in = escalation_input_from_json(r.data, where(r));
      if (!in) return failure{in.error()};
      auto id = case_of(r, where(r));
      if (!id) return failure{id.error()};
      if (auto done = book.escalate(*id, *in); !done)
        return fail(done.error().code, fmt::format("{}: {}", where(r), done.error().message));
    } else if (r.type == "calendar") {
      if (auto done = replay_calendar_change(book, r, where(r)); !done) return failure{done.error()};
    } else if (r.type == "pass_down") {
      auto req = child_request_from_json(r.data, where(r));
      if (!req) return failure{req.error()};
      auto id = case_of(r, where(r));
      if (!id) return failure{id.error()};
      if (auto done = book.pass_down(*id, *req); !done)
        return fail(done.error().code, fmt::format("{}: {}", where(r), done.error().message));
      const auto due = r.data.find("due");
      const date again = book.s_->children.at(req->id).due;
      if (due != r.data.end() && (!due->is_string() || due->get<std::string>() != to_string(again)))
        return fail(errc::conflict, fmt::format("{}: the child's due date differs from the one passing down gives again ({}): "
                                                "was the journal written with another policy or calendar?",
                                                where(r), to_string(again)));
    } else if (r.type == "child_answer") {
      auto req = child_answer_request_from_json(r.data, where(r));
      if (!req) return failure{req.error()};
      const auto child = r.data.find("child");
      if (child == r.data.end() || !child->is_string())
        return fail(errc::parse_error, fmt::format("{}: field 'child': is missing", where(r)));
      if (auto done = book.answer_child(child->get<std::string>(), *req); !done)
        return fail(done.error().code, fmt::format("{}: {}", where(r), done.error().message));
    } else if (r.type == "notice") {
      return fail(errc::parse_error, fmt::format("{}: a notice without its tick", where(r)));
    } else if (r.type == "escalation_notice") {
      return fail(errc::parse_error, fmt::format("{}: an escalation notice without the record that caused it", where(r)));
    } else {
      return fail(errc::parse_error, fmt::format("{}: unknown record type '{}'", where(r), r.type));
    }
    // The escalation notices after a record must be the ones it gives again.
    const std::vector<escalation_notice> &again = book.s_->recent;
    std::size_t held = 0;
    while (follows(cause, i + 1 + held, "escalation_notice"))
      ++held;
    const bool ends_early = may_end_early(cause, i + 1 + held) && held < again.size();
    if (held != again.size() && !ends_early)
      return fail(errc::conflict, fmt::format("{}: the journal holds {} escalation notices after this record, but it gives "
                                              "{} again: was the journal written with another policy, calendar or chart?",
                                              where(r), held, again.size()));
    for (std::size_t k = 0; k < held; ++k) {
      const journal_record &next = records[++i];
      json expected;
      to_json(expected, again[k]);
      if (next.data != expected)
        return fail(errc::conflict, fmt::format("{}: escalation notice differs from what the record gives again ({}): was "
                                                "the journal written with another policy, calendar or chart?",
                                                where(next), to_string(again[k])));
    }
    // Replaying or catching up, the book holds the journal's units; reapplying into another journal,
    // its own writes number them.
    if (!book.s_->journal || book.s_->catching_up_here()) book.s_->sequence = records[i].sequence;
  }
  // The fingerprint of the last record only: it is what a snapshot names (serialising every record for
  // it was most of a replay's time).
  if ((!book.s_->journal || book.s_->catching_up_here()) && first < records.size())
    book.s_->digest = book_detail::record_digest(records.back().type, records.back().data);
  if (progress) progress(records.size(), records.size());
  return ok;
}

} // namespace caseflow
