// casectl's book commands: a case book kept in a journal file, driven from the command line.
//
// Every command replays the journal (--journal FILE) with the policy (--policy, default the bundled
// shanghai-municipal preset) and calendar (--calendar, default the bundled national one), does its work
// and, for commands that change the book, appends to the same journal. Input records are JSON lines:
//   a registration:  {"case":"16-2/0581","kind":"deputy_suggestion","category":"城建交通","title":"...",
//                     "proposers":{"lead":"代表甲","co_signers":["代表乙"]}}
//   an event:        {"case":"16-2/0581","type":"assign","by":"office","at":"2024-01-26 09:00:00",
//                     "units":[{"unit":"minhang","role":"lead"}]}
// (see event_json.hpp), or for `import`, a CSV file of new items with the header
//   case,kind,category,title,lead_proposer,co_signers,key_item,leader_supervised
// (co_signers separated by ';', flags true/false or empty). An import is all or nothing: every record is
// checked against the book first, and the first bad one is reported with its line; nothing is written.
//
// Escalation routes on an organisation chart (--org FILE, default the bundled Minhang example), and
// passing an item down checks the chart. A chart changes what the book derives from its records (a
// reply at its last warning point raises a trigger), so a journal is replayed with one only when it
// takes part in escalation or linkage: --org is given, the command is `escalate` or `pass-down`, or the
// journal already holds escalation or pass-down records.
//
// With the chart, senders are checked against it (identity.hpp): "by" names an office, unit or leader of
// the chart ("office:sh-office", "unit:minhang"). A proposer registry (--registry FILE, registry.hpp)
// makes ratings the proposer's or their liaison's; `init` records it in the setup with the chart.
#include "commands.hpp"
#include "store_uri.hpp"

#include <caseflow/book_json.hpp>
#include <caseflow/book_setup.hpp>
#include <caseflow/brief.hpp>
#include <caseflow/casebook.hpp>
#include <caseflow/data_files.hpp>
#include <caseflow/event_json.hpp>
#include <caseflow/history_text.hpp>
#include <caseflow/import.hpp>
#include <caseflow/limits.hpp>
#include <caseflow/registry.hpp>
#include <caseflow/report.hpp>
#include <caseflow/report_html.hpp>
#ifdef CASECTL_WITH_XLSX
#include <caseflow/report_xlsx.hpp>
#endif

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <variant>

#include <unistd.h>

