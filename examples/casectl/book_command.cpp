// casectl's book commands: a case book kept in a journal file (or a store), driven from the command line
// (book.hpp says how a book is opened from the options).
//
// Commands that change the book append to its journal. Input records are JSON lines:
//   a registration:  {"case":"16-2/0581","kind":"deputy_suggestion","category":"城建交通","title":"...",
//                     "proposers":{"lead":"代表甲","co_signers":["代表乙"]}}
//   an event:        {"case":"16-2/0581","type":"assign","by":"office","at":"2024-01-26 09:00:00",
//                     "units":[{"unit":"minhang","role":"lead"}]}
// (see event_json.hpp), or for `import`, a CSV file of new items with the header
//   case,kind,category,title,lead_proposer,co_signers,key_item,leader_supervised
// (co_signers separated by ';', flags true/false or empty). An import is all or nothing: every record is
// checked against the book first, and the first bad one is reported with its line; nothing is written.
#include "book.hpp"
#include "commands.hpp"

#include <caseflow/book_json.hpp>
#include <caseflow/event_json.hpp>
#include <caseflow/history_text.hpp>
#include <caseflow/import.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <variant>

namespace casectl {

namespace cf = caseflow;
using json = nlohmann::json;
using cf::tools::open_store;
using cf::tools::parse_store_uri;
using cf::tools::store_location;

namespace {

cf::status<cf::rejection> apply_input(cf::case_book &book, const cf::import_record &input) {
  if (const auto *info = std::get_if<cf::case_info>(&input.what)) return book.open(*info);
  const auto &[id, e] = std::get<std::pair<cf::case_id, cf::event>>(input.what);
  return book.apply(id, e);
}

// Checks every input against a scratch copy of the book, then applies them for real: all or nothing.
cf::status<> apply_all(const book_options &options, const std::vector<cf::import_record> &inputs, std::string_view source) {
  auto journal = open_journal(options);
  if (!journal) return cf::failure{journal.error()};
  {
    auto scratch = replay(*journal->store, options, journal->with_chart);
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

std::string describe_units(const cf::case_record &c) {
  std::string out;
  for (const auto &u : c.units)
    out += fmt::format("{}{}:{}:{}", out.empty() ? "" : ",", u.unit, cf::to_string(u.role), cf::to_string(u.state));
  return out.empty() ? "-" : out;
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

// --by ROLE:ID as given, and the sender it names.
struct sender {
  cf::actor who;
  std::string text;
};
cf::result<sender> sender_value(std::string_view text) {
  auto by = cf::parse_actor(text);
  if (!by) return cf::failure{by.error()};
  return sender{*by, std::string(text)};
}

// --by unit:ID, for the linkage commands: the unit's id.
cf::result<std::string> unit_sender(std::string_view text) {
  auto by = cf::parse_actor(text);
  if (!by) return cf::failure{by.error()};
  if (by->role != cf::actor_role::unit)
    return cf::fail(cf::errc::invalid_argument, fmt::format("{} is not a unit (unit:ID)", text));
  return by->id;
}

cf::result<cf::case_id> case_value(std::string_view text) { return cf::case_id::parse(text); }

// --date, or the book's last tick.
cf::result<cf::date> day_of(const std::optional<cf::date> &given, const cf::case_book &book) {
  if (given) return *given;
  if (auto last = book.last_tick()) return *last;
  return cf::fail(cf::errc::invalid_argument, "the book was never ticked: give --date");
}

struct init_args {
  store_options where;
  setup_options setup;
  cf::hash_algorithm hash = cf::hash_algorithm::sm3;
};
cf::status<> init(const init_args &a, std::ostream &out) {
  auto where = store_of(a.where);
  if (!where) return cf::failure{where.error()};
  auto setup = setup_from(a.setup, a.hash);
  if (!setup) return cf::failure{setup.error()};
  auto store = open_store(*where, false, false);
  if (!store) return cf::failure{store.error()};
  auto held = (*store)->size();
  if (!held) return cf::failure{held.error()};
  if (*held > 0) return cf::fail(cf::errc::conflict, fmt::format("{}: the journal exists and is not empty", where->display()));
  if (auto w = cf::write_setup(**store, *setup); !w) return w;
  out << where->display() << '\n';
  return cf::ok;
}

struct import_args {
  book_options book;
  std::string file;
};
cf::status<> import(const import_args &a, std::ostream &out) {
  const std::filesystem::path file = a.file;
  auto inputs = cf::read_import_file(file);
  if (!inputs) return cf::failure{inputs.error()};
  if (auto r = apply_all(a.book, *inputs, file.filename().string()); !r) return r;
  out << fmt::format("imported {} records\n", inputs->size());
  return cf::ok;
}

struct apply_args {
  book_options book;
  std::string json;
};
cf::status<> apply(const apply_args &a, std::ostream &out) {
  std::string text = a.json;
  if (text == "-") text.assign(std::istreambuf_iterator<char>(std::cin), {});
  auto input = cf::read_import_line(text, "JSON");
  if (!input) return cf::failure{input.error()};
  if (auto r = apply_all(a.book, {*input}, "JSON"); !r) return r;
  out << "ok\n";
  return cf::ok;
}

struct tick_args {
  book_options book;
  cf::date date;
  cf::language lang = cf::language::en;
  output format = output::text;
};
cf::status<> tick(const tick_args &a, std::ostream &out) {
  auto journal = open_journal(a.book);
  if (!journal) return cf::failure{journal.error()};
  std::vector<cf::escalation_notice> escalations;
  journal->book.on_escalation([&](const cf::escalation_notice &n) { escalations.push_back(n); });
  auto notices = journal->book.tick(a.date);
  // A day the book has ticked past (perhaps by another process's tick) is refused as invalid_argument by
  // the book; with a date that parsed, that is a conflict with what the book holds (exit 4), not usage.
  if (!notices && notices.error().code == cf::errc::invalid_argument)
    return cf::fail(cf::errc::conflict, notices.error().message);
  if (!notices) return cf::failure{notices.error()};
  if (a.format == output::json) {
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
    out << cf::to_string(n, a.lang) << '\n';
  for (const auto &n : escalations)
    out << cf::to_string(n, a.lang) << '\n';
  return cf::ok;
}

struct recompute_args {
  book_options book;
  std::vector<std::string> new_calendar;
  bool dry_run = false;
  output format = output::text;
};
cf::status<> recompute(const recompute_args &a, std::ostream &out) {
  // The new calendar is chosen as --calendar is: on the national one unless --no-national-calendar.
  auto next = load_calendar(a.book.setup.calendar, a.new_calendar);
  if (!next) return cf::failure{next.error()};
  auto journal = open_journal(a.book, a.dry_run ? access::read : access::write);
  if (!journal) return cf::failure{journal.error()};
  const auto old_calendar = journal->book.calendar();
  const auto new_calendar = *next;
  auto changes = a.dry_run ? journal->book.recompute_preview(*next) : journal->book.recompute(std::move(*next));
  if (!changes) return cf::failure{changes.error()};
  if (a.format == output::json) {
    json moved = json::array();
    for (const auto &c : *changes)
      moved.push_back(
          {{"clock", cf::to_json(c.key)}, {"old_due", cf::to_string(c.old_due)}, {"new_due", cf::to_string(c.new_due)}});
    out << json{{"dry_run", a.dry_run}, {"changes", std::move(moved)}}.dump(2) << '\n';
    return cf::ok;
  }
  for (const auto &c : *changes)
    out << fmt::format("{}: {} -> {}\n", cf::to_string(c.key), date_text(old_calendar, c.old_due),
                       date_text(new_calendar, c.new_due));
  out << fmt::format("{} due date{} {}\n", changes->size(), changes->size() == 1 ? "" : "s",
                     a.dry_run ? "would move (dry run: nothing changed)" : "moved");
  return cf::ok;
}

enum class escalation_step { mark, resolve };
cf::result<escalation_step> step_value(std::string_view text) {
  if (text == "mark") return escalation_step::mark;
  if (text == "resolve") return escalation_step::resolve;
  return cf::fail(cf::errc::invalid_argument, fmt::format("unknown escalation '{}' (expected mark or resolve)", text));
}

// A mark of the item as difficult: by a unit (named in the trigger; the book checks it handles the item)
// or by the office (naming no unit).
cf::result<cf::escalation_input> mark_input(const sender &by, cf::date on) {
  const bool office = by.who.role == cf::actor_role::assigning_office;
  if (!office && (by.who.role != cf::actor_role::unit || by.who.id.empty()))
    return cf::fail(cf::errc::invalid_argument,
                    fmt::format("--by {}: only a unit (unit:ID) or the office marks an item difficult", by.text));
  return cf::escalation_input::raise(cf::escalation_trigger::marked_difficult, on,
                                     office ? std::vector<std::string>{} : std::vector<std::string>{by.who.id});
}

struct escalate_args {
  book_options book;
  cf::case_id id;
  escalation_step step = escalation_step::mark;
  sender by;
  cf::date date;
  std::optional<std::string> decision;
  cf::language lang = cf::language::en;
  output format = output::text;
};
cf::status<> escalate(const escalate_args &a, std::ostream &out) {
  cf::escalation_input input;
  if (a.step == escalation_step::mark) {
    auto marked = mark_input(a.by, a.date);
    if (!marked) return cf::failure{marked.error()};
    input = std::move(*marked);
  } else {
    if (!a.decision) return cf::fail(cf::errc::invalid_argument, "resolve: --decision TEXT is required");
    input = cf::escalation_input::resolve(a.by.who, a.date, *a.decision);
  }
  auto journal = open_journal(a.book, access::write, true);
  if (!journal) return cf::failure{journal.error()};
  const std::size_t before = journal->book.escalation_notices_of(a.id).size();
  if (auto r = journal->book.escalate(a.id, input); !r) return cf::fail(r.error().code, r.error().message);
  const auto notices = journal->book.escalation_notices_of(a.id);
  if (a.format == output::json) {
    json issued = json::array();
    for (std::size_t i = before; i < notices.size(); ++i) {
      json j;
      to_json(j, notices[i]);
      issued.push_back(std::move(j));
    }
    json track;
    if (const auto t = journal->book.escalation_of(a.id)) to_json(track, *t);
    out << json{{"escalation_notices", std::move(issued)}, {"track", std::move(track)}}.dump(2) << '\n';
    return cf::ok;
  }
  for (std::size_t i = before; i < notices.size(); ++i)
    out << cf::to_string(notices[i], a.lang) << '\n';
  return cf::ok;
}

struct pass_down_args {
  book_options book;
  cf::case_id parent;
  std::string by, child, unit, task;
  cf::date date;
};
cf::status<> pass_down(const pass_down_args &a, std::ostream &out) {
  auto journal = open_journal(a.book, access::write, true);
  if (!journal) return cf::failure{journal.error()};
  if (auto r = journal->book.pass_down(a.parent, {a.by, a.child, a.unit, a.task, a.date}); !r)
    return cf::fail(r.error().code, r.error().message);
  out << describe_child(journal->book.find_child(a.child).value()) << '\n';
  return cf::ok;
}

struct answer_child_args {
  book_options book;
  std::string child, by, text;
  cf::date date;
};
cf::status<> answer_child(const answer_child_args &a, std::ostream &out) {
  auto journal = open_journal(a.book);
  if (!journal) return cf::failure{journal.error()};
  if (auto r = journal->book.answer_child(a.child, {a.by, a.date, a.text}); !r)
    return cf::fail(r.error().code, r.error().message);
  out << describe_child(journal->book.find_child(a.child).value()) << '\n';
  return cf::ok;
}

struct children_args {
  book_options book;
  cf::case_id parent;
  std::optional<std::string> unit;
  std::optional<cf::date> date;
  output format = output::text;
};
cf::status<> children(const children_args &a, std::ostream &out) {
  auto journal = open_journal(a.book, access::read);
  if (!journal) return cf::failure{journal.error()};
  if (!journal->book.find(a.parent))
    return cf::fail(cf::errc::not_found, fmt::format("case {} is not in the book", a.parent.to_string()));
  auto day = day_of(a.date, journal->book);
  if (!day) return cf::failure{day.error()};
  const auto p = journal->book.child_roll_up(a.parent, a.unit.value_or(""), *day);
  if (a.format == output::json) {
    json items = json::array();
    for (const auto &c : p.children) {
      json j;
      to_json(j, c);
      items.push_back(std::move(j));
    }
    out << json{{"as_of", cf::to_string(*day)},
                {"children", std::move(items)},
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
  out << fmt::format("as of {}: {} passed down, {} answered ({} late), {} open ({} overdue), {} ended\n", cf::to_string(*day),
                     p.held, p.answered, p.answered_late, p.open, p.overdue, p.ended);
  return cf::ok;
}

struct list_args {
  book_options book;
  std::optional<cf::case_state> state;
  std::optional<std::string> unit;
  std::optional<cf::assignment_role> role;
  output format = output::text;
};
cf::status<> list(const list_args &a, std::ostream &out) {
  auto journal = open_journal(a.book, access::read);
  if (!journal) return cf::failure{journal.error()};
  const auto &book = journal->book;
  std::vector<cf::case_id> ids = a.state ? book.in_state(*a.state) : book.ids();
  if (a.unit) {
    const auto of_unit = book.of_unit(*a.unit, a.role);
    std::erase_if(ids, [&](const cf::case_id &id) { return std::find(of_unit.begin(), of_unit.end(), id) == of_unit.end(); });
  }
  json items = json::array();
  for (const auto &id : ids) {
    const auto c = book.find(id);
    if (a.format == output::json) {
      items.push_back(cf::item_json(*c));
      continue;
    }
    out << fmt::format("{}\t{}\t{}\t{}\t{}\n", id.to_string(), cf::to_string(c->info.kind), cf::to_string(c->state),
                       describe_units(*c), c->info.title);
  }
  if (a.format == output::json) out << json{{"items", std::move(items)}}.dump(2) << '\n';
  return cf::ok;
}

struct show_args {
  book_options book;
  cf::case_id id;
  cf::language lang = cf::language::en;
  output format = output::text;
};
cf::status<> show(const show_args &a, std::ostream &out) {
  auto journal = open_journal(a.book, access::read);
  if (!journal) return cf::failure{journal.error()};
  const auto c = journal->book.find(a.id);
  if (!c) return cf::fail(cf::errc::not_found, fmt::format("case {} is not in the book", a.id.to_string()));
  if (a.format == output::json) {
    out << cf::item_detail_json(journal->book, *c).dump(2) << '\n';
    return cf::ok;
  }
  out << fmt::format("case {}: {}\nkind: {}\ncategory: {}\nproposers: {}\nstate: {}\nunits: {}\n", a.id.to_string(),
                     c->info.title, cf::to_string(c->info.kind), c->info.category, c->info.proposers.lead,
                     cf::to_string(c->state), describe_units(*c));
  out << "history:\n" << cf::format_history(*c, a.lang);
  out << "clocks:\n";
  const auto cal = journal->book.calendar();
  for (const auto &k : journal->book.clocks_of(a.id))
    out << fmt::format("  {} started {} due {}\n", cf::to_string(k.key(), a.lang), cf::to_string(k.started()),
                       date_text(cal, k.due()));
  out << "notices:\n";
  for (const auto &n : journal->book.notices_of(a.id))
    out << "  " << cf::to_string(n, a.lang) << '\n';
  if (const auto track = journal->book.escalation_of(a.id); track && track->cycle() > 0) {
    out << fmt::format("escalation: {}\n", cf::to_string(track->level));
    for (const auto &n : journal->book.escalation_notices_of(a.id))
      out << "  " << cf::to_string(n, a.lang) << '\n';
  }
  const auto passed_down = journal->book.children_of(a.id);
  if (!passed_down.empty()) {
    out << "children:\n";
    for (const auto &child : passed_down)
      out << "  " << describe_child(child) << '\n';
  }
  return cf::ok;
}

struct snapshot_args {
  book_options book;
  std::optional<std::string> out;
};
cf::status<> snapshot(const snapshot_args &a, std::ostream &out) {
  auto journal = open_journal(a.book, access::read);
  if (!journal) return cf::failure{journal.error()};
  const std::string text = journal->book.snapshot();
  if (!a.out) {
    out << text << '\n';
    return cf::ok;
  }
  // Written beside the target and renamed over it: a crash leaves the old snapshot whole.
  const std::filesystem::path target(*a.out);
  const std::filesystem::path scratch = target.string() + ".tmp";
  {
    std::ofstream f(scratch, std::ios::binary | std::ios::trunc);
    f << text << '\n';
    f.flush();
    if (!f) return cf::fail(cf::errc::io_error, fmt::format("{}: cannot write the snapshot", scratch.string()));
  }
  std::error_code ec;
  std::filesystem::rename(scratch, target, ec);
  if (ec) return cf::fail(cf::errc::io_error, fmt::format("{}: {}", target.string(), ec.message()));
  out << fmt::format("{}: snapshot at record {}\n", target.string(), journal->book.last_sequence());
  return cf::ok;
}

struct clocks_args {
  book_options book;
  cf::case_id id;
  output format = output::text;
};
cf::status<> clocks(const clocks_args &a, std::ostream &out) {
  auto journal = open_journal(a.book, access::read);
  if (!journal) return cf::failure{journal.error()};
  if (!journal->book.find(a.id))
    return cf::fail(cf::errc::not_found, fmt::format("case {} is not in the book", a.id.to_string()));
  if (a.format == output::json) {
    json running = json::array();
    for (const auto &k : journal->book.clocks_of(a.id))
      running.push_back(cf::to_json(k));
    out << json{{"clocks", std::move(running)}}.dump(2) << '\n';
    return cf::ok;
  }
  const auto cal = journal->book.calendar();
  for (const auto &k : journal->book.clocks_of(a.id))
    out << fmt::format("{}\t{}\t{}\t{}\n", k.key().unit_id.empty() ? "-" : k.key().unit_id, cf::to_string(k.key().kind),
                       cf::to_string(k.started()), date_text(cal, k.due()));
  return cf::ok;
}

struct due_args {
  book_options book;
  cf::date date;
  int within = 10;
  cf::language lang = cf::language::en;
  output format = output::text;
};
cf::status<> due(const due_args &a, std::ostream &out) {
  auto journal = open_journal(a.book, access::read);
  if (!journal) return cf::failure{journal.error()};
  auto soon = journal->book.due_within(a.date, a.within);
  if (!soon) return cf::failure{soon.error()};
  if (a.format == output::json) {
    out << json{{"due", cf::due_json(*soon)}}.dump(2) << '\n';
    return cf::ok;
  }
  const auto cal = journal->book.calendar();
  for (const auto &d : *soon)
    out << fmt::format("{}\t{}\n", date_text(cal, d.due), cf::to_string(d.clock, a.lang));
  return cf::ok;
}

struct overdue_args {
  book_options book;
  cf::date date;
  cf::language lang = cf::language::en;
  output format = output::text;
};
cf::status<> overdue(const overdue_args &a, std::ostream &out) {
  auto journal = open_journal(a.book, access::read);
  if (!journal) return cf::failure{journal.error()};
  const auto late = journal->book.overdue_on(a.date);
  if (a.format == output::json) {
    out << json{{"due", cf::due_json(late)}}.dump(2) << '\n';
    return cf::ok;
  }
  const auto cal = journal->book.calendar();
  for (const auto &d : late)
    out << fmt::format("{}\t{}\n", date_text(cal, d.due), cf::to_string(d.clock, a.lang));
  return cf::ok;
}

struct store_args {
  store_options where;
};
cf::status<> verify(const store_args &a, std::ostream &out) {
  auto where = store_of(a.where);
  if (!where) return cf::failure{where.error()};
  auto store = open_store(*where, true, true);
  if (!store) return cf::failure{store.error()};
  auto verdict = cf::verify_journal(**store);
  if (!verdict) return cf::failure{verdict.error()};
  out << fmt::format("{}: {} units, {} chained; head {}\n", (*store)->name(), verdict->units, verdict->chained,
                     verdict->head.empty() ? "-" : verdict->head);
  return cf::ok;
}

cf::status<> repair(const store_args &a, std::ostream &out) {
  auto where = store_of(a.where);
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
}

struct upgrade_args {
  std::optional<std::string> journal;
  setup_options setup;
  cf::hash_algorithm hash = cf::hash_algorithm::sm3;
  std::string out;
};
cf::status<> upgrade(const upgrade_args &a, std::ostream &out) {
  std::error_code ec;
  if (std::filesystem::exists(a.out, ec) && std::filesystem::file_size(a.out, ec) > 0)
    return cf::fail(cf::errc::conflict, fmt::format("{}: the file exists and is not empty", a.out));
  if (!a.journal) return cf::fail(cf::errc::invalid_argument, "--journal FILE is required");
  auto old = cf::file_event_store::open(*a.journal, {cf::flush_policy::every_event, false, 1, true});
  if (!old) return cf::failure{old.error()};
  auto contents = cf::read_journal(*old);
  if (!contents) return cf::failure{contents.error()};
  // The new journal opens with the old one's setup, or (for a journal written before setup records) the
  // one the options give; a book on it, nothing applied yet, writes every unit again.
  auto recorded = cf::read_setup(*old);
  if (!recorded) return cf::failure{recorded.error()};
  auto setup = *recorded ? cf::result<cf::book_setup>(std::move(**recorded)) : setup_from(a.setup, a.hash);
  if (!setup) return cf::failure{setup.error()};
  auto fresh = cf::file_event_store::open(a.out, {cf::flush_policy::every_event, false, 1, false});
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
  out << fmt::format("{}: {} records in {} units; head {}\n", a.out, records.size() + 1, verdict->units, verdict->head);
  return cf::ok;
}

struct migrate_args {
  store_location from, to;
};
cf::status<> migrate(const migrate_args &a, std::ostream &out) {
  auto source = open_store(a.from, true, true);
  if (!source) return cf::failure{source.error()};
  auto checked = cf::verify_journal(**source);
  if (!checked) return cf::failure{checked.error()};
  auto target = open_store(a.to, false, false);
  if (!target) return cf::failure{target.error()};
  auto held = (*target)->size();
  if (!held) return cf::failure{held.error()};
  if (*held > 0) return cf::fail(cf::errc::conflict, fmt::format("{}: the target journal is not empty", a.to.uri()));
  auto lines = (*source)->read();
  if (!lines) return cf::failure{lines.error()};
  for (std::size_t i = 0; i < lines->lines.size(); ++i)
    if (auto r = (*target)->append_if(lines->lines[i], i); !r) return r;
  auto copied = cf::verify_journal(**target);
  if (!copied) return cf::failure{copied.error()};
  if (copied->head != checked->head)
    return cf::fail(cf::errc::conflict,
                    fmt::format("{}: the copy's head {} is not the source's {}", a.to.uri(), copied->head, checked->head));
  out << fmt::format("{}: {} units copied; head {}\n", a.to.uri(), copied->units, copied->head.empty() ? "-" : copied->head);
  return cf::ok;
}

} // namespace

void add_book_commands(command_line &cli) {
  {
    auto [c, a] =
        book_command(cli, "init", "create an empty journal (a case book kept in a file)",
                     "Creates a journal that opens with its setup: the policy, calendar and organisation chart given (or the\n"
                     "defaults) and the hash of its chain. Every later command runs with what the setup records and needs\n"
                     "none of these options.",
                     init);
    add_store_options(c, a.where);
    add_setup_options(c, a.setup);
    add_hash_option(c, a.hash);
  }
  {
    auto [c, a] =
        book_command(cli, "import", "register items and apply events from JSONL or CSV, all or nothing",
                     "CSV: one row an item under a header naming the columns in any order, in English or Chinese (case/案号,\n"
                     "kind/类型, category/类别, title/标题, lead_proposer/领衔人, co_signers/附议人, key_item/重点,\n"
                     "leader_supervised/领导督办), as Excel saves it (CSV UTF-8).",
                     import);
    c.add_option("FILE", a.file, "the records: FILE.jsonl (registrations and events) or FILE.csv (new items)")->required();
    add_book_options(c, a.book);
  }
  {
    auto [c, a] = book_command(cli, "apply", "apply one registration or event", "", apply);
    c.add_option("JSON", a.json, "the record as JSON, or '-' to read it from stdin")->type_name("JSON|-")->required();
    add_book_options(c, a.book);
  }
  {
    auto [c, a] = book_command(cli, "tick", "issue the notices due by DATE",
                               "Issues the reminders, warnings and overdue notices due by --date, one a line.", tick);
    add_date(c, "--date", a.date, "the day the notices are due by")->required();
    add_lang_option(c, a.lang);
    add_output_option(c, a.format);
    add_book_options(c, a.book);
  }
  {
    auto [c, a] =
        book_command(cli, "recompute", "move every open due date onto a new calendar",
                     "Moves the book onto a new calendar: every open due date is what the new calendar gives. Prints each\n"
                     "due date that moves, then how many; --dry-run prints the same and changes nothing. The journal keeps\n"
                     "the new calendar.",
                     recompute);
    c.add_option("--new-calendar", a.new_calendar,
                 "the new calendar's files, layered on the bundled national calendar as --calendar's are (repeatable)")
        ->type_name("FILE")
        ->allow_extra_args(false)
        ->required();
    c.add_flag("--dry-run", a.dry_run, "print what would move and change nothing");
    add_output_option(c, a.format);
    add_book_options(c, a.book);
  }
  {
    auto [c, a] =
        book_command(cli, "escalate", "mark an item difficult, or record a leader's decision",
                     "mark: a unit handling the item (--by unit:ID) or the office (--by office) marks it difficult while it\n"
                     "is being handled, and it goes to the office. resolve: the person routed to the item's level\n"
                     "(--by supervising_leader:ID, ...) records the decision (--decision TEXT). Prints the escalation\n"
                     "notices, one a line.",
                     escalate);
    add_parsed(c, "CASE", a.id, case_value, "the item, SESSION/ITEM")->required();
    add_parsed(c, "STEP", a.step, step_value, "mark or resolve")->type_name("mark|resolve")->required();
    add_parsed(c, "--by", a.by, sender_value, "who: office, unit:ID, supervising_leader:ID, principal_leader:ID")
        ->type_name("ROLE:ID")
        ->required();
    add_date(c, "--date", a.date, "the day")->required();
    c.add_option("--decision", a.decision, "the decision, to resolve")->type_name("TEXT");
    add_lang_option(c, a.lang);
    add_output_option(c, a.format);
    add_book_options(c, a.book);
  }
  {
    auto [c, a] =
        book_command(cli, "pass-down", "pass an item down to a bureau or town",
                     "The unit (--by) passes the item down to one of its bureaus or towns (--unit) as child item --child,\n"
                     "due the policy's margin before the unit's own opinion or reply. Prints the child.",
                     pass_down);
    add_parsed(c, "CASE", a.parent, case_value, "the item passed down, SESSION/ITEM")->required();
    add_parsed(c, "--by", a.by, unit_sender, "the unit passing it down")->type_name("unit:ID")->required();
    add_parsed(c, "--child", a.child, non_empty, "the child item's id")->type_name("ID")->required();
    add_parsed(c, "--unit", a.unit, non_empty, "the bureau or town it goes to")->type_name("UNIT")->required();
    add_parsed(c, "--task", a.task, non_empty, "what the child unit is asked to do")->type_name("TEXT")->required();
    add_date(c, "--date", a.date, "the day")->required();
    add_book_options(c, a.book);
  }
  {
    auto [c, a] =
        book_command(cli, "answer-child", "a bureau or town answers the item passed down",
                     "The child unit answers its item; the answer goes to the parent unit's opinion or reply.", answer_child);
    c.add_option("CHILD", a.child, "the child item's id")->required();
    add_parsed(c, "--by", a.by, unit_sender, "the child unit")->type_name("unit:ID")->required();
    add_parsed(c, "--text", a.text, non_empty, "the answer")->type_name("TEXT")->required();
    add_date(c, "--date", a.date, "the day")->required();
    add_book_options(c, a.book);
  }
  {
    auto [c, a] =
        book_command(cli, "children", "the items passed down from an item, and their progress",
                     "The items passed down from CASE (by --unit only, if given), one a line: child, parent unit, unit,\n"
                     "due date, state, task; then the roll-up as of --date (default: the last tick).",
                     children);
    add_parsed(c, "CASE", a.parent, case_value, "the item, SESSION/ITEM")->required();
    c.add_option("--unit", a.unit, "only the items this unit passed down")->type_name("UNIT");
    add_date(c, "--date", a.date, "the day of the roll-up (default: the last tick)");
    add_output_option(c, a.format);
    add_book_options(c, a.book);
  }
  {
    auto [c, a] = book_command(cli, "list", "list items",
                               "One line per item: id, kind, state, units, title (JSON: {\"items\": [...]}).", list);
    add_parsed(c, "--state", a.state, &cf::parse_case_state, "only items in this state")->type_name("S");
    c.add_option("--unit", a.unit, "only items this unit handles")->type_name("U");
    add_parsed(c, "--role", a.role, &cf::parse_assignment_role, "with --unit: only in this role (lead, co_handler, separate)")
        ->type_name("R");
    add_output_option(c, a.format);
    add_book_options(c, a.book);
  }
  {
    auto [c, a] = book_command(cli, "show", "one item: history, clocks, notices",
                               "The item: registration, state, units, history, clocks and notices.", show);
    add_parsed(c, "CASE", a.id, case_value, "the item, SESSION/ITEM")->required();
    add_lang_option(c, a.lang);
    add_output_option(c, a.format);
    add_book_options(c, a.book);
  }
  {
    auto [c, a] = book_command(cli, "clocks", "an item's running clocks and due dates",
                               "The item's running clocks: unit, obligation, start, due date.", clocks);
    add_parsed(c, "CASE", a.id, case_value, "the item, SESSION/ITEM")->required();
    add_output_option(c, a.format);
    add_book_options(c, a.book);
  }
  {
    auto [c, a] = book_command(cli, "due", "clocks due within N working days", "", due);
    add_date(c, "--date", a.date, "the day to look ahead from")->required();
    add_parsed(c, "--within", a.within, whole_number, "working days to look ahead (default: 10)")->type_name("N");
    add_lang_option(c, a.lang);
    add_output_option(c, a.format);
    add_book_options(c, a.book);
  }
  {
    auto [c, a] =
        book_command(cli, "overdue", "clocks overdue on DATE", "Running clocks whose due date is before --date.", overdue);
    add_date(c, "--date", a.date, "the day")->required();
    add_lang_option(c, a.lang);
    add_output_option(c, a.format);
    add_book_options(c, a.book);
  }
  {
    auto [c, a] =
        book_command(cli, "snapshot", "write the book's snapshot, for a fast start with --snapshot FILE",
                     "Writes the book's snapshot (JSON, the state after the journal's last record) to --out FILE or stdout.\n"
                     "Later commands given --snapshot FILE start from it and apply only the newer records.",
                     snapshot);
    c.add_option("--out", a.out, "the file to write (default: stdout)")->type_name("FILE");
    add_book_options(c, a.book);
  }
  {
    auto [c, a] =
        book_command(cli, "repair", "cut off a torn last line", "A torn last line is a write cut short by a crash.", repair);
    add_store_options(c, a.where);
  }
  {
    auto [c, a] = book_command(
        cli, "verify", "check every line and the hash chain; print the head hash",
        "Prints the number of units and the hash of the last one (the head), which names the whole journal.", verify);
    add_store_options(c, a.where);
  }
  {
    auto [c, a] =
        book_command(cli, "upgrade", "write a journal again in the current format",
                     "Writes the journal again in the current format (units with a hash chain) to a new file, every record\n"
                     "applied through a book and checked as replay checks it. The old file is not changed. A journal\n"
                     "written before setup records gets the setup the options give.",
                     upgrade);
    add_journal_option(c, a.journal);
    c.add_option("--out", a.out, "the new journal, a file that does not exist or is empty")->type_name("FILE")->required();
    add_setup_options(c, a.setup);
    add_hash_option(c, a.hash);
  }
  {
    auto [c, a] =
        book_command(cli, "migrate", "copy a journal into an empty store (file:, sqlite:, postgresql://), chain checked",
                     "Copies a journal into an empty store unit for unit, its hash chain checked before and after: the copy\n"
                     "has the same head hash.",
                     migrate);
    add_parsed(
        c, "--from", a.from, [](const std::string &uri) { return parse_store_uri(uri, "--from"); }, "the store to copy")
        ->type_name("URI")
        ->required();
    add_parsed(
        c, "--to", a.to, [](const std::string &uri) { return parse_store_uri(uri, "--to"); }, "the empty store to copy into")
        ->type_name("URI")
        ->required();
  }
}

} // namespace casectl
