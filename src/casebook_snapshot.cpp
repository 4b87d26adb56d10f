// case_book::snapshot and restore: the whole state of a book as canonical JSON, and back.
//
// A snapshot holds what the book knows, field by field (clocks included, through clock_json.hpp), so
// restore() gives the same book without applying any record again; resume() then applies only the
// journal records written after the snapshot's sequence number. Indexes (by unit, by state, by due date)
// are not written: they are rebuilt from the cases and clocks.
#include "casebook_state.hpp"

#include <caseflow/limits.hpp>
#include <caseflow/workflow.hpp>

#include <charconv>
#include <mutex>

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

std::string case_book::snapshot() const {
  std::shared_lock lock(*mutex_);
  json cases = json::array();
  for (const auto &[_, c] : s_->cases)
    cases.push_back(snapshot_json(c));
  json clocks = json::array();
  for (const auto &[_, c] : s_->clocks.clocks())
    clocks.push_back(caseflow::to_json(c));
  json finished = json::array();
  s_->finished.each([&](const finished_clock &f) { finished.push_back(to_json(f)); });
  json notices = json::object();
  for (const auto &[id, list] : s_->notices) {
    json arr = json::array();
    for (const auto &n : list)
      arr.push_back(caseflow::to_json(n));
    notices[id] = std::move(arr);
  }
  json escalations = json::object();
  for (const auto &[id, track] : s_->tracks)
    caseflow::to_json(escalations[id.to_string()], track);
  json escalation_notices = json::object();
  for (const auto &[id, list] : s_->escalation_notices) {
    json arr = json::array();
    for (const auto &n : list)
      caseflow::to_json(arr.emplace_back(), n);
    escalation_notices[id] = std::move(arr);
  }
  const auto last = s_->clocks.last_tick();
  // Children by parent, in the order passed down (the order roll-ups list them in).
  json children = json::object();
  for (const auto &[parent, ids] : s_->children_of) {
    json arr = json::array();
    for (const auto &id : ids)
      arr.push_back(s_->children.at(id));
    children[parent.to_string()] = std::move(arr);
  }
  return json{{"format", snapshot_format},
              {"sequence", s_->sequence},
              {"last_record", fmt::format("{:016x}", s_->digest)},
              {"calendar", calendar_.to_text()},
              {"cases", std::move(cases)},
              {"children", std::move(children)},
              {"escalations", std::move(escalations)},
              {"escalation_notices", std::move(escalation_notices)},
              {"clocks", std::move(clocks)},
              {"finished_clocks", std::move(finished)},
              {"notices", std::move(notices)},
              {"last_tick", last ? to_string(*last) : std::string()}}
      .dump();
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

result<case_book> case_book::restore_into(std::string_view snapshot, deadline_policy policy, std::optional<org_chart> chart,
                                          category_list categories) {
  // A snapshot is as long as its book, but no deeper than its format.
  if (auto problem = json_shape_problem(snapshot, snapshot.size()))
    return fail(errc::parse_error, fmt::format("snapshot: the text {}", *problem));
  const json j = json::parse(snapshot, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return fail(errc::parse_error, "snapshot: not a JSON object");
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
  for (std::size_t i = 0; i < (*cases)->size(); ++i) {
    auto c = restore_json((**cases)[i]);
    if (!c) return fail(errc::parse_error, fmt::format("snapshot: /cases/{}: {}", i, c.error().message));
    s.index(*c);
    const case_id id = c->info.id;
    s.cases.emplace(id, std::move(*c));
  }

  auto clocks = member(j, "clocks", &json::is_array, "an array");
  if (!clocks) return failure{clocks.error()};
  for (std::size_t i = 0; i < (*clocks)->size(); ++i) {
    auto c = deadline_clock_from_json((**clocks)[i], fmt::format("snapshot: /clocks/{}", i));
    if (!c) return failure{c.error()};
    s.by_due.insert({c->due(), c->key()});
    if (auto added = s.clocks.add(std::move(*c)); !added)
      return fail(added.error().code, fmt::format("snapshot: /clocks/{}: {}", i, added.error().message));
  }
  auto last_tick = member(j, "last_tick", &json::is_string, "a date or \"\"");
  if (!last_tick) return failure{last_tick.error()};
  if (!(*last_tick)->get<std::string>().empty()) {
    auto d = day_of(j, "last_tick", "");
    if (!d) return failure{d.error()};
    s.clocks.restore_last_tick(*d);
  }

  auto finished = member(j, "finished_clocks", &json::is_array, "an array");
  if (!finished) return failure{finished.error()};
  for (std::size_t i = 0; i < (*finished)->size(); ++i) {
    auto f = finished_from_json((**finished)[i], fmt::format("/finished_clocks/{}", i));
    if (!f) return failure{f.error()};
    s.finished.put(*f);
  }

  auto notices = member(j, "notices", &json::is_object, "an object");
  if (!notices) return failure{notices.error()};
  for (const auto &[id, list] : (*notices)->items()) {
    if (!list.is_array()) return failure{bad_snapshot(fmt::format("/notices/{}", id), "is not an array")};
    auto &kept = s.notices[id];
    for (std::size_t i = 0; i < list.size(); ++i) {
      auto n = notice_from_json(list[i], fmt::format("snapshot: /notices/{}/{}", id, i));
      if (!n) return failure{n.error()};
      kept.push_back(std::move(*n));
    }
  }

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
