// case_book::snapshot and restore: the whole state of a book as canonical JSON, and back, written and
// read as a stream (a provincial book's snapshot is gigabytes: neither its text nor its tree is held whole).
//
// A snapshot holds what the book knows, field by field (clocks included, through clock_json.hpp), so
// restore() gives the same book without applying any record again; resume() then applies only the
// journal records written after the snapshot's sequence number. Indexes (by unit, by state, by due date)
// are not written: they are rebuilt from the cases and clocks.
#include "casebook_state.hpp"

#include <caseflow/limits.hpp>
#include <caseflow/workflow.hpp>

#include <charconv>
#include <istream>
#include <mutex>
#include <ostream>

namespace caseflow {

namespace {

using namespace book_detail;

constexpr int snapshot_format = 1;

json to_json(const finished_clock &f) {
  json j = {{"clock", caseflow::to_json(f.clock)}, {"started", day_text(f.started)}, {"due", day_text(f.due)}};
  if (f.met) j["met"] = {{"on", day_text(f.met->on)}, {"on_time", f.met->on_time}, {"workdays_late", f.met->workdays_late}};
  return j;
}

failure bad_snapshot(std::string_view path, std::string_view why) {
  return fail(errc::parse_error, fmt::format("snapshot: {}: {}", path, why));
}

result<date> day_of(const json &j, std::string_view key, std::string_view path) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return failure{bad_snapshot(fmt::format("{}/{}", path, key), "is not a date")};
  auto d = parse_date(it->get<std::string>());
  if (!d) return failure{bad_snapshot(fmt::format("{}/{}", path, key), d.error().message)};
  return d;
}

result<finished_clock> finished_from_json(const json &j, std::string_view path) {
  if (!j.is_object() || !j.contains("clock")) return failure{bad_snapshot(path, "is not a finished clock")};
  auto key = clock_key_from_json(j.at("clock"), fmt::format("snapshot: {}/clock", path));
  if (!key) return failure{key.error()};
  auto started = day_of(j, "started", path);
  auto due = day_of(j, "due", path);
  if (!started || !due) return failure{!started ? started.error() : due.error()};
  finished_clock f{std::move(*key), *started, *due, std::nullopt};
  if (const auto met = j.find("met"); met != j.end()) {
    const std::string at = fmt::format("{}/met", path);
    auto on = day_of(*met, "on", at);
    if (!on) return failure{on.error()};
    const auto on_time = met->find("on_time");
    const auto late = met->find("workdays_late");
    if (on_time == met->end() || !on_time->is_boolean() || late == met->end() || !late->is_number_integer())
      return failure{bad_snapshot(at, "needs on_time (true or false) and workdays_late (a whole number)")};
    f.met = stop_record{*on, on_time->get<bool>(), late->get<int>()};
  }
  return f;
}

// The member of `j` named `key`, of the JSON type `is` checks.
result<const json *> member(const json &j, std::string_view key, bool (json::*is)() const noexcept, std::string_view type) {
  const auto it = j.find(key);
  if (it == j.end()) return failure{bad_snapshot(fmt::format("/{}", key), "is missing")};
  if (!((*it).*is)()) return failure{bad_snapshot(fmt::format("/{}", key), fmt::format("is not {}", type))};
  return &*it;
}

} // namespace

namespace {

// Writes the snapshot's canonical text piece by piece, as the whole tree's dump() would give it: the
// members in the order nlohmann's object keeps them (by key), and each large array or object one element
// at a time, so that no tree of the whole book is ever built.
template <class Sink> class snapshot_writer {
public:
  explicit snapshot_writer(Sink &sink) : sink_(sink) {}
  void member(std::string_view key, const json &value) {
    open(key);
    put(value.dump());
  }
  // An array member: `each(emit)` calls emit(json) for every element, in order.
  template <class Each> void array(std::string_view key, Each &&each) {
    open(key);
    put("[");
    bool first = true;
    each([&](const json &element) {
      if (!first) put(",");
      first = false;
      put(element.dump());
    });
    put("]");
  }
  // An object member whose keys come sorted: `each(emit)` calls emit(key, json).
  template <class Each> void object(std::string_view key, Each &&each) {
    open(key);
    put("{");
    bool first = true;
    each([&](std::string_view k, const json &value) {
      if (!first) put(",");
      first = false;
      put(json(k).dump());
      put(":");
      put(value.dump());
    });
    put("}");
  }
  void close() { put(opened_ ? "}" : "{}"); }

private:
  void put(std::string_view text) { sink_(text); }
  void open(std::string_view key) {
    put(opened_ ? "," : "{");
    opened_ = true;
    put(json(key).dump());
    put(":");
  }
  Sink &sink_;
  bool opened_ = false;
};

} // namespace

