// A case book opened from the command line: the options every book command shares (declared once,
// here), and the book they name, replayed from its journal or store.
//
// Every command replays the journal (--journal FILE, or --store URI) with what its setup record says:
// the policy, calendar and organisation chart `init` was given, or the bundled defaults. Options given to
// a journal that has a setup must name what it records. A journal written before setup records replays
// with what the options (or the defaults) say.
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
#pragma once

#include "bundled_data.hpp"
#include "cli.hpp"
#include "store_uri.hpp"

#include <caseflow/book_setup.hpp>
#include <caseflow/casebook.hpp>
#include <caseflow/digest.hpp>
#include <caseflow/language.hpp>

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <ostream>
#include <string>

namespace casectl {

/// A command on a book and the arguments its words fill in.
template <class Args> struct book_command_of {
  CLI::App &command;
  Args &args;
};

/// Declares a command on a book on the top level (listed with the book commands; `details` ends its
/// help), with an `Args` made for it: its options are declared on `command` into `args`, and `run` runs
/// on them once the words are parsed.
template <class Args>
book_command_of<Args> book_command(command_line &cli, std::string name, std::string summary, std::string details,
                                   caseflow::status<> (*run)(const Args &, std::ostream &)) {
  auto args = std::make_shared<Args>();
  CLI::App &c =
      cli.command(cli.top(), std::move(name), std::move(summary), [args, run](std::ostream &out) { return run(*args, out); });
  c.group("Book commands (a case book kept in a journal file or a store)");
  if (!details.empty()) c.footer(std::move(details));
  return {c, *args};
}

/// Where the book is kept: --journal FILE, or --store URI (file:PATH, sqlite:PATH, postgresql://...).
struct store_options {
  std::optional<std::string> journal;
  std::optional<caseflow::tools::store_location> store;
};

/// What a book replays with, as far as the options say: a journal's setup records it.
struct setup_options {
  std::optional<std::string> policy, org, registry;
  calendar_choice calendar;
};

/// The options of every command on a book.
struct book_options {
  store_options where;
  setup_options setup;
  std::optional<std::string> snapshot;
};

/// Declares --journal FILE alone (for `upgrade`, which reads a file).
void add_journal_option(CLI::App &command, std::optional<std::string> &journal);
/// Declares --journal FILE and --store URI.
void add_store_options(CLI::App &command, store_options &where);
/// Declares --policy, the calendar options, --org and --registry.
void add_setup_options(CLI::App &command, setup_options &setup);
/// Declares the options of every command on a book: the store, the setup and --snapshot.
void add_book_options(CLI::App &command, book_options &book);

/// --hash sm3|sha256: the hash a new journal chains with.
void add_hash_option(CLI::App &command, caseflow::hash_algorithm &hash);
/// --lang en|zh: the language of reports, notices and history lines.
void add_lang_option(CLI::App &command, caseflow::language &lang);

/// How a command that prints data prints it: text for people (the default), or JSON (book_json.hpp's
/// schemas) for scripts. Declared by add_output_option as --format text|json.
enum class output { text, json };
void add_output_option(CLI::App &command, output &format);

/// The store the options name; an error when they name none, or both.
caseflow::result<caseflow::tools::store_location> store_of(const store_options &where);

/// The setup `init` records: the given policy, calendar and chart, or the bundled defaults.
caseflow::result<caseflow::book_setup> setup_from(const setup_options &setup, caseflow::hash_algorithm hash);

/// A book replayed from its journal, with the journal attached for appending.
struct open_book {
  std::unique_ptr<caseflow::event_store> store;
  caseflow::case_book book;
  bool with_chart = false;
};

/// Commands that only read open the journal read-only, so that a journal on read-only storage (such as
/// the installed examples) can be reported on.
enum class access { read, write };

/// The book the options name. `escalating`: the command needs the chart (escalate, pass-down).
caseflow::result<open_book> open_journal(const book_options &book, access mode = access::write, bool escalating = false);

/// The book of `store` replayed again, as open_journal() replayed it: a scratch copy to try inputs on.
caseflow::result<caseflow::case_book> replay(const caseflow::event_store &store, const book_options &book, bool with_chart);

/// Writes progress of a long replay or import to stderr, when stderr is a terminal.
void show_progress(std::string_view what, std::size_t done, std::size_t total);

/// The whole text of a file.
caseflow::result<std::string> read_text(const std::filesystem::path &file);

} // namespace casectl
