// case_book::replay: a book rebuilt from its journal, every notice checked against the one issued again.
#include "casebook_state.hpp"

#include <caseflow/event_json.hpp>

namespace caseflow {

namespace {

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

} // namespace

result<case_book> case_book::replay(const event_store &store, deadline_policy policy, work_calendar calendar,
                                    category_list categories, bool allow_torn_tail, const replay_progress &progress) {
  return replay_into(case_book(std::move(policy), std::move(calendar), std::move(categories)), store, allow_torn_tail, progress);
}

result<case_book> case_book::replay(const event_store &store, deadline_policy policy, work_calendar calendar, org_chart chart,
                                    category_list categories, bool allow_torn_tail, const replay_progress &progress) {
  return replay_into(case_book(std::move(policy), std::move(calendar), std::move(chart), std::move(categories)), store,
                     allow_torn_tail, progress);
}

result<case_book> case_book::replay_into(case_book book, const event_store &store, bool allow_torn_tail,
                                         const replay_progress &progress) {
  // A restored book holds the records up to its sequence already: only the tail after it is applied.
  // A restored book holds the records up to its sequence already: the journal is read from that record
  // on, which must be the very one the snapshot was taken after, and only the records after it applied.
  const std::uint64_t held_already = book.s_->sequence;
  auto contents = read_journal(store, held_already == 0 ? 0 : held_already - 1);
  if (!contents) return failure{contents.error()};
  if (contents->last_sequence < held_already)
    return fail(errc::conflict, fmt::format("{}: the journal ends at record {}, before record {} that the snapshot holds: "
                                            "is it the journal the snapshot was taken from?",
                                            store.name(), contents->last_sequence, held_already));
  if (contents->torn && !allow_torn_tail)
    return fail(errc::parse_error, fmt::format("{}:{}: the last line is torn (a write was cut short); truncate it to continue",
                                               store.name(), contents->torn->line_number));
  const auto &records = contents->records;
  const auto where = [&](const journal_record &r) { return fmt::format("{}:{}", store.name(), r.line); };
  std::size_t first = 0;
  if (held_already > 0) {
    const journal_record &last = records.front();
    if (book_detail::record_digest(last.type, last.data) != book.s_->digest)
      return fail(errc::conflict, fmt::format("{}: record {} is not the one the snapshot was taken after: is it the journal "
                                              "the snapshot was taken from?",
                                              where(last), held_already));
    first = 1;
  }
  for (std::size_t i = first; i < records.size(); ++i) {
    const journal_record &r = records[i];
    if (progress) progress(i, records.size());
    if (r.type == "open") {
      auto info = case_info_from_json(r.data, where(r));
      if (!info) return failure{info.error()};
      if (auto done = book.open(std::move(*info)); !done)
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
      // The notice lines after a tick must be the ones the tick gives again; a journal may end early
      // (the tick had not returned when it stopped), never differ.
      std::size_t held = 0;
      while (i + 1 + held < records.size() && records[i + 1 + held].type == "notice")
        ++held;
      const bool ends_early = i + 1 + held == records.size() && held < notices->size();
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
    // The escalation notices after a record must be the ones it gives again (or fewer, at the very end).
    const std::vector<escalation_notice> &again = book.s_->recent;
    std::size_t held = 0;
    while (i + 1 + held < records.size() && records[i + 1 + held].type == "escalation_notice")
      ++held;
    const bool ends_early = i + 1 + held == records.size() && held < again.size();
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
    book.s_->sequence = records[i].sequence;
    book.s_->digest = book_detail::record_digest(records[i].type, records[i].data);
  }
  if (progress) progress(records.size(), records.size());
  return book;
}

} // namespace caseflow