namespace casectl {

namespace cf = caseflow;
using json = nlohmann::json;

namespace {

constexpr std::string_view book_options[] = {"--journal", "--policy",   "--calendar",     "--date",     "--within",   "--state",
                                             "--unit",    "--role",     "--format",       "--from",     "--to",       "--org",
                                             "--by",      "--decision", "--new-calendar", "--snapshot", "--out",      "--child",
                                             "--task",    "--text",     "--hash",         "--store",    "--registry", "--lang"};
constexpr std::string_view book_flags[] = {"--dry-run", "--strict"};

constexpr std::string_view bundled_org_chart = "examples/minhang-org.json";

// Replays longer than this show their progress on stderr.
constexpr std::size_t progress_threshold = 10000;

using book_input = cf::import_record;

// A book replayed from its journal, with the journal attached for appending.
struct open_book {
  std::unique_ptr<cf::event_store> store;
  cf::case_book book;
  bool with_chart = false;
};

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

// --lang en|zh: the language of reports, notices and history lines (English by default).
cf::result<cf::language> language_of(const arguments &args) {
  auto lang = cf::parse_language(args.one("--lang").value_or("en"));
  if (!lang) return cf::fail(lang.error().code, fmt::format("--lang: {}", lang.error().message));
  return *lang;
}

cf::result<std::filesystem::path> journal_path(const arguments &args) {
  auto j = args.one("--journal");
  if (!j) return cf::fail(cf::errc::invalid_argument, "--journal FILE is required");
  return std::filesystem::path(*j);
}

using cf::tools::open_store;
using cf::tools::parse_store_uri;
using cf::tools::store_location;

// `--store URI`, or `--journal FILE` (a file).
cf::result<store_location> store_of(const arguments &args) {
  if (auto uri = args.one("--store")) {
    if (args.has("--journal")) return cf::fail(cf::errc::invalid_argument, "give --journal FILE or --store URI, not both");
    return parse_store_uri(*uri, "--store");
  }
  auto path = journal_path(args);
  if (!path) return cf::fail(cf::errc::invalid_argument, "--journal FILE is required (or --store URI)");
  return store_location{store_location::kind::file, *path, {}};
}

bool uses_chart(const cf::journal_contents &contents) {
  return std::any_of(contents.records.begin(), contents.records.end(),
                     [](const cf::journal_record &r) { return r.type == "escalation" || r.type == "pass_down"; });
}

cf::result<std::string> read_text(const std::filesystem::path &file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return cf::fail(cf::errc::io_error, fmt::format("{}: cannot read the file", file.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The book from the journal: replayed whole, or (--snapshot FILE) restored from a snapshot that
// `casectl snapshot` wrote, with the journal's later records applied.
// The setup `init` records: the given policy, calendar and chart, or the bundled defaults the help names.
cf::result<cf::book_setup> setup_from(const arguments &args) {
  auto cal = load_calendar(args);
  if (!cal) return cf::failure{cal.error()};
  auto policy = policy_argument(args.one("--policy").value_or("shanghai-municipal"));
  if (!policy) return cf::failure{policy.error()};
  std::filesystem::path chart_file;
  if (auto named = args.one("--org")) {
    chart_file = *named;
  } else {
    auto bundled = cf::find_data_file(bundled_org_chart, program_data_dirs());
    if (!bundled) return cf::failure{bundled.error()};
    chart_file = *bundled;
  }
  auto chart_text = read_text(chart_file);
  if (!chart_text) return cf::failure{chart_text.error()};
  if (auto chart = cf::parse_org_chart(*chart_text, chart_file.filename().string()); !chart) return cf::failure{chart.error()};
  auto hash = cf::parse_hash_algorithm(args.one("--hash").value_or("sm3"));
  if (!hash) return cf::fail(cf::errc::invalid_argument, fmt::format("--hash: {}", hash.error().message));
  std::optional<std::string> registry_text;
  if (auto file = args.one("--registry")) {
    auto text = read_text(*file);
    if (!text) return cf::failure{text.error()};
    if (auto r = cf::parse_registry(*text, std::filesystem::path(*file).filename().string()); !r) return cf::failure{r.error()};
    registry_text = std::move(*text);
  }
  return cf::book_setup{std::move(*policy), std::move(*cal), std::move(*chart_text), *hash, std::move(registry_text)};
}

// Options given to a journal that has a setup record must name what it records: a journal replays
// only with what wrote it.
cf::status<> check_against_setup(const cf::book_setup &setup, const arguments &args, std::string_view journal) {
  const auto differs = [&](std::string_view option, std::string_view part, const std::string &recorded,
                           const std::string &given) {
    return cf::fail(cf::errc::conflict,
                    fmt::format("{}: {} was set up with {} {}, but {} gives {} (a journal replays only with what wrote it; "
                                "leave the option out)",
                                option, journal, part, recorded, option, given));
  };
  if (auto p = args.one("--policy")) {
    auto given = policy_argument(*p);
    if (!given) return cf::failure{given.error()};
    if (!(*given == setup.policy))
      return differs("--policy", "policy", fmt::format("'{}' ({})", setup.policy.name, cf::policy_fingerprint(setup.policy)),
                     fmt::format("'{}' ({})", given->name, cf::policy_fingerprint(*given)));
  }
  if (args.has("--calendar") || args.has("--strict")) {
    auto given = load_calendar(args);
    if (!given) return cf::failure{given.error()};
    if (!(*given == setup.calendar))
      return differs(args.has("--calendar") ? "--calendar" : "--strict", "calendar", cf::calendar_fingerprint(setup.calendar),
                     cf::calendar_fingerprint(*given));
  }
  if (auto o = args.one("--org")) {
    auto text = read_text(*o);
    if (!text) return cf::failure{text.error()};
    if (*text != setup.chart_text)
      return differs("--org", "chart", cf::chart_fingerprint(setup.chart_text), cf::chart_fingerprint(*text));
  }
  if (auto r = args.one("--registry")) {
    auto text = read_text(*r);
    if (!text) return cf::failure{text.error()};
    if (*text != setup.registry_text)
      return differs("--registry", "registry", cf::registry_fingerprint(setup.registry_text), cf::registry_fingerprint(*text));
  }
  return cf::ok;
}

cf::result<cf::case_book> replay(const cf::event_store &store, const arguments &args, bool with_chart) {
  const auto progress = [](std::size_t done, std::size_t total) { show_progress("replaying", done, total); };
  auto setup = cf::read_setup(store);
  if (!setup) return cf::failure{setup.error()};
  if (*setup) {
    if (auto r = check_against_setup(**setup, args, store.name()); !r) return cf::failure{r.error()};
    if (auto file = args.one("--snapshot")) {
      auto text = read_text(*file);
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
  auto cal = load_calendar(args);
  if (!cal) return cf::failure{cal.error()};
  auto policy = policy_argument(args.one("--policy").value_or("shanghai-municipal"));
  if (!policy) return cf::failure{policy.error()};
  std::optional<std::string> snapshot;
  if (auto file = args.one("--snapshot")) {
    auto text = read_text(*file);
    if (!text) return cf::failure{text.error()};
    snapshot = std::move(*text);
  }
  auto named = args.one("--org");
  // A registry is checked against the chart's senders: it brings the chart along.
  std::optional<cf::registry> registry;
  if (auto file = args.one("--registry")) {
    auto r = cf::load_registry(*file);
    if (!r) return cf::failure{r.error()};
    registry = std::move(*r);
  }
  if (!named && !with_chart && !registry) {
    if (snapshot)
      return cf::case_book::resume(*snapshot, store, std::move(*policy), cf::category_list::defaults(), false, progress);
    return cf::case_book::replay(store, std::move(*policy), std::move(*cal), cf::category_list::defaults(), false, progress);
  }
  std::filesystem::path chart_file;
  if (named) {
    chart_file = *named;
  } else {
    auto bundled = cf::find_data_file(bundled_org_chart, program_data_dirs());
    if (!bundled) return cf::failure{bundled.error()};
    chart_file = *bundled;
  }
  auto chart = cf::load_org_chart(chart_file);
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

// Commands that only read open the journal read-only, so that a journal on read-only storage (such as
// the installed examples) can be reported on.
enum class access { read, write };

cf::result<open_book> open_journal(const arguments &args, access mode = access::write, bool escalating = false) {
  auto where = store_of(args);
  if (!where) return cf::failure{where.error()};
  if (args.has("--journal") && !std::filesystem::exists(where->path))
    return cf::fail(cf::errc::not_found, fmt::format("{}: no such journal (casectl init --journal {} creates one)",
                                                     where->path.string(), where->path.string()));
  auto opened = open_store(*where, mode == access::read, true);
  if (!opened) return cf::failure{opened.error()};
  auto owned = std::move(*opened);
  const auto contents = cf::read_journal(*owned);
  if (!contents) return cf::failure{contents.error()};
  const bool with_chart = escalating || uses_chart(*contents);
  auto book = replay(*owned, args, with_chart);
  if (!book) return cf::failure{book.error()};
  // The book's own last unit: another writer may have appended since `contents` was read.
  book->attach_journal(*owned, book->last_sequence() + 1);
  return open_book{std::move(owned), std::move(*book), with_chart};
}

cf::status<cf::rejection> apply_input(cf::case_book &book, const book_input &input) {
  if (const auto *info = std::get_if<cf::case_info>(&input.what)) return book.open(*info);
  const auto &[id, e] = std::get<std::pair<cf::case_id, cf::event>>(input.what);
  return book.apply(id, e);
}

// Checks every input against a scratch copy of the book, then applies them for real: all or nothing.
cf::status<> apply_all(const arguments &args, const std::vector<book_input> &inputs, std::string_view source) {
  auto journal = open_journal(args);
  if (!journal) return cf::failure{journal.error()};
  {
    auto scratch = replay(*journal->store, args, journal->with_chart);
    if (!scratch) return cf::failure{scratch.error()};
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      if (auto r = apply_input(*scratch, inputs[i]); !r)
        return cf::fail(r.error().code,
                        fmt::format("{}:{}: {} (nothing was imported)", source, inputs[i].line, r.error().message));
      show_progress("checking", i + 1, inputs.size());
    }
  }
  // One unit: after a crash the journal holds the whole import or none of it.
  auto batch = journal->book.begin_batch();
  if (!batch) return cf::failure{batch.error()};
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (auto r = apply_input(journal->book, inputs[i]); !r)
      return cf::fail(r.error().code, fmt::format("{}:{}: {} (nothing was imported)", source, inputs[i].line, r.error().message));
    show_progress("importing", i + 1, inputs.size());
  }
  return batch->commit();
}

template <class Run>
cf::status<> book_command(std::span<const std::string> words, std::size_t positionals, std::string_view usage,
                          std::string_view help, std::ostream &out, Run run) {
  auto args = parse_arguments(words, book_options, book_flags);
  if (!args) return cf::failure{args.error()};
  if (args->has("--dry-run") && !usage.starts_with("casectl recompute"))
    return cf::fail(cf::errc::invalid_argument, "--dry-run is an option of casectl recompute only");
  if (args->help) {
    out << "usage: " << usage << "\n"
        << help
        << "  --journal FILE    the book's journal (a file), or\n"
           "  --store URI       the store that keeps it: file:PATH, sqlite:PATH or postgresql://... (libpq URI)\n"
           "  --policy P        policy preset name or .json file (default: shanghai-municipal)\n"
           "  --calendar FILE   calendar data (repeatable; default: bundled national calendar)\n"
           "  --strict          refuse dates in a year whose notice is not in the calendar data (default:\n"
           "                    count it provisionally, dates marked '(provisional)')\n"
           "  --org FILE        organisation chart escalation routes on and senders are checked against\n"
           "                    (default: the bundled Minhang example)\n"
           "  --registry FILE   proposers and their liaison offices: ratings only from them (registry.hpp)\n"
           "  --snapshot FILE   start from a snapshot (casectl snapshot) and the journal's later records\n";
    return cf::ok;
  }
  if (auto n = expect_positionals(*args, positionals, usage); !n) return n;
  return run(*args);
}

// How a command that prints data prints it: text for people (the default), or JSON (book_json.hpp's
// schemas) for scripts.
enum class output { text, json };
cf::result<output> output_of(const arguments &args) {
  const auto f = args.one("--format").value_or("text");
  if (f == "text") return output::text;
  if (f == "json") return output::json;
  return cf::fail(cf::errc::invalid_argument, fmt::format("--format: '{}' (expected text or json)", f));
}

cf::result<cf::date> required_date(const arguments &args) {
  auto d = args.one("--date");
  if (!d) return cf::fail(cf::errc::invalid_argument, "--date YYYY-MM-DD is required");
  return date_argument("--date", *d);
}

std::string describe_units(const cf::case_record &c) {
  std::string out;
  for (const auto &u : c.units)
    out += fmt::format("{}{}:{}:{}", out.empty() ? "" : ",", u.unit, cf::to_string(u.role), cf::to_string(u.state));
  return out.empty() ? "-" : out;
}

} // namespace

cf::status<> init_command(std::span<const std::string> words, std::ostream &out) {
  return book_command(
      words, 0,
      "casectl init [--policy P] [--calendar FILE ...] [--org FILE] [--registry FILE] [--hash sm3|sha256] --journal FILE",
      "  Creates a journal that opens with its setup: the policy, calendar and organisation chart given (or\n"
      "  the defaults below) and the hash of its chain (SM3 unless --hash sha256). Every later command runs\n"
      "  with what the setup records and needs none of these options.\n",
      out, [&](const arguments &args) -> cf::status<> {
        auto where = store_of(args);
        if (!where) return cf::failure{where.error()};
        auto setup = setup_from(args);
        if (!setup) return cf::failure{setup.error()};
        auto store = open_store(*where, false, false);
        if (!store) return cf::failure{store.error()};
        auto held = (*store)->size();
        if (!held) return cf::failure{held.error()};
        if (*held > 0)
          return cf::fail(cf::errc::conflict, fmt::format("{}: the journal exists and is not empty", where->display()));
        if (auto w = cf::write_setup(**store, *setup); !w) return w;
        out << where->display() << '\n';
        return cf::ok;
      });
}

cf::status<> import_command(std::span<const std::string> words, std::ostream &out) {
  return book_command(words, 1, "casectl import FILE.jsonl|FILE.csv --journal FILE",
                      "  Registers items and applies events from a file, all or nothing. CSV: one row an item under a\n"
                      "  header naming the columns in any order, in English or Chinese (case/案号, kind/类型,\n"
                      "  category/类别, title/标题, lead_proposer/领衔人, co_signers/附议人, key_item/重点,\n"
                      "  leader_supervised/领导督办), as Excel saves it (CSV UTF-8).\n",
                      out, [&](const arguments &args) -> cf::status<> {
                        const std::filesystem::path file = args.positional[0];
                        auto inputs = cf::read_import_file(file);
                        if (!inputs) return cf::failure{inputs.error()};
                        if (auto r = apply_all(args, *inputs, file.filename().string()); !r) return r;
                        out << fmt::format("imported {} records\n", inputs->size());
                        return cf::ok;
                      });
}

cf::status<> apply_command(std::span<const std::string> words, std::ostream &out) {
  return book_command(words, 1, "casectl apply JSON|- --journal FILE",
                      "  Applies one registration or event given as JSON (or '-' to read it from stdin).\n", out,
                      [&](const arguments &args) -> cf::status<> {
                        std::string text = args.positional[0];
                        if (text == "-") text.assign(std::istreambuf_iterator<char>(std::cin), {});
                        auto input = cf::read_import_line(text, "JSON");
                        if (!input) return cf::failure{input.error()};
                        if (auto r = apply_all(args, {*input}, "JSON"); !r) return r;
                        out << "ok\n";
                        return cf::ok;
                      });
}

cf::status<> tick_command(std::span<const std::string> words, std::ostream &out) {
  return book_command(
      words, 0, "casectl tick --date DATE --journal FILE [--lang en|zh] [--format text|json]",
      "  Issues the reminders, warnings and overdue notices due by DATE, one a line.\n", out,
      [&](const arguments &args) -> cf::status<> {
        auto now = required_date(args);
        if (!now) return cf::failure{now.error()};
        auto lang = language_of(args);
        if (!lang) return cf::failure{lang.error()};
        auto journal = open_journal(args);
        if (!journal) return cf::failure{journal.error()};
        std::vector<cf::escalation_notice> escalations;
        journal->book.on_escalation([&](const cf::escalation_notice &n) { escalations.push_back(n); });
        auto format = output_of(args);
        if (!format) return cf::failure{format.error()};
        auto notices = journal->book.tick(*now);
        if (!notices) return cf::failure{notices.error()};
        if (*format == output::json) {
          json moved = json::array();
          for (const auto &n : escalations) {
            json j;
            to_json(j, n);
            moved.push_back(std::move(j));
          }
          out << json{{"notices", cf::notices_json(*notices)}, {"escalation_notices", std::move(moved)}}.dump(2) << '\n';
          return cf::ok;
        }
        for (const auto &n : *notices)
          out << cf::to_string(n, *lang) << '\n';
        for (const auto &n : escalations)
          out << cf::to_string(n, *lang) << '\n';
        return cf::ok;
      });
}

cf::status<> recompute_command(std::span<const std::string> words, std::ostream &out) {
  return book_command(
      words, 0, "casectl recompute --new-calendar FILE [--new-calendar FILE ...] [--dry-run] [--format text|json] --journal FILE",
      "  Moves the book onto a new calendar (layered files, like --calendar): every open due date is\n"
      "  what the new calendar gives. Prints each due date that moves, then how many; --dry-run\n"
      "  prints the same and changes nothing. The journal keeps the new calendar.\n",
      out, [&](const arguments &args) -> cf::status<> {
        const auto files = args.all("--new-calendar");
        if (files.empty()) return cf::fail(cf::errc::invalid_argument, "--new-calendar FILE is required");
        const std::vector<std::filesystem::path> paths(files.begin(), files.end());
        auto next = load_calendar_files(paths, args);
        if (!next) return cf::failure{next.error()};
        const bool dry_run = args.has("--dry-run");
        auto format = output_of(args);
        if (!format) return cf::failure{format.error()};
        auto journal = open_journal(args, dry_run ? access::read : access::write);
        if (!journal) return cf::failure{journal.error()};
        const auto old_calendar = journal->book.calendar();
        const auto new_calendar = *next;
        auto changes = dry_run ? journal->book.recompute_preview(*next) : journal->book.recompute(std::move(*next));
        if (!changes) return cf::failure{changes.error()};
        if (*format == output::json) {
          json moved = json::array();
          for (const auto &c : *changes)
            moved.push_back(
                {{"clock", cf::to_json(c.key)}, {"old_due", cf::to_string(c.old_due)}, {"new_due", cf::to_string(c.new_due)}});
          out << json{{"dry_run", dry_run}, {"changes", std::move(moved)}}.dump(2) << '\n';
          return cf::ok;
        }
        for (const auto &c : *changes)
          out << fmt::format("{}: {} -> {}\n", cf::to_string(c.key), date_text(old_calendar, c.old_due),
                             date_text(new_calendar, c.new_due));
        out << fmt::format("{} due date{} {}\n", changes->size(), changes->size() == 1 ? "" : "s",
                           dry_run ? "would move (dry run: nothing changed)" : "moved");
        return cf::ok;
      });
}

namespace {

// A mark of the item as difficult: by a unit (named in the trigger; the book checks it handles the item)
// or by the office (naming no unit).
cf::result<cf::escalation_input> mark_input(const cf::actor &by, const std::string &by_text, cf::date on) {
  const bool office = by.role == cf::actor_role::assigning_office;
  if (!office && (by.role != cf::actor_role::unit || by.id.empty()))
    return cf::fail(cf::errc::invalid_argument,
                    fmt::format("--by {}: only a unit (unit:ID) or the office marks an item difficult", by_text));
  return cf::escalation_input::raise(cf::escalation_trigger::marked_difficult, on,
                                     office ? std::vector<std::string>{} : std::vector<std::string>{by.id});
}

} // namespace

cf::status<> escalate_command(std::span<const std::string> words, std::ostream &out) {
  return book_command(words, 2,
                      "casectl escalate CASE mark|resolve --by ROLE:ID --date DATE [--decision TEXT] --journal FILE [--lang "
                      "en|zh] [--format text|json]",
                      "  mark: a unit handling the item (--by unit:ID) or the office (--by office) marks it difficult\n"
                      "  while it is being handled, and it goes to the office.\n"
                      "  resolve: the person routed to the item's level (--by supervising_leader:ID, ...) records the\n"
                      "  decision (--decision TEXT). Prints the escalation notices, one a line.\n",
                      out, [&](const arguments &args) -> cf::status<> {
                        auto id = cf::case_id::parse(args.positional[0]);
                        if (!id) return cf::failure{id.error()};
                        auto on = required_date(args);
                        if (!on) return cf::failure{on.error()};
                        const auto by_text = args.one("--by");
                        if (!by_text) return cf::fail(cf::errc::invalid_argument, "--by ROLE:ID is required");
                        auto by = cf::parse_actor(*by_text);
                        if (!by) return cf::fail(by.error().code, fmt::format("--by: {}", by.error().message));
                        cf::escalation_input input;
                        const std::string &what = args.positional[1];
                        if (what == "mark") {
                          auto marked = mark_input(*by, *by_text, *on);
                          if (!marked) return cf::failure{marked.error()};
                          input = std::move(*marked);
                        } else if (what == "resolve") {
                          const auto decision = args.one("--decision");
                          if (!decision) return cf::fail(cf::errc::invalid_argument, "resolve: --decision TEXT is required");
                          input = cf::escalation_input::resolve(*by, *on, *decision);
                        } else {
                          return cf::fail(cf::errc::invalid_argument,
                                          fmt::format("unknown escalation '{}' (expected mark or resolve)", what));
                        }
                        auto lang = language_of(args);
                        if (!lang) return cf::failure{lang.error()};
                        auto format = output_of(args);
                        if (!format) return cf::failure{format.error()};
                        auto journal = open_journal(args, access::write, true);
                        if (!journal) return cf::failure{journal.error()};
                        const std::size_t before = journal->book.escalation_notices_of(*id).size();
                        if (auto r = journal->book.escalate(*id, input); !r) return cf::fail(r.error().code, r.error().message);
                        const auto notices = journal->book.escalation_notices_of(*id);
                        if (*format == output::json) {
                          json issued = json::array();
                          for (std::size_t i = before; i < notices.size(); ++i) {
                            json j;
                            to_json(j, notices[i]);
                            issued.push_back(std::move(j));
                          }
                          json track;
                          if (const auto t = journal->book.escalation_of(*id)) to_json(track, *t);
                          out << json{{"escalation_notices", std::move(issued)}, {"track", std::move(track)}}.dump(2) << '\n';
                          return cf::ok;
                        }
                        for (std::size_t i = before; i < notices.size(); ++i)
                          out << cf::to_string(notices[i], *lang) << '\n';
                        return cf::ok;
                      });
}

// --by unit:ID, for the linkage commands.
cf::result<std::string> unit_sender(const arguments &args) {
  const auto by_text = args.one("--by");
  if (!by_text) return cf::fail(cf::errc::invalid_argument, "--by unit:ID is required");
  auto by = cf::parse_actor(*by_text);
  if (!by) return cf::fail(by.error().code, fmt::format("--by: {}", by.error().message));
  if (by->role != cf::actor_role::unit)
    return cf::fail(cf::errc::invalid_argument, fmt::format("--by {}: not a unit (unit:ID)", *by_text));
  return by->id;
}

cf::result<std::string> required_text(const arguments &args, std::string_view option, std::string_view what) {
  auto v = args.one(option);
  if (!v || v->empty()) return cf::fail(cf::errc::invalid_argument, fmt::format("{} {} is required", option, what));
  return *v;
}

// One child a line: child, parent unit, unit, due date, state, task.
std::string describe_child(const cf::child_item &c) {
  std::string state = "open";
  if (c.answer)
    state = c.answer->on_time
                ? fmt::format("answered {}", cf::to_string(c.answer->on))
                : fmt::format("answered {} ({} working days late)", cf::to_string(c.answer->on), c.answer->workdays_late);
  else if (!c.ended.is_special())
    state = fmt::format("ended {}", cf::to_string(c.ended));
  return fmt::format("{}\t{}\t{}\tdue {}\t{}\t{}", c.id, c.parent_unit, c.unit, cf::to_string(c.due), state, c.task);
}

cf::status<> pass_down_command(std::span<const std::string> words, std::ostream &out) {
  return book_command(words, 1,
                      "casectl pass-down CASE --by unit:ID --child ID --unit UNIT --task TEXT --date DATE --journal FILE",
                      "  The unit (--by) passes the item down to one of its bureaus or towns (--unit) as child item\n"
                      "  --child, due the policy's margin before the unit's own opinion or reply. Prints the child.\n",
                      out, [&](const arguments &args) -> cf::status<> {
                        auto parent = cf::case_id::parse(args.positional[0]);
                        if (!parent) return cf::failure{parent.error()};
                        auto by = unit_sender(args);
                        if (!by) return cf::failure{by.error()};
                        auto child = required_text(args, "--child", "ID");
                        if (!child) return cf::failure{child.error()};
                        auto unit = required_text(args, "--unit", "UNIT");
                        if (!unit) return cf::failure{unit.error()};
                        auto task = required_text(args, "--task", "TEXT");
                        if (!task) return cf::failure{task.error()};
                        auto on = required_date(args);
                        if (!on) return cf::failure{on.error()};
                        auto journal = open_journal(args, access::write, true);
                        if (!journal) return cf::failure{journal.error()};
                        if (auto r = journal->book.pass_down(*parent, {*by, *child, *unit, *task, *on}); !r)
                          return cf::fail(r.error().code, r.error().message);
                        out << describe_child(journal->book.find_child(*child).value()) << '\n';
                        return cf::ok;
                      });
}

cf::status<> answer_child_command(std::span<const std::string> words, std::ostream &out) {
  return book_command(words, 1, "casectl answer-child CHILD --by unit:ID --text TEXT --date DATE --journal FILE",
                      "  The child unit answers its item; the answer goes to the parent unit's opinion or reply.\n", out,
                      [&](const arguments &args) -> cf::status<> {
                        auto by = unit_sender(args);
                        if (!by) return cf::failure{by.error()};
                        auto text = required_text(args, "--text", "TEXT");
                        if (!text) return cf::failure{text.error()};
                        auto on = required_date(args);
                        if (!on) return cf::failure{on.error()};
                        auto journal = open_journal(args);
                        if (!journal) return cf::failure{journal.error()};
                        const std::string &child = args.positional[0];
                        if (auto r = journal->book.answer_child(child, {*by, *on, *text}); !r)
                          return cf::fail(r.error().code, r.error().message);
                        out << describe_child(journal->book.find_child(child).value()) << '\n';
                        return cf::ok;
                      });
}

cf::status<> children_command(std::span<const std::string> words, std::ostream &out) {
  return book_command(words, 1, "casectl children CASE [--unit UNIT] [--date DATE] [--format text|json] --journal FILE",
                      "  The items passed down from CASE (by --unit only, if given), one a line: child, parent unit,\n"
                      "  unit, due date, state, task; then the roll-up as of --date (default: the last tick).\n",
                      out, [&](const arguments &args) -> cf::status<> {
                        auto parent = cf::case_id::parse(args.positional[0]);
                        if (!parent) return cf::failure{parent.error()};
                        auto journal = open_journal(args, access::read);
                        if (!journal) return cf::failure{journal.error()};
                        if (!journal->book.find(*parent))
                          return cf::fail(cf::errc::not_found, fmt::format("case {} is not in the book", parent->to_string()));
                        cf::date day;
                        if (args.has("--date")) {
                          auto d = required_date(args);
                          if (!d) return cf::failure{d.error()};
                          day = *d;
                        } else if (auto last = journal->book.last_tick()) {
                          day = *last;
                        } else {
                          return cf::fail(cf::errc::invalid_argument, "the book was never ticked: give --date");
                        }
                        auto format = output_of(args);
                        if (!format) return cf::failure{format.error()};
                        const auto p = journal->book.child_roll_up(*parent, args.one("--unit").value_or(""), day);
                        if (*format == output::json) {
                          json children = json::array();
                          for (const auto &c : p.children) {
                            json j;
                            to_json(j, c);
                            children.push_back(std::move(j));
                          }
                          out << json{{"as_of", cf::to_string(day)},
                                      {"children", std::move(children)},
                                      {"passed_down", p.held},
                                      {"answered", p.answered},
                                      {"answered_late", p.answered_late},
                                      {"open", p.open},
                                      {"overdue", p.overdue},
                                      {"ended", p.ended}}
                                     .dump(2)
                              << '\n';
                          return cf::ok;
                        }
                        for (const auto &c : p.children)
                          out << describe_child(c) << '\n';
                        out << fmt::format("as of {}: {} passed down, {} answered ({} late), {} open ({} overdue), {} ended\n",
                                           cf::to_string(day), p.held, p.answered, p.answered_late, p.open, p.overdue, p.ended);
                        return cf::ok;
                      });
}

cf::status<> list_command(std::span<const std::string> words, std::ostream &out) {
  return book_command(words, 0, "casectl list [--state S] [--unit U [--role R]] [--format text|json] --journal FILE",
                      "  One line per item: id, kind, state, units, title (JSON: {\"items\": [...]}).\n", out,
                      [&](const arguments &args) -> cf::status<> {
                        auto journal = open_journal(args, access::read);
                        if (!journal) return cf::failure{journal.error()};
                        const auto &book = journal->book;
                        std::vector<cf::case_id> ids = book.ids();
                        if (auto s = args.one("--state")) {
                          auto st = cf::parse_case_state(*s);
                          if (!st) return cf::failure{st.error()};
                          ids = book.in_state(*st);
                        }
                        if (auto u = args.one("--unit")) {
                          std::optional<cf::assignment_role> role;
                          if (auto r = args.one("--role")) {
                            auto parsed = cf::parse_assignment_role(*r);
                            if (!parsed) return cf::failure{parsed.error()};
                            role = *parsed;
                          }
                          const auto of_unit = book.of_unit(*u, role);
                          std::erase_if(ids, [&](const cf::case_id &id) {
                            return std::find(of_unit.begin(), of_unit.end(), id) == of_unit.end();
                          });
                        }
                        auto format = output_of(args);
                        if (!format) return cf::failure{format.error()};
                        json items = json::array();
                        for (const auto &id : ids) {
                          const auto c = book.find(id);
                          if (*format == output::json) {
                            items.push_back(cf::item_json(*c));
                            continue;
                          }
                          out << fmt::format("{}\t{}\t{}\t{}\t{}\n", id.to_string(), cf::to_string(c->info.kind),
                                             cf::to_string(c->state), describe_units(*c), c->info.title);
                        }
                        if (*format == output::json) out << json{{"items", std::move(items)}}.dump(2) << '\n';
                        return cf::ok;
                      });
}

cf::status<> show_command(std::span<const std::string> words, std::ostream &out) {
  return book_command(words, 1, "casectl show CASE --journal FILE [--lang en|zh] [--format text|json]",
                      "  The item: registration, state, units, history, clocks and notices.\n", out,
                      [&](const arguments &args) -> cf::status<> {
                        auto id = cf::case_id::parse(args.positional[0]);
                        if (!id) return cf::failure{id.error()};
                        auto lang = language_of(args);
                        if (!lang) return cf::failure{lang.error()};
                        auto journal = open_journal(args, access::read);
                        if (!journal) return cf::failure{journal.error()};
                        const auto c = journal->book.find(*id);
                        if (!c) return cf::fail(cf::errc::not_found, fmt::format("case {} is not in the book", id->to_string()));
                        auto format = output_of(args);
                        if (!format) return cf::failure{format.error()};
                        if (*format == output::json) {
                          out << cf::item_detail_json(journal->book, *c).dump(2) << '\n';
                          return cf::ok;
                        }
                        out << fmt::format("case {}: {}\nkind: {}\ncategory: {}\nproposers: {}\nstate: {}\nunits: {}\n",
                                           id->to_string(), c->info.title, cf::to_string(c->info.kind), c->info.category,
                                           c->info.proposers.lead, cf::to_string(c->state), describe_units(*c));
                        out << "history:\n" << cf::format_history(*c, *lang);
                        out << "clocks:\n";
                        const auto cal = journal->book.calendar();
                        for (const auto &k : journal->book.clocks_of(*id))
                          out << fmt::format("  {} started {} due {}\n", cf::to_string(k.key(), *lang),
                                             cf::to_string(k.started()), date_text(cal, k.due()));
                        out << "notices:\n";
                        for (const auto &n : journal->book.notices_of(*id))
                          out << "  " << cf::to_string(n, *lang) << '\n';
                        if (const auto track = journal->book.escalation_of(*id); track && track->cycle() > 0) {
                          out << fmt::format("escalation: {}\n", cf::to_string(track->level));
                          for (const auto &n : journal->book.escalation_notices_of(*id))
                            out << "  " << cf::to_string(n, *lang) << '\n';
                        }
                        const auto children = journal->book.children_of(*id);
                        if (!children.empty()) {
                          out << "children:\n";
                          for (const auto &child : children)
                            out << "  " << describe_child(child) << '\n';
                        }
                        return cf::ok;
                      });
}

cf::status<> snapshot_command(std::span<const std::string> words, std::ostream &out) {
  return book_command(words, 0, "casectl snapshot [--out FILE] --journal FILE",
                      "  Writes the book's snapshot (JSON, the state after the journal's last record) to FILE or\n"
                      "  stdout. Later commands given --snapshot FILE start from it and apply only the newer records.\n",
                      out, [&](const arguments &args) -> cf::status<> {
                        auto journal = open_journal(args, access::read);
                        if (!journal) return cf::failure{journal.error()};
                        const std::string text = journal->book.snapshot();
                        auto file = args.one("--out");
                        if (!file) {
                          out << text << '\n';
                          return cf::ok;
                        }
                        // Written beside the target and renamed over it: a crash leaves the old snapshot whole.
                        const std::filesystem::path target(*file);
                        const std::filesystem::path scratch = target.string() + ".tmp";
                        {
                          std::ofstream f(scratch, std::ios::binary | std::ios::trunc);
                          f << text << '\n';
                          f.flush();
                          if (!f)
                            return cf::fail(cf::errc::io_error, fmt::format("{}: cannot write the snapshot", scratch.string()));
                        }
                        std::error_code ec;
                        std::filesystem::rename(scratch, target, ec);
                        if (ec) return cf::fail(cf::errc::io_error, fmt::format("{}: {}", target.string(), ec.message()));
                        out << fmt::format("{}: snapshot at record {}\n", target.string(), journal->book.last_sequence());
                        return cf::ok;
                      });
}

cf::status<> clocks_command(std::span<const std::string> words, std::ostream &out) {
  return book_command(words, 1, "casectl clocks CASE [--format text|json] --journal FILE",
                      "  The item's running clocks: obligation, start, due date.\n", out,
                      [&](const arguments &args) -> cf::status<> {
                        auto id = cf::case_id::parse(args.positional[0]);
                        if (!id) return cf::failure{id.error()};
                        auto journal = open_journal(args, access::read);
                        if (!journal) return cf::failure{journal.error()};
                        if (!journal->book.find(*id))
                          return cf::fail(cf::errc::not_found, fmt::format("case {} is not in the book", id->to_string()));
                        auto format = output_of(args);
                        if (!format) return cf::failure{format.error()};
                        if (*format == output::json) {
                          json clocks = json::array();
                          for (const auto &k : journal->book.clocks_of(*id))
                            clocks.push_back(cf::to_json(k));
                          out << json{{"clocks", std::move(clocks)}}.dump(2) << '\n';
                          return cf::ok;
                        }
                        const auto cal = journal->book.calendar();
                        for (const auto &k : journal->book.clocks_of(*id))
                          out << fmt::format("{}\t{}\t{}\t{}\n", k.key().unit_id.empty() ? "-" : k.key().unit_id,
                                             cf::to_string(k.key().kind), cf::to_string(k.started()), date_text(cal, k.due()));
                        return cf::ok;
                      });
}

cf::status<> due_command(std::span<const std::string> words, std::ostream &out) {
  return book_command(words, 0, "casectl due --date DATE [--within N] --journal FILE [--lang en|zh] [--format text|json]",
                      "  Running clocks due within N working days (default 10) of DATE.\n", out,
                      [&](const arguments &args) -> cf::status<> {
                        auto today = required_date(args);
                        if (!today) return cf::failure{today.error()};
                        auto within = int_argument("--within", args.one("--within").value_or("10"));
                        if (!within) return cf::failure{within.error()};
                        auto lang = language_of(args);
                        if (!lang) return cf::failure{lang.error()};
                        auto journal = open_journal(args, access::read);
                        if (!journal) return cf::failure{journal.error()};
                        auto due = journal->book.due_within(*today, *within);
                        if (!due) return cf::failure{due.error()};
                        auto format = output_of(args);
                        if (!format) return cf::failure{format.error()};
                        if (*format == output::json) {
                          out << json{{"due", cf::due_json(*due)}}.dump(2) << '\n';
                          return cf::ok;
                        }
                        const auto cal = journal->book.calendar();
                        for (const auto &d : *due)
                          out << fmt::format("{}\t{}\n", date_text(cal, d.due), cf::to_string(d.clock, *lang));
                        return cf::ok;
                      });
}

cf::status<> overdue_command(std::span<const std::string> words, std::ostream &out) {
  return book_command(words, 0, "casectl overdue --date DATE --journal FILE [--lang en|zh] [--format text|json]",
                      "  Running clocks whose due date is before DATE.\n", out, [&](const arguments &args) -> cf::status<> {
                        auto day = required_date(args);
                        if (!day) return cf::failure{day.error()};
                        auto lang = language_of(args);
                        if (!lang) return cf::failure{lang.error()};
                        auto journal = open_journal(args, access::read);
                        if (!journal) return cf::failure{journal.error()};
                        auto format = output_of(args);
                        if (!format) return cf::failure{format.error()};
                        if (*format == output::json) {
                          out << json{{"due", cf::due_json(journal->book.overdue_on(*day))}}.dump(2) << '\n';
                          return cf::ok;
                        }
                        const auto cal = journal->book.calendar();
                        for (const auto &d : journal->book.overdue_on(*day))
                          out << fmt::format("{}\t{}\n", date_text(cal, d.due), cf::to_string(d.clock, *lang));
                        return cf::ok;
                      });
}

cf::status<> verify_command(std::span<const std::string> words, std::ostream &out) {
  return book_command(words, 0, "casectl verify --journal FILE",
                      "  Checks every line of the journal and every link of its hash chain; prints the number of units\n"
                      "  and the hash of the last one (the head), which names the whole journal.\n",
                      out, [&](const arguments &args) -> cf::status<> {
                        auto where = store_of(args);
                        if (!where) return cf::failure{where.error()};
                        auto store = open_store(*where, true, true);
                        if (!store) return cf::failure{store.error()};
                        auto verdict = cf::verify_journal(**store);
                        if (!verdict) return cf::failure{verdict.error()};
                        out << fmt::format("{}: {} units, {} chained; head {}\n", (*store)->name(), verdict->units,
                                           verdict->chained, verdict->head.empty() ? "-" : verdict->head);
                        return cf::ok;
                      });
}

cf::status<> upgrade_command(std::span<const std::string> words, std::ostream &out) {
  return book_command(words, 0, "casectl upgrade --journal FILE --out FILE",
                      "  Writes the journal again in the current format (units with a hash chain) to a new file, every\n"
                      "  record applied through a book and checked as replay checks it. The old file is not changed.\n",
                      out, [&](const arguments &args) -> cf::status<> {
                        auto target = args.one("--out");
                        if (!target) return cf::fail(cf::errc::invalid_argument, "--out FILE is required");
                        std::error_code ec;
                        if (std::filesystem::exists(*target, ec) && std::filesystem::file_size(*target, ec) > 0)
                          return cf::fail(cf::errc::conflict, fmt::format("{}: the file exists and is not empty", *target));
                        auto path = journal_path(args);
                        if (!path) return cf::failure{path.error()};
                        auto old = cf::file_event_store::open(*path, {cf::flush_policy::every_event, false, 1, true});
                        if (!old) return cf::failure{old.error()};
                        auto contents = cf::read_journal(*old);
                        if (!contents) return cf::failure{contents.error()};
                        // The new journal opens with the old one's setup, or (for a journal written before setup
                        // records) the one the options give; a book on it, nothing applied yet, writes every unit again.
                        auto recorded = cf::read_setup(*old);
                        if (!recorded) return cf::failure{recorded.error()};
                        auto setup = *recorded ? cf::result<cf::book_setup>(std::move(**recorded)) : setup_from(args);
                        if (!setup) return cf::failure{setup.error()};
                        auto fresh = cf::file_event_store::open(*target, {cf::flush_policy::every_event, false, 1, false});
                        if (!fresh) return cf::failure{fresh.error()};
                        if (auto w = cf::write_setup(*fresh, *setup); !w) return w;
                        auto book = cf::case_book::replay(*fresh);
                        if (!book) return cf::failure{book.error()};
                        book->attach_journal(*fresh, book->last_sequence() + 1);
                        auto records = std::move(contents->records);
                        if (!records.empty() && records.front().type == "setup") records.erase(records.begin());
                        if (auto r = cf::case_book::reapply(*book, records, old->name()); !r) return r;
                        if (auto r = fresh->sync(); !r) return r;
                        auto verdict = cf::verify_journal(*fresh);
                        if (!verdict) return cf::failure{verdict.error()};
                        out << fmt::format("{}: {} records in {} units; head {}\n", *target, records.size() + 1, verdict->units,
                                           verdict->head);
                        return cf::ok;
                      });
}

cf::status<> migrate_command(std::span<const std::string> words, std::ostream &out) {
  return book_command(
      words, 0, "casectl migrate --from URI --to URI",
      "  Copies a journal into an empty store unit for unit (file:PATH, sqlite:PATH, postgresql://...), its hash chain checked\n"
      "  before and after: the copy has the same head hash.\n",
      out, [&](const arguments &args) -> cf::status<> {
        const auto from_uri = args.one("--from"), to_uri = args.one("--to");
        if (!from_uri || !to_uri) return cf::fail(cf::errc::invalid_argument, "--from URI and --to URI are required");
        auto from = parse_store_uri(*from_uri, "--from");
        if (!from) return cf::failure{from.error()};
        auto to = parse_store_uri(*to_uri, "--to");
        if (!to) return cf::failure{to.error()};
        auto source = open_store(*from, true, true);
        if (!source) return cf::failure{source.error()};
        auto checked = cf::verify_journal(**source);
        if (!checked) return cf::failure{checked.error()};
        auto target = open_store(*to, false, false);
        if (!target) return cf::failure{target.error()};
        auto held = (*target)->size();
        if (!held) return cf::failure{held.error()};
        if (*held > 0) return cf::fail(cf::errc::conflict, fmt::format("{}: the target journal is not empty", to->uri()));
        auto lines = (*source)->read();
        if (!lines) return cf::failure{lines.error()};
        for (std::size_t i = 0; i < lines->lines.size(); ++i)
          if (auto r = (*target)->append_if(lines->lines[i], i); !r) return r;
        auto copied = cf::verify_journal(**target);
        if (!copied) return cf::failure{copied.error()};
        if (copied->head != checked->head)
          return cf::fail(cf::errc::conflict,
                          fmt::format("{}: the copy's head {} is not the source's {}", to->uri(), copied->head, checked->head));
        out << fmt::format("{}: {} units copied; head {}\n", to->uri(), copied->units, copied->head.empty() ? "-" : copied->head);
        return cf::ok;
      });
}

cf::status<> repair_command(std::span<const std::string> words, std::ostream &out) {
  return book_command(words, 0, "casectl repair --journal FILE", "  Cuts off a torn last line (a write cut short by a crash).\n",
                      out, [&](const arguments &args) -> cf::status<> {
                        auto where = store_of(args);
                        if (!where) return cf::failure{where.error()};
                        auto store = open_store(*where, false, true);
                        if (!store) return cf::failure{store.error()};
                        auto contents = (*store)->read();
                        if (!contents) return cf::failure{contents.error()};
                        if (!contents->torn) {
                          out << "no torn line\n";
                          return cf::ok;
                        }
                        auto cut = (*store)->truncate_torn_tail();
                        if (!cut) return cf::failure{cut.error()};
                        out << fmt::format("removed torn line {}\n", contents->torn->line_number);
                        return cf::ok;
                      });
}

namespace {

// The report kinds: each makes one report of the book as of a date, rendered in a format, or laid out
// as the documents of a workbook (--format xlsx; `format` is then empty).
struct made_report {
  std::string text;
  std::vector<cf::report_document> sheets;
};
using report_fn = cf::result<made_report> (*)(const cf::case_book &, const arguments &, cf::date as_of,
                                              std::optional<cf::report_format> format, const cf::report_options &);

template <class R> made_report made(const R &r, std::optional<cf::report_format> f, const cf::report_options &o) {
  if (f) return {cf::format(r, *f, o), {}};
  return {{}, {cf::layout(r, o)}};
}

// The two-month period that holds `day`.
std::pair<cf::date, cf::date> period_of(cf::date day) {
  for (const auto &[a, b] : cf::bimonthly_periods(day.year()))
    if (a <= day && day <= b) return {a, b};
  return {day, day};
}

cf::result<made_report> summary_report(const cf::case_book &book, const arguments &args, cf::date as_of,
                                       std::optional<cf::report_format> f, const cf::report_options &o) {
  auto r = cf::make_summary(book, as_of, args.one("--unit").value_or(""));
  if (!r) return cf::failure{r.error()};
  return made(*r, f, o);
}

cf::result<made_report> kpi_report(const cf::case_book &book, const arguments &args, cf::date as_of,
                                   std::optional<cf::report_format> f, const cf::report_options &o) {
  auto r = cf::make_kpis(book, as_of, args.one("--unit").value_or(""));
  if (!r) return cf::failure{r.error()};
  return made(*r, f, o);
}

// The ledger; as a workbook, the supervisors' one: the ledger, its key items, the KPIs and the bulletins
// (with --unit, the unit's periods of the year up to the date; without, every unit's current period).
cf::result<made_report> ledger_report(const cf::case_book &book, const arguments &args, cf::date as_of,
                                      std::optional<cf::report_format> f, const cf::report_options &o) {
  const std::string unit = args.one("--unit").value_or("");
  auto r = cf::make_ledger(book, as_of, unit);
  if (!r) return cf::failure{r.error()};
  if (f) return made(*r, f, o);
  made_report m{{}, {cf::layout(*r, o)}};
  auto k = cf::make_kpis(book, as_of, unit);
  if (!k) return cf::failure{k.error()};
  m.sheets.push_back(cf::layout(*k, o));
  std::vector<std::string> units;
  if (!unit.empty()) {
    units.push_back(unit);
  } else {
    for (const auto &row : r->rows)
      for (const auto &u : row.units)
        if (std::find(units.begin(), units.end(), u.unit) == units.end()) units.push_back(u.unit);
    std::sort(units.begin(), units.end());
  }
  for (const auto &[from, to] : cf::bimonthly_periods(as_of.year())) {
    if (from > as_of) break;
    if (unit.empty() && to < as_of) continue;
    for (const auto &u : units) {
      auto b = cf::make_bulletin(book, u, from, to, as_of);
      if (!b) return cf::failure{b.error()};
      auto doc = cf::layout(*b, o);
      doc.tables.resize(1); // the figures; the named items are in the ledger sheet
      m.sheets.push_back(std::move(doc));
    }
  }
  return m;
}

cf::result<made_report> bulletin_report(const cf::case_book &book, const arguments &args, cf::date as_of,
                                        std::optional<cf::report_format> f, const cf::report_options &o) {
  const auto unit = args.one("--unit");
  if (!unit) return cf::fail(cf::errc::invalid_argument, "a bulletin is for one unit: --unit U is required");
  // Without --from/--to: the two-month period that holds the report date.
  auto [from, to] = period_of(as_of);
  if (auto text = args.one("--from")) {
    auto d = date_argument("--from", *text);
    if (!d) return cf::failure{d.error()};
    from = *d;
  }
  if (auto text = args.one("--to")) {
    auto d = date_argument("--to", *text);
    if (!d) return cf::failure{d.error()};
    to = *d;
  }
  auto b = cf::make_bulletin(book, *unit, from, to, as_of);
  if (!b) return cf::failure{b.error()};
  return made(*b, f, o);
}

// The leaders' brief (brief.hpp): what is stuck and who acts next.
cf::result<made_report> brief_report(const cf::case_book &book, const arguments &args, cf::date as_of,
                                     std::optional<cf::report_format> f, const cf::report_options &o) {
  auto r = cf::make_brief(book, as_of, args.one("--unit").value_or(""));
  if (!r) return cf::failure{r.error()};
  return made(*r, f, o);
}

// The page for supervisors (report_html.hpp): always HTML, both languages inside, --lang shown first.
cf::result<made_report> html_report(const cf::case_book &book, const arguments &args, cf::date as_of,
                                    std::optional<cf::report_format> f, const cf::report_options &o) {
  if (!f || args.has("--format")) return cf::fail(cf::errc::invalid_argument, "report html is always HTML: leave out --format");
  auto page = cf::render_html(book, as_of, cf::html_options{o.lang, args.one("--unit").value_or("")});
  if (!page) return cf::failure{page.error()};
  return made_report{std::move(*page), {}};
}

struct report_kind {
  std::string_view name;
  report_fn make;
};
// clang-format off
constexpr report_kind report_kinds[] = {
    {"ledger",   ledger_report},
    {"summary",  summary_report},
    {"bulletin", bulletin_report},
    {"kpi",      kpi_report},
    {"brief",    brief_report},
    {"html",     html_report},
};
// clang-format on

// Writes `bytes` to `file` whole: a scratch file renamed over it, so a reader never sees half a report.
cf::status<> write_file(const std::filesystem::path &file, std::string_view bytes) {
  const auto scratch = std::filesystem::path(file.string() + ".part");
  {
    std::ofstream o(scratch, std::ios::binary | std::ios::trunc);
    if (!o || !o.write(bytes.data(), static_cast<std::streamsize>(bytes.size())) || !o.flush())
      return cf::fail(cf::errc::io_error, fmt::format("{}: cannot write", file.string()));
  }
  std::error_code ec;
  std::filesystem::rename(scratch, file, ec);
  if (ec) return cf::fail(cf::errc::io_error, fmt::format("{}: {}", file.string(), ec.message()));
  return cf::ok;
}

} // namespace

cf::status<> report_command(std::span<const std::string> words, std::ostream &out) {
  return book_command(
      words, 1,
      "casectl report ledger|summary|bulletin|kpi|brief|html --journal FILE [--date D] [--unit U] "
      "[--format text|markdown|csv|json|html|xlsx] [--from D --to D] [--lang en|zh] [--out FILE]",
      "  A report of the book as of --date (default: the last tick). --unit gives one unit's view\n"
      "  (required for bulletins, whose period defaults to the two months holding the date).\n"
      "  `brief` is the leaders' brief (专报): the ladder, overdue and last-warning items, dissatisfied ratings,\n"
      "  re-handling, key items, each naming the unit and the leader who acts next; units ranked.\n"
      "  --lang zh words it in Chinese (JSON keeps its stable names). `report html` is one self-contained\n"
      "  page (KPIs, the ledger with sort and filter, timelines, bulletins) holding both languages.\n"
      "  --format xlsx writes an Excel workbook and needs --out FILE (a workbook is never written to\n"
      "  stdout); the ledger's workbook also holds the KPIs and the bulletins. --out writes any report to\n"
      "  FILE instead of stdout and prints the file's name.\n",
      out, [&](const arguments &args) -> cf::status<> {
        const auto kind = std::find_if(std::begin(report_kinds), std::end(report_kinds),
                                       [&](const report_kind &k) { return k.name == args.positional[0]; });
        if (kind == std::end(report_kinds))
          return cf::fail(
              cf::errc::invalid_argument,
              fmt::format("unknown report '{}' (expected ledger, summary, bulletin, kpi, brief or html)", args.positional[0]));
        const std::string format_name = args.one("--format").value_or("text");
        const bool workbook = format_name == "xlsx";
        std::optional<cf::report_format> format;
        if (!workbook) {
          auto parsed = cf::parse_report_format(format_name);
          if (!parsed)
            return cf::fail(
                parsed.error().code,
                fmt::format("unknown report format '{}' (expected text, markdown, csv, json, html, xlsx)", format_name));
          format = *parsed;
        }
        const auto target = args.one("--out");
        if (workbook && !target)
          return cf::fail(cf::errc::invalid_argument, "--format xlsx writes a workbook: --out FILE is required");
#ifndef CASECTL_WITH_XLSX
        if (workbook) return cf::fail(cf::errc::invalid_argument, "--format xlsx: this casectl was built without caseflow::xlsx");
#endif
        auto lang = language_of(args);
        if (!lang) return cf::failure{lang.error()};
        auto journal = open_journal(args, access::read);
        if (!journal) return cf::failure{journal.error()};
        cf::date as_of;
        if (auto d = args.one("--date")) {
          auto parsed = date_argument("--date", *d);
          if (!parsed) return cf::failure{parsed.error()};
          as_of = *parsed;
        } else if (auto last = journal->book.last_tick()) {
          as_of = *last;
        } else {
          return cf::fail(cf::errc::invalid_argument, "the book was never ticked: give --date");
        }
        auto report = kind->make(journal->book, args, as_of, format, cf::report_options{*lang});
        if (!report) return cf::failure{report.error()};
        if (workbook) {
#ifdef CASECTL_WITH_XLSX
          if (auto w = cf::write_xlsx(report->sheets, *target, *lang); !w) return w;
#endif
        } else if (target) {
          if (auto w = write_file(*target, report->text); !w) return w;
        } else {
          out << report->text;
          return cf::ok;
        }
        out << *target << '\n';
        return cf::ok;
      });
}

} // namespace casectl
