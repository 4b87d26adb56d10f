#include "book.hpp"

#include "cli.hpp"

#include <caseflow/data_files.hpp>
#include <caseflow/registry.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

#include <unistd.h>

namespace casectl {

namespace cf = caseflow;
using cf::tools::open_store;
using cf::tools::parse_store_uri;
using cf::tools::store_location;

namespace {

// Replays longer than this show their progress on stderr.
constexpr std::size_t progress_threshold = 10000;

bool uses_chart(const cf::journal_contents &contents) {
  return std::any_of(contents.records.begin(), contents.records.end(),
                     [](const cf::journal_record &r) { return r.type == "escalation" || r.type == "pass_down"; });
}

// The chart --org names, or the bundled one.
cf::result<std::filesystem::path> chart_file_of(const setup_options &setup) {
  if (setup.org) return std::filesystem::path(*setup.org);
  return cf::find_data_file(bundled_org_chart, program_data_dirs());
}

// Options given to a journal that has a setup record must name what it records: a journal replays
// only with what wrote it.
cf::status<> check_against_setup(const cf::book_setup &recorded, const setup_options &given, std::string_view journal) {
  const auto differs = [&](std::string_view option, std::string_view part, const std::string &was, const std::string &is) {
    return cf::fail(cf::errc::conflict,
                    fmt::format("{}: {} was set up with {} {}, but {} gives {} (a journal replays only with what wrote it; "
                                "leave the option out)",
                                option, journal, part, was, option, is));
  };
  if (given.policy) {
    auto policy = policy_argument(*given.policy);
    if (!policy) return cf::failure{policy.error()};
    if (!(*policy == recorded.policy))
      return differs("--policy", "policy",
                     fmt::format("'{}' ({})", recorded.policy.name, cf::policy_fingerprint(recorded.policy)),
                     fmt::format("'{}' ({})", policy->name, cf::policy_fingerprint(*policy)));
  }
  if (given.calendar.named()) {
    auto cal = load_calendar(given.calendar);
    if (!cal) return cf::failure{cal.error()};
    if (!(*cal == recorded.calendar))
      return differs(given.calendar.files.empty() ? "--strict" : "--calendar", "calendar",
                     cf::calendar_fingerprint(recorded.calendar), cf::calendar_fingerprint(*cal));
  }
  if (given.org) {
    auto text = read_text(*given.org);
    if (!text) return cf::failure{text.error()};
    if (*text != recorded.chart_text)
      return differs("--org", "chart", cf::chart_fingerprint(recorded.chart_text), cf::chart_fingerprint(*text));
  }
  if (given.registry) {
    auto text = read_text(*given.registry);
    if (!text) return cf::failure{text.error()};
    if (*text != recorded.registry_text)
      return differs("--registry", "registry", cf::registry_fingerprint(recorded.registry_text), cf::registry_fingerprint(*text));
  }
  return cf::ok;
}

} // namespace

void add_journal_option(CLI::App &command, std::optional<std::string> &journal) {
  command.add_option("--journal", journal, "the book's journal, a file")->type_name("FILE");
}

void add_store_options(CLI::App &command, store_options &where) {
  add_journal_option(command, where.journal);
  add_parsed(
      command, "--store", where.store, [](const std::string &uri) { return parse_store_uri(uri, "--store"); },
      "or the store that keeps it: file:PATH, sqlite:PATH or postgresql://... (a libpq URI)")
      ->type_name("URI");
}

void add_setup_options(CLI::App &command, setup_options &setup) {
  command.add_option("--policy", setup.policy, "policy preset name or .json file (default: shanghai-municipal)")->type_name("P");
  add_calendar_options(command, setup.calendar);
  command
      .add_option("--org", setup.org,
                  fmt::format("organisation chart escalation routes on and senders are checked against (default: the "
                              "bundled {})",
                              bundled_org_chart))
      ->type_name("FILE");
  command.add_option("--registry", setup.registry, "proposers and their liaison offices: ratings only from them (registry.hpp)")
      ->type_name("FILE");
}

void add_book_options(CLI::App &command, book_options &book) {
  add_store_options(command, book.where);
  add_setup_options(command, book.setup);
  command.add_option("--snapshot", book.snapshot, "start from a snapshot (casectl snapshot) and the journal's later records")
      ->type_name("FILE");
}

void add_hash_option(CLI::App &command, cf::hash_algorithm &hash) {
  add_parsed(command, "--hash", hash, &cf::parse_hash_algorithm, "the hash of the journal's chain (default: sm3)")
      ->type_name("sm3|sha256");
}

void add_lang_option(CLI::App &command, cf::language &lang) {
  add_parsed(command, "--lang", lang, &cf::parse_language, "the language of notices, history and reports (default: en)")
      ->type_name("en|zh");
}

void add_output_option(CLI::App &command, output &format) {
  const auto parse = [](std::string_view f) -> cf::result<output> {
    if (f == "text") return output::text;
    if (f == "json") return output::json;
    return cf::fail(cf::errc::invalid_argument, fmt::format("'{}' (expected text or json)", f));
  };
  add_parsed(command, "--format", format, parse, "text for people (default), or JSON for scripts (book_json.hpp)")
      ->type_name("text|json");
}

void show_progress(std::string_view what, std::size_t done, std::size_t total) {
  // A progress line rewritten with '\r' is for a person watching: not for a log file or a pipe.
  static const bool terminal = ::isatty(STDERR_FILENO) != 0;
  if (!terminal || total < progress_threshold) return;
  if (done % progress_threshold == 0 || done == total) {
    std::cerr << fmt::format("\r{}: {}/{} records", what, done, total);
    if (done == total) std::cerr << '\n';
    std::cerr.flush();
  }
}

cf::result<std::string> read_text(const std::filesystem::path &file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return cf::fail(cf::errc::io_error, fmt::format("{}: cannot read the file", file.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

cf::result<store_location> store_of(const store_options &where) {
  if (where.store) {
    if (where.journal) return cf::fail(cf::errc::invalid_argument, "give --journal FILE or --store URI, not both");
    return *where.store;
  }
  if (!where.journal) return cf::fail(cf::errc::invalid_argument, "--journal FILE is required (or --store URI)");
  return store_location{store_location::kind::file, *where.journal, {}};
}

cf::result<cf::book_setup> setup_from(const setup_options &setup, cf::hash_algorithm hash) {
  auto cal = load_calendar(setup.calendar);
  if (!cal) return cf::failure{cal.error()};
  auto policy = policy_argument(setup.policy.value_or("shanghai-municipal"));
  if (!policy) return cf::failure{policy.error()};
  auto chart_file = chart_file_of(setup);
  if (!chart_file) return cf::failure{chart_file.error()};
  auto chart_text = read_text(*chart_file);
  if (!chart_text) return cf::failure{chart_text.error()};
  if (auto chart = cf::parse_org_chart(*chart_text, chart_file->filename().string()); !chart) return cf::failure{chart.error()};
  std::optional<std::string> registry_text;
  if (setup.registry) {
    auto text = read_text(*setup.registry);
    if (!text) return cf::failure{text.error()};
    if (auto r = cf::parse_registry(*text, std::filesystem::path(*setup.registry).filename().string()); !r)
      return cf::failure{r.error()};
    registry_text = std::move(*text);
  }
  return cf::book_setup{std::move(*policy), std::move(*cal), std::move(*chart_text), hash, std::move(registry_text)};
}

// The book from the journal: replayed whole, or (--snapshot FILE) restored from a snapshot that
// `casectl snapshot` wrote, with the journal's later records applied.
cf::result<cf::case_book> replay(const cf::event_store &store, const book_options &book, bool with_chart) {
  const auto progress = [](std::size_t done, std::size_t total) { show_progress("replaying", done, total); };
  const setup_options &given = book.setup;
  auto setup = cf::read_setup(store);
  if (!setup) return cf::failure{setup.error()};
  if (*setup) {
    if (auto r = check_against_setup(**setup, given, store.name()); !r) return cf::failure{r.error()};
    if (book.snapshot) {
      auto text = read_text(*book.snapshot);
      if (!text) return cf::failure{text.error()};
      auto chart = (*setup)->chart();
      if (!chart) return cf::failure{chart.error()};
      auto registry = (*setup)->registry();
      if (!registry) return cf::failure{registry.error()};
      if (*chart && *registry)
        return cf::case_book::resume(*text, store, std::move((*setup)->policy), std::move(**chart), std::move(**registry),
                                     cf::category_list::defaults(), false, progress);
      if (*chart)
        return cf::case_book::resume(*text, store, std::move((*setup)->policy), std::move(**chart), cf::category_list::defaults(),
                                     false, progress);
      return cf::case_book::resume(*text, store, std::move((*setup)->policy), cf::category_list::defaults(), false, progress);
    }
    return cf::case_book::replay(store, cf::category_list::defaults(), false, progress);
  }
  // A journal written before setup records: what the options (or the defaults) say.
  auto cal = load_calendar(given.calendar);
  if (!cal) return cf::failure{cal.error()};
  auto policy = policy_argument(given.policy.value_or("shanghai-municipal"));
  if (!policy) return cf::failure{policy.error()};
  std::optional<std::string> snapshot;
  if (book.snapshot) {
    auto text = read_text(*book.snapshot);
    if (!text) return cf::failure{text.error()};
    snapshot = std::move(*text);
  }
  // A registry is checked against the chart's senders: it brings the chart along.
  std::optional<cf::registry> registry;
  if (given.registry) {
    auto r = cf::load_registry(*given.registry);
    if (!r) return cf::failure{r.error()};
    registry = std::move(*r);
  }
  if (!given.org && !with_chart && !registry) {
    if (snapshot)
      return cf::case_book::resume(*snapshot, store, std::move(*policy), cf::category_list::defaults(), false, progress);
    return cf::case_book::replay(store, std::move(*policy), std::move(*cal), cf::category_list::defaults(), false, progress);
  }
  auto chart_file = chart_file_of(given);
  if (!chart_file) return cf::failure{chart_file.error()};
  auto chart = cf::load_org_chart(*chart_file);
  if (!chart) return cf::failure{chart.error()};
  if (registry) {
    if (snapshot)
      return cf::case_book::resume(*snapshot, store, std::move(*policy), std::move(*chart), std::move(*registry),
                                   cf::category_list::defaults(), false, progress);
    return cf::case_book::replay(store, std::move(*policy), std::move(*cal), std::move(*chart), std::move(*registry),
                                 cf::category_list::defaults(), false, progress);
  }
  if (snapshot)
    return cf::case_book::resume(*snapshot, store, std::move(*policy), std::move(*chart), cf::category_list::defaults(), false,
                                 progress);
  return cf::case_book::replay(store, std::move(*policy), std::move(*cal), std::move(*chart), cf::category_list::defaults(),
                               false, progress);
}

cf::result<open_book> open_journal(const book_options &book, access mode, bool escalating) {
  auto where = store_of(book.where);
  if (!where) return cf::failure{where.error()};
  if (book.where.journal && !std::filesystem::exists(where->path))
    return cf::fail(cf::errc::not_found, fmt::format("{}: no such journal (casectl init --journal {} creates one)",
                                                     where->path.string(), where->path.string()));
  auto opened = open_store(*where, mode == access::read, true);
  if (!opened) return cf::failure{opened.error()};
  auto owned = std::move(*opened);
  const auto contents = cf::read_journal(*owned);
  if (!contents) return cf::failure{contents.error()};
  const bool with_chart = escalating || uses_chart(*contents);
  auto replayed = replay(*owned, book, with_chart);
  if (!replayed) return cf::failure{replayed.error()};
  // The book's own last unit: another writer may have appended since `contents` was read.
  replayed->attach_journal(*owned, replayed->last_sequence() + 1);
  return open_book{std::move(owned), std::move(*replayed), with_chart};
}

} // namespace casectl