template <class Sink> void case_book::write_snapshot(Sink &&sink) const {
  std::shared_lock lock(*mutex_);
  snapshot_writer<Sink> w(sink);
  // The keys in sorted order (nlohmann's objects are maps): calendar, cases, children, clocks,
  // escalation_notices, escalations, finished_clocks, format, last_record, last_tick, notices, sequence.
  w.member("calendar", calendar_.to_text());
  w.array("cases", [&](auto &&emit) {
    for (const auto &[_, c] : s_->cases)
      emit(snapshot_json(c));
  });
  // Children by parent, in the order passed down (the order roll-ups list them in). Few: one tree.
  json children = json::object();
  for (const auto &[parent, ids] : s_->children_of) {
    json arr = json::array();
    for (const auto &id : ids)
      arr.push_back(s_->children.at(id));
    children[parent.to_string()] = std::move(arr);
  }
  w.member("children", children);
  w.array("clocks", [&](auto &&emit) {
    for (const auto &[_, c] : s_->clocks.clocks())
      emit(caseflow::to_json(c));
  });
  w.object("escalation_notices", [&](auto &&emit) {
    for (const auto &[id, list] : s_->escalation_notices) {
      json arr = json::array();
      for (const auto &n : list)
        caseflow::to_json(arr.emplace_back(), n);
      emit(id, arr);
    }
  });
  // Tracks are kept by case id, whose order is not always the order of its text: one tree (few).
  json escalations = json::object();
  for (const auto &[id, track] : s_->tracks)
    caseflow::to_json(escalations[id.to_string()], track);
  w.member("escalations", escalations);
  w.array("finished_clocks", [&](auto &&emit) { s_->finished.each([&](const finished_clock &f) { emit(to_json(f)); }); });
  w.member("format", snapshot_format);
  w.member("last_record", fmt::format("{:016x}", s_->digest));
  const auto last = s_->clocks.last_tick();
  w.member("last_tick", last ? to_string(*last) : std::string());
  w.object("notices", [&](auto &&emit) {
    for (const auto &[id, list] : s_->notices) {
      json arr = json::array();
      for (const auto &n : list)
        arr.push_back(caseflow::to_json(n));
      emit(id, arr);
    }
  });
  w.member("sequence", s_->sequence);
  w.close();
}

std::string case_book::snapshot() const {
  std::string out;
  write_snapshot([&](std::string_view piece) { out.append(piece); });
  return out;
}

status<> case_book::snapshot(std::ostream &out) const {
  write_snapshot([&](std::string_view piece) { out.write(piece.data(), static_cast<std::streamsize>(piece.size())); });
  out.flush();
  if (!out) return fail(errc::io_error, "snapshot: the stream refused the text (disk full?)");
  return ok;
}

std::uint64_t case_book::last_sequence() const {
  std::shared_lock lock(*mutex_);
  return s_->sequence;
}

result<case_book> case_book::restore(std::string_view snapshot, deadline_policy policy, category_list categories) {
  return restore_into(snapshot, std::move(policy), std::nullopt, std::move(categories));
}

result<case_book> case_book::restore(std::string_view snapshot, deadline_policy policy, org_chart chart,
                                     category_list categories) {
  return restore_into(snapshot, std::move(policy), std::move(chart), std::move(categories));
}

result<case_book> case_book::restore(std::istream &snapshot, deadline_policy policy, category_list categories) {
  return restore_into(&snapshot, std::move(policy), std::nullopt, std::move(categories));
}

