// Fuzzes a case book with a sequence of writes drawn from the input: open, apply, tick and escalate, on
// the Shanghai policy, the national calendar and the Minhang chart. The writes start from the records
// of data/examples/minhang-2024.jsonl (so that the book reaches deep states quickly) and are bent by the
// input: replayed in order, applied to another case, moved in time, ticked on other days, escalated with
// other triggers. After every write, whether accepted or refused:
//   - a refused write left the journal as it was;
//   - case_book::replay of the journal, restore(snapshot) (from text and from a stream) and resume(snapshot,
//     journal) each give a book with the live book's snapshot, which the streamed snapshot equals.
#include <caseflow/casebook.hpp>
#include <caseflow/event_json.hpp>

#include "fuzz_check.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

using namespace caseflow;

namespace {

struct tick_at {
  date on;
};
struct event_for {
  case_id id;
  event e;
};
struct escalation_for {
  case_id id;
  escalation_input in;
};
using book_write = std::variant<case_info, event_for, tick_at, escalation_for>;

// What every input starts from, loaded once.
struct fixture {
  deadline_policy policy = parse_policy(fuzz::data_file("policies/shanghai-municipal.json"), "shanghai-municipal.json").value();
  work_calendar calendar =
      work_calendar::parse(fuzz::data_file("calendars/cn-mainland.txt"), "cn-mainland.txt", calendar_options::strict()).value();
  org_chart chart = parse_org_chart(fuzz::data_file("examples/minhang-org.json"), "minhang-org.json").value();
  std::vector<book_write> journal; ///< the example's writes, in order (its notices are what ticks give)
  std::vector<case_id> ids;
  std::vector<event> events;
  std::vector<actor> actors;
  std::vector<std::string> units;

