// minhang_2024: the seed district's year. Replays the journal data/examples/minhang-2024.jsonl (34 city
// items of the 2nd sessions of the 16th city congress and the 14th city CPPCC, assigned in February
// 2024, handled by the district "minhang" as lead or co-handler) with the bundled calendar, the
// shanghai-municipal policy and the organisation chart data/examples/minhang-org.json (one item was
// marked difficult and went up the coordination ladder), then prints the year's summary, the KPIs, the
// coordination ladder's record, the leaders' brief and the bimonthly bulletins from the district's point of view.
//
// Usage: minhang_2024 [journal.jsonl]   (default: the bundled journal)
#include <caseflow/brief.hpp>
#include <caseflow/casebook.hpp>
#include <caseflow/data_files.hpp>
#include <caseflow/report.hpp>

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace cf = caseflow;

namespace {

constexpr std::string_view district = "minhang";

template <class T> T must(cf::result<T> r) {
  if (!r) {
    fmt::print(stderr, "minhang_2024: {}\n", r.error().message);
    std::exit(1);
  }
  return std::move(r).value();
}

// The journal is read into memory: the bundled data directory may be read-only.
cf::memory_event_store read_store(const std::filesystem::path &file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    fmt::print(stderr, "minhang_2024: cannot read {}\n", file.string());
    std::exit(1);
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  cf::memory_event_store store;
  store.bytes() = bytes.str();
  return store;
}

} // namespace

int main(int argc, char **argv) {
  const auto journal = argc > 1 ? std::filesystem::path(argv[1]) : must(cf::find_data_file("examples/minhang-2024.jsonl"));
  auto calendar = must(cf::work_calendar::load(must(cf::find_data_file(cf::national_calendar_file))));
  auto policy = must(cf::load_policy(must(cf::find_data_file(cf::policy_preset_file("shanghai-municipal")))));
  auto chart = must(cf::load_org_chart(must(cf::find_data_file("examples/minhang-org.json"))));
  const auto store = read_store(journal);
  const auto book = must(cf::case_book::replay(store, std::move(policy), std::move(calendar), std::move(chart)));

  const cf::date year_end(2024, 12, 31);
  fmt::print("Replayed {}: {} items, last tick {}\n\n", journal.filename().string(), book.size(),
             book.last_tick() ? cf::to_string(*book.last_tick()) : std::string("none"));
  fmt::print("{}\n", cf::format(must(cf::make_summary(book, year_end, district)), cf::report_format::text));
  fmt::print("{}\n", cf::format(must(cf::make_kpis(book, year_end, district)), cf::report_format::text));
  fmt::print("Coordination ladder (office -> supervising leader -> principal leader)\n");
  for (const auto &id : book.ids())
    for (const auto &n : book.escalation_notices_of(id))
      fmt::print("  {}\n", cf::to_string(n));
  fmt::print("\n");
  // The leaders' brief while the item stood at the mayor, and at the year's end.
  fmt::print("{}\n", cf::format(must(cf::make_brief(book, cf::date(2024, 4, 12), district)), cf::report_format::text));
  fmt::print("{}\n", cf::format(must(cf::make_brief(book, year_end, district)), cf::report_format::text));
  for (const auto &[from, to] : cf::bimonthly_periods(2024))
    fmt::print("{}\n", cf::format(must(cf::make_bulletin(book, district, from, to)), cf::report_format::text));
}