result<case_book> case_book::restore(std::istream &snapshot, deadline_policy policy, org_chart chart, category_list categories) {
  return restore_into(&snapshot, std::move(policy), std::move(chart), std::move(categories));
}

result<case_book> case_book::resume(std::istream &snapshot, const event_store &store, deadline_policy policy,
                                    category_list categories, bool allow_torn_tail, const replay_progress &progress) {
  auto book = restore(snapshot, std::move(policy), std::move(categories));
  if (!book) return failure{book.error()};
  return replay_into(std::move(*book), store, allow_torn_tail, progress);
}

result<case_book> case_book::resume(std::string_view snapshot, const event_store &store, deadline_policy policy,
                                    category_list categories, bool allow_torn_tail, const replay_progress &progress) {
  auto book = restore(snapshot, std::move(policy), std::move(categories));
  if (!book) return failure{book.error()};
  return replay_into(std::move(*book), store, allow_torn_tail, progress);
}

result<case_book> case_book::resume(std::string_view snapshot, const event_store &store, deadline_policy policy, org_chart chart,
                                    category_list categories, bool allow_torn_tail, const replay_progress &progress) {
  auto book = restore(snapshot, std::move(policy), std::move(chart), std::move(categories));
  if (!book) return failure{book.error()};
  return replay_into(std::move(*book), store, allow_torn_tail, progress);
}

result<case_book> case_book::resume(std::string_view snapshot, const event_store &store, deadline_policy policy, org_chart chart,
                                    registry proposers, category_list categories, bool allow_torn_tail,
                                    const replay_progress &progress) {
  auto book = restore(snapshot, std::move(policy), std::move(chart), std::move(categories));
  if (!book) return failure{book.error()};
  book->set_registry(std::move(proposers));
  return replay_into(std::move(*book), store, allow_torn_tail, progress);
}

namespace {

// The large sections of a snapshot, taken out of the tree as the parser completes each element: the
// cases, the clocks, the finished clocks and the notices. Each is converted at once and its JSON dropped,
// so that restoring never holds the tree of the whole book. The first problem of each section is kept and
// reported where the checks, in their order, come to that section.
struct streamed_sections {
  std::vector<case_record> cases;
  std::vector<deadline_clock> clocks;
  std::vector<finished_clock> finished;
  std::vector<std::pair<std::string, std::vector<notice>>> notices;
  std::optional<error> cases_problem, clocks_problem, finished_problem, notices_problem;

  enum class section : std::uint8_t { none, cases, clocks, finished, notices };
  section in = section::none;
  std::string key;         // the root member being read
  std::string notices_of;  // the notices member being read
  std::size_t element = 0; // index in the current section

  struct too_deep {};

  // nlohmann's parser callback: false drops what was just parsed from the tree.
  bool on(int depth, json::parse_event_t event, json &parsed) {
    using ev = json::parse_event_t;
    if (depth > static_cast<int>(limits::json_depth)) throw too_deep{};
    if (depth == 1) {
      if (event == ev::key) key = parsed.get<std::string>();
      if (event == ev::array_start || event == ev::object_start) {
        in = event == ev::object_start  ? (key == "notices" ? section::notices : section::none)
             : key == "cases"           ? section::cases
             : key == "clocks"          ? section::clocks
             : key == "finished_clocks" ? section::finished
                                        : section::none;
        element = 0;
      }
      if (event == ev::array_end || event == ev::object_end) in = section::none;
      return true;
    }
    if (depth != 2 || in == section::none) return true;
    if (in == section::notices && event == ev::key) {
      notices_of = parsed.get<std::string>();
      return true;
    }
    const bool element_done = event == ev::value || event == ev::object_end || event == ev::array_end;
    if (!element_done) return true;
    take(parsed);
    ++element;
    return false;
  }