  fixture() {
    std::istringstream lines(fuzz::data_file("examples/minhang-2024.jsonl"));
    std::size_t n = 0;
    for (std::string line; std::getline(lines, line);) {
      auto records = parse_journal_line(line, "minhang-2024.jsonl");
      fuzz::check(records.has_value(), "minhang-2024.jsonl does not read");
      ++n;
      // A unit's records: the write that caused it first (an import holds several), then its notices.
      for (const journal_record &rec : *records) {
        const journal_record *r = &rec;
        const auto id =
            r->data.contains("case") ? case_id::parse(r->data["case"].get<std::string>()) : result<case_id>(case_id{});
        if (r->type == "open") {
          auto info = case_info_from_json(r->data, "open");
          journal.emplace_back(*info);
          ids.push_back(info->id);
        } else if (r->type == "event") {
          auto e = event_from_json(r->data, "event").value();
          journal.emplace_back(event_for{*id, e});
          events.push_back(e);
          actors.push_back(e.by);
          for (const auto &u : e.units)
            units.push_back(u.unit);
        } else if (r->type == "tick") {
          journal.emplace_back(tick_at{parse_date(r->data["date"].get<std::string>()).value()});
        } else if (r->type == "escalation") {
          auto in = escalation_input_from_json(r->data, "escalation").value();
          journal.emplace_back(escalation_for{*id, in});
          actors.push_back(in.by);
        }
      }
    }
    fuzz::check(n > 0 && !ids.empty() && !events.empty() && !units.empty(), "minhang-2024.jsonl is empty");
  }
};

const fixture &the_fixture() {
  static const fixture f;
  return f;
}

template <class T> const T &pick(FuzzedDataProvider &in, const std::vector<T> &from) {
  return from[in.ConsumeIntegralInRange<std::size_t>(0, from.size() - 1)];
}

// The next write the input asks for; `next` walks the example's journal.
book_write next_write(FuzzedDataProvider &in, const fixture &f, std::size_t &next, std::optional<date> last_tick) {
  const date base = last_tick.value_or(date(2024, 1, 15));
  switch (in.ConsumeIntegralInRange<int>(0, 9)) {
  default: // the example's next write, as it is (most steps, so that inputs reach deep states)
    if (next < f.journal.size()) return f.journal[next++];
    [[fallthrough]];
  case 5: { // an example event, on any case, moved by some days
    event e = pick(in, f.events);
    e.at += boost::gregorian::days(in.ConsumeIntegralInRange<int>(-3, 30));
    if (in.ConsumeBool()) e.by = pick(in, f.actors);
    if (in.ConsumeBool()) e.unit = pick(in, f.units);
    return event_for{pick(in, f.ids), e};
  }
  case 6: // a tick on another day (sometimes before the last one)
    return tick_at{base + boost::gregorian::days(in.ConsumeIntegralInRange<int>(-2, 45))};
  case 7: { // a trigger or a decision
    const date on = base + boost::gregorian::days(in.ConsumeIntegralInRange<int>(-1, 10));
    const case_id &id = pick(in, f.ids);
    switch (in.ConsumeIntegralInRange<int>(0, 2)) {
    case 0: {
      std::vector<std::string> units;
      for (int k = in.ConsumeIntegralInRange<int>(0, 2); k > 0; --k)
        units.push_back(pick(in, f.units));
      const auto t = static_cast<escalation_trigger>(in.ConsumeIntegralInRange<std::size_t>(0, escalation_trigger_count - 1));
      return escalation_for{id, escalation_input::raise(t, on, std::move(units))};
    }
    case 1: return escalation_for{id, escalation_input::resolve(pick(in, f.actors), on, in.ConsumeRandomLengthString(16))};
    default:
      return escalation_for{id,
                            escalation_input::window_ran_out(static_cast<escalation_level>(in.ConsumeIntegralInRange<int>(0, 3)),
                                                             on, in.ConsumeIntegralInRange<int>(0, 2))};
    }
  }
  case 8: // a registration again (a conflict), or under another item number
    if (auto info = std::get_if<case_info>(&f.journal[in.ConsumeIntegralInRange<std::size_t>(0, f.ids.size() - 1)]); info) {
      case_info copy = *info;
      if (in.ConsumeBool()) copy.id.item += std::to_string(in.ConsumeIntegralInRange<int>(0, 9));
      return copy;
    }
    return tick_at{base};
  case 9: // skip some of the example
    next += in.ConsumeIntegralInRange<std::size_t>(1, 20);
    return tick_at{base + boost::gregorian::days(1)};
  }
}

// One line for a write, for CASEFLOW_FUZZ_TRACE=1 (what a crashing input did, step by step).
std::string describe(const book_write &w) {
  if (const auto *info = std::get_if<case_info>(&w)) return "open " + to_json(*info).dump();
  if (const auto *e = std::get_if<event_for>(&w)) return "apply " + e->id.to_string() + " " + to_json(e->e).dump();
  if (const auto *t = std::get_if<tick_at>(&w)) return "tick " + to_string(t->on);
  const auto &x = std::get<escalation_for>(w);
  nlohmann::json in;
  to_json(in, x.in);
  return "escalate " + x.id.to_string() + " " + in.dump();
}

bool perform(case_book &book, const book_write &w) {
  if (const auto *info = std::get_if<case_info>(&w)) return book.open(*info).has_value();
  if (const auto *e = std::get_if<event_for>(&w)) return book.apply(e->id, e->e).has_value();
  if (const auto *t = std::get_if<tick_at>(&w)) return book.tick(t->on).has_value();
  const auto &x = std::get<escalation_for>(w);
  return book.escalate(x.id, x.in).has_value();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  static const bool trace = std::getenv("CASEFLOW_FUZZ_TRACE") != nullptr;
  const fixture &f = the_fixture();
  FuzzedDataProvider in(data, size);
  memory_event_store store;
  case_book book(f.policy, f.calendar, f.chart);
  book.attach_journal(store);
  std::size_t next = 0;
  for (int step = 0; step < 32 && in.remaining_bytes() > 0; ++step) {
    const book_write w = next_write(in, f, next, book.last_tick());
    const std::string before = store.bytes();
    const bool accepted = perform(book, w);
    if (trace) std::fprintf(stderr, "%d %s: %s\n", step, accepted ? "accepted" : "refused", describe(w).c_str());
    if (!accepted) fuzz::check(store.bytes() == before, "a refused write changed the journal");
    const std::string live = book.snapshot();
    auto replayed = case_book::replay(store, f.policy, f.calendar, f.chart);
    fuzz::check(replayed.has_value(), replayed ? "" : replayed.error().message);
    if (trace && replayed->snapshot() != live) {
      std::ofstream("book_ops-live.json") << live;
      std::ofstream("book_ops-replayed.json") << replayed->snapshot();
      std::ofstream("book_ops-journal.jsonl") << store.bytes();
    }
    fuzz::check(replayed->snapshot() == live, "replay of the journal differs from the live book");
    auto restored = case_book::restore(live, f.policy, f.chart);
    fuzz::check(restored.has_value(), restored ? "" : restored.error().message);
    fuzz::check(restored->snapshot() == live, "restore(snapshot) differs from the live book");
    std::ostringstream streamed;
    fuzz::check(static_cast<bool>(book.snapshot(streamed)) && streamed.str() == live, "the streamed snapshot differs");
    std::istringstream live_stream(live);
    auto from_stream = case_book::restore(live_stream, f.policy, f.chart);
    fuzz::check(from_stream.has_value(), from_stream ? "" : from_stream.error().message);
    fuzz::check(from_stream->snapshot() == live, "restore(stream) differs from the live book");
    auto resumed = case_book::resume(live, store, f.policy, f.chart);
    fuzz::check(resumed.has_value(), resumed ? "" : resumed.error().message);
    fuzz::check(resumed->snapshot() == live, "resume(snapshot, journal) differs from the live book");
  }
  return 0;
}