  void take(const json &j) {
    switch (in) {
    case section::cases:
      if (cases_problem) return;
      if (auto c = restore_json(j); c)
        cases.push_back(std::move(*c));
      else
        cases_problem = error{errc::parse_error, fmt::format("snapshot: /cases/{}: {}", element, c.error().message)};
      return;
    case section::clocks:
      if (clocks_problem) return;
      if (auto c = deadline_clock_from_json(j, fmt::format("snapshot: /clocks/{}", element)); c)
        clocks.push_back(std::move(*c));
      else
        clocks_problem = c.error();
      return;
    case section::finished:
      if (finished_problem) return;
      if (auto f = finished_from_json(j, fmt::format("/finished_clocks/{}", element)); f)
        finished.push_back(std::move(*f));
      else
        finished_problem = f.error();
      return;
    case section::notices: {
      if (notices_problem) return;
      if (!j.is_array()) {
        notices_problem = bad_snapshot(fmt::format("/notices/{}", notices_of), "is not an array").err;
        return;
      }
      std::vector<notice> kept;
      kept.reserve(j.size());
      for (std::size_t i = 0; i < j.size(); ++i) {
        auto n = notice_from_json(j[i], fmt::format("snapshot: /notices/{}/{}", notices_of, i));
        if (!n) {
          notices_problem = n.error();
          return;
        }
        kept.push_back(std::move(*n));
      }
      notices.emplace_back(notices_of, std::move(kept));
      return;
    }
    case section::none: return;
    }
  }
};

// Parses `source` (text or stream), taking the large sections out as it goes; what is left is small.
result<json> parse_snapshot(std::variant<std::string_view, std::istream *> source, streamed_sections &taken) {
  if (const auto *text = std::get_if<std::string_view>(&source)) {
    // A snapshot is as long as its book, but no deeper than its format.
    if (auto problem = json_shape_problem(*text, text->size()))
      return fail(errc::parse_error, fmt::format("snapshot: the text {}", *problem));
  }
  const json::parser_callback_t callback = [&](int depth, json::parse_event_t event, json &parsed) {
    return taken.on(depth, event, parsed);
  };
  json j;
  try {
    if (auto *const *in = std::get_if<std::istream *>(&source))
      j = json::parse(**in, callback, false);
    else
      j = json::parse(std::get<std::string_view>(source), callback, false);
  } catch (const streamed_sections::too_deep &) {
    return fail(errc::parse_error, fmt::format("snapshot: the text nests deeper than {} levels", limits::json_depth));
  }
  if (j.is_discarded() || !j.is_object()) return fail(errc::parse_error, "snapshot: not a JSON object");
  return j;
}

} // namespace

result<case_book> case_book::restore_into(std::variant<std::string_view, std::istream *> source, deadline_policy policy,
                                          std::optional<org_chart> chart, category_list categories) {
  streamed_sections taken;
  auto parsed = parse_snapshot(source, taken);
  if (!parsed) return failure{parsed.error()};
  const json &j = *parsed;
  const auto format = j.find("format");
  if (format == j.end() || *format != snapshot_format)
    return fail(errc::parse_error, fmt::format("snapshot: /format: expected {}", snapshot_format));

  auto calendar_text = member(j, "calendar", &json::is_string, "a string");
  if (!calendar_text) return failure{calendar_text.error()};
  auto calendar = work_calendar::parse((*calendar_text)->get<std::string>(), "snapshot: /calendar");
  if (!calendar) return failure{calendar.error()};
  case_book book = chart ? case_book(std::move(policy), std::move(*calendar), std::move(*chart), std::move(categories))
                         : case_book(std::move(policy), std::move(*calendar), std::move(categories));
  state &s = *book.s_;

  auto sequence = member(j, "sequence", &json::is_number_unsigned, "a sequence number");
  if (!sequence) return failure{sequence.error()};
  s.sequence = (*sequence)->get<std::uint64_t>();
  auto digest = member(j, "last_record", &json::is_string, "a record fingerprint");
  if (!digest) return failure{digest.error()};
  const std::string digest_text = (*digest)->get<std::string>();
  const auto [end, ec] = std::from_chars(digest_text.data(), digest_text.data() + digest_text.size(), s.digest, 16);
  if (ec != std::errc{} || end != digest_text.data() + digest_text.size() || digest_text.size() != 16)
    return failure{bad_snapshot("/last_record", "is not a record fingerprint (16 hex digits)")};

  auto cases = member(j, "cases", &json::is_array, "an array");
  if (!cases) return failure{cases.error()};
  if (taken.cases_problem) return failure{*taken.cases_problem};
  for (auto &c : taken.cases)
    s.add_case(std::move(c));
  taken.cases = {};

  auto clocks = member(j, "clocks", &json::is_array, "an array");
  if (!clocks) return failure{clocks.error()};
  if (taken.clocks_problem) return failure{*taken.clocks_problem};
  for (std::size_t i = 0; i < taken.clocks.size(); ++i) {
    deadline_clock &c = taken.clocks[i];
    s.by_due.insert({c.due(), c.key()});
    if (auto added = s.clocks.add(std::move(c)); !added)
      return fail(added.error().code, fmt::format("snapshot: /clocks/{}: {}", i, added.error().message));
  }
  taken.clocks = {};
  auto last_tick = member(j, "last_tick", &json::is_string, "a date or \"\"");
  if (!last_tick) return failure{last_tick.error()};
  if (!(*last_tick)->get<std::string>().empty()) {
    auto d = day_of(j, "last_tick", "");
    if (!d) return failure{d.error()};
    s.clocks.restore_last_tick(*d);
  }

  auto finished = member(j, "finished_clocks", &json::is_array, "an array");
  if (!finished) return failure{finished.error()};
  if (taken.finished_problem) return failure{*taken.finished_problem};
  for (const auto &f : taken.finished)
    s.finished.put(f);
  taken.finished = {};

  auto notices = member(j, "notices", &json::is_object, "an object");
  if (!notices) return failure{notices.error()};
  if (taken.notices_problem) return failure{*taken.notices_problem};
  for (auto &[id, list] : taken.notices) {
    auto &kept = s.notices[id];
    kept.insert(kept.end(), std::make_move_iterator(list.begin()), std::make_move_iterator(list.end()));
  }
  taken.notices = {};

  auto tracks = member(j, "escalations", &json::is_object, "an object");
  if (!tracks) return failure{tracks.error()};
  for (const auto &[id_text, track_json] : (*tracks)->items()) {
    auto id = case_id::parse(id_text);
    if (!id) return failure{bad_snapshot(fmt::format("/escalations/{}", id_text), id.error().message)};
    auto track = escalation_track_from_json(track_json, fmt::format("snapshot: /escalations/{}", id_text));
    if (!track) return failure{track.error()};
    s.tracks.emplace(std::move(*id), std::move(*track));
  }
  auto escalation_notices = member(j, "escalation_notices", &json::is_object, "an object");
  if (!escalation_notices) return failure{escalation_notices.error()};
  for (const auto &[id, list] : (*escalation_notices)->items()) {
    if (!list.is_array()) return failure{bad_snapshot(fmt::format("/escalation_notices/{}", id), "is not an array")};
    auto &kept = s.escalation_notices[id];
    for (std::size_t i = 0; i < list.size(); ++i) {
      try {
        kept.push_back(list[i].get<escalation_notice>());
      } catch (const std::exception &e) {
        return failure{bad_snapshot(fmt::format("/escalation_notices/{}/{}", id, i), e.what())};
      }
    }
  }

  auto children = member(j, "children", &json::is_object, "an object");
  if (!children) return failure{children.error()};
  for (const auto &[parent_text, list] : (*children)->items()) {
    auto parent = case_id::parse(parent_text);
    if (!parent || !list.is_array())
      return failure{bad_snapshot(fmt::format("/children/{}", parent_text), "is not a case's children")};
    auto &ids = s.children_of[*parent];
    for (std::size_t i = 0; i < list.size(); ++i) {
      auto child = child_item_from_json(list[i], fmt::format("snapshot: /children/{}/{}", parent_text, i));
      if (!child) return failure{child.error()};
      ids.push_back(child->id);
      const std::string child_id = child->id;
      s.children.emplace(child_id, std::move(*child));
    }
  }
  return book;
}

} // namespace caseflow
