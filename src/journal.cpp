#include <caseflow/journal.hpp>

#include <caseflow/limits.hpp>

#include <fmt/format.h>

#include <functional>
#include <limits>

#include <algorithm>
#include <charconv>
#include <optional>

namespace caseflow {

namespace {

using json = nlohmann::json;

constexpr std::string_view hash_key = ",\"hash\":\"";

// One line, parsed: its records and, for format 2, its link in the chain.
struct parsed_line {
  std::uint64_t sequence = 0;
  int version = 0;
  std::vector<journal_record> records;
  std::string prev, hash;
};

failure bad(std::string_view where, std::string_view what) { return fail(errc::parse_error, fmt::format("{}: {}", where, what)); }

result<journal_record> record_of(const json &j, std::string_view where) {
  const auto type = j.find("type");
  if (type == j.end() || !type->is_string() || type->get_ref<const std::string &>().empty())
    return bad(where, "record has no 'type'");
  const auto data = j.find("data");
  if (data == j.end()) return bad(where, "record has no 'data'");
  return journal_record{0, type->get<std::string>(), *data, 0, 0, false};
}

status<> only_fields(const json &j, std::initializer_list<std::string_view> known, std::string_view where) {
  for (const auto &[key, _] : j.items())
    if (std::find(known.begin(), known.end(), key) == known.end()) return bad(where, fmt::format("unknown field '{}'", key));
  return ok;
}

result<parsed_line> parse_line(std::string_view line, std::string_view where) {
  // Before parsing: a deeply nested record would overflow the stack of whatever walks it later.
  if (line.size() > limits::journal_line_bytes)
    return bad(where, fmt::format("the line is {} bytes, more than limits::journal_line_bytes ({})", line.size(),
                                  limits::journal_line_bytes));
  if (auto problem = json_shape_problem(line, line.size())) return bad(where, fmt::format("the line {}", *problem));
  const auto j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return bad(where, "not a JSON record");
  if (!j.is_object()) return bad(where, "a record must be a JSON object");
  const auto v = j.find("v");
  if (v == j.end() || !v->is_number_integer()) return bad(where, "record has no format version 'v'");
  if (!v->is_number_unsigned() || (v->get<std::uint64_t>() != 1 && v->get<std::uint64_t>() != 2))
    return bad(where, fmt::format("format version {} is not supported (this build reads versions 1 and 2)", v->dump()));
  const auto seq = j.find("seq");
  if (seq == j.end() || !seq->is_number_unsigned()) return bad(where, "record has no sequence number 'seq'");
  parsed_line out;
  out.sequence = seq->get<std::uint64_t>();
  out.version = static_cast<int>(v->get<std::uint64_t>());
  if (out.version == 1) {
    if (auto r = only_fields(j, {"v", "seq", "type", "data"}, where); !r) return failure{r.error()};
    auto record = record_of(j, where);
    if (!record) return failure{record.error()};
    out.records.push_back(std::move(*record));
  } else {
    if (auto r = only_fields(j, {"v", "seq", "prev", "records", "hash"}, where); !r) return failure{r.error()};
    const auto prev = j.find("prev");
    const auto hash = j.find("hash");
    if (prev == j.end() || !prev->is_string()) return bad(where, "unit has no chain link 'prev'");
    if (hash == j.end() || !hash->is_string()) return bad(where, "unit has no 'hash'");
    out.prev = prev->get<std::string>();
    out.hash = hash->get<std::string>();
    const auto records = j.find("records");
    if (records == j.end() || !records->is_array() || records->empty()) return bad(where, "unit has no 'records'");
    for (const auto &r : *records) {
      if (!r.is_object()) return bad(where, "a record must be a JSON object");
      if (auto known = only_fields(r, {"type", "data"}, where); !known) return failure{known.error()};
      auto record = record_of(r, where);
      if (!record) return failure{record.error()};
      out.records.push_back(std::move(*record));
    }
  }
  for (auto &r : out.records) {
    r.sequence = out.sequence;
    r.version = out.version;
  }
  out.records.back().ends_unit = true;
  return out;
}

// The hash a unit's line must carry: its bytes up to `,"hash":` digested with the algorithm it names.
status<> check_hash(std::string_view line, const std::string &stated, std::string_view where) {
  const auto colon = stated.find(':');
  auto algorithm = parse_hash_algorithm(std::string_view(stated).substr(0, colon == std::string::npos ? 0 : colon));
  if (!algorithm) return bad(where, fmt::format("hash '{}' does not name its algorithm (sm3: or sha256:)", stated));
  const auto at = line.rfind(hash_key);
  if (at == std::string_view::npos) return bad(where, "unit has no 'hash'");
  auto actual = digest_hex(*algorithm, line.substr(0, at));
  if (!actual) return failure{actual.error()};
  if (stated.substr(colon + 1) != *actual)
    return fail(errc::conflict,
                fmt::format("{}: the hash chain breaks here: the line does not match its hash (was it edited?)", where));
  return ok;
}

// The sequence number of a line without parsing the JSON; empty if not found. Format 2 writes it
// second; format 1 (keys sorted) last.
std::optional<std::uint64_t> quick_sequence(std::string_view line) {
  constexpr std::string_view v2_start = "{\"v\":2,\"seq\":";
  std::size_t at = 0;
  if (line.starts_with(v2_start)) {
    at = v2_start.size();
  } else {
    const auto key = line.rfind("\"seq\":");
    if (key == std::string_view::npos) return std::nullopt;
    at = key + 6;
  }
  std::uint64_t n = 0;
  const char *begin = line.data() + at;
  const auto [end, ec] = std::from_chars(begin, line.data() + line.size(), n);
  if (ec != std::errc{} || end == begin) return std::nullopt;
  return n;
}

// The hash a format-2 line states, without parsing it ("" for format 1).
std::string quick_hash(std::string_view line) {
  const auto at = line.rfind(hash_key);
  if (!line.starts_with("{\"v\":2,") || at == std::string_view::npos || !line.ends_with("\"}")) return {};
  return std::string(line.substr(at + hash_key.size(), line.size() - 2 - at - hash_key.size()));
}

} // namespace

result<std::uint64_t> journal_writer::append_unit(std::span<const journal_entry> records) {
  if (records.empty()) return fail(errc::invalid_argument, fmt::format("{}: a unit needs at least one record", store_->name()));
  json list = json::array();
  for (const auto &r : records)
    list.push_back({{"type", r.type}, {"data", r.data}});
  std::string line;
  try {
    line = fmt::format("{{\"v\":{},\"seq\":{},\"prev\":{},\"records\":{}", journal_format_version, next_, json(head_).dump(),
                       list.dump());
  } catch (const json::type_error &) {
    return fail(errc::invalid_argument,
                fmt::format("{}: a record holds text that is not valid UTF-8; nothing was written", store_->name()));
  }
  auto digest = digest_hex(hash_, line);
  if (!digest) return failure{digest.error()};
  std::string hash = fmt::format("{}:{}", to_string(hash_), *digest);
  line += fmt::format("{}{}\"}}", hash_key, hash);
  // What a reader refuses is never written: a journal must always read back.
  if (line.size() > limits::journal_line_bytes)
    return fail(
        errc::invalid_argument,
        fmt::format("{}: the unit would be a line of {} bytes, more than limits::journal_line_bytes ({}) lets a journal "
                    "read back; nothing was written (a tick over many days with many notices: tick the days one at a time)",
                    store_->name(), line.size(), limits::journal_line_bytes));
  if (auto r = store_->append_if(line, next_ - 1); !r) return failure{r.error()};
  head_ = std::move(hash);
  return next_++;
}

result<std::uint64_t> journal_writer::append(std::string_view type, const nlohmann::json &data) {
  const journal_entry one{std::string(type), data};
  return append_unit(std::span(&one, 1));
}

result<std::vector<journal_record>> parse_journal_line(std::string_view line, std::string_view where) {
  auto parsed = parse_line(line, where);
  if (!parsed) return failure{parsed.error()};
  return std::move(parsed->records);
}

result<journal_contents> read_journal(const event_store &store, std::uint64_t after_sequence) {
  std::vector<journal_record> all;
  auto out = read_journal_in_runs(
      store, after_sequence, std::numeric_limits<std::size_t>::max(), [&](std::vector<journal_record> &records) -> status<> {
        if (all.empty())
          all = std::move(records);
        else
          all.insert(all.end(), std::make_move_iterator(records.begin()), std::make_move_iterator(records.end()));
        return ok;
      });
  if (out) out->records = std::move(all);
  return out;
}

result<journal_contents> read_journal_in_runs(const event_store &store, std::uint64_t after_sequence, std::size_t run_lines,
                                              const std::function<status<>(std::vector<journal_record> &)> &on_records) {
  run_lines = std::max<std::size_t>(run_lines, 1);
  journal_contents out;
  std::vector<journal_record> pending; // records not yet handed on: a run ends with a whole format-2 unit
  std::uint64_t expected = 0;
  bool chained = false; // a format-2 unit came before: format 1 may not follow
  // The unit the caller holds last is read too: its hash is the link of the next one.
  std::uint64_t first = std::max<std::uint64_t>(after_sequence, 1);
  for (bool first_run = true;; first_run = false) {
    auto raw = store.read_from(first, run_lines);
    if (!raw) return failure{raw.error()};
    if (first_run) {
      expected = raw->first_line;
      if (raw->lines.empty() && expected > 1) {
        // Nothing at or after the unit asked for: the journal ends before it (the caller reports that).
        auto held = store.size();
        if (!held) return failure{held.error()};
        out.last_sequence = std::min<std::uint64_t>(*held, expected - 1);
        out.torn = std::move(raw->torn);
        return out;
      }
      out.last_sequence = expected - 1;
    }
    bool ends_whole = true; // the run's last line is a unit whose records all came with it
    for (std::size_t i = 0; i < raw->lines.size(); ++i) {
      const std::string_view line = raw->lines[i];
      const std::size_t line_number = raw->first_line + i;
      // A line a snapshot covers is not returned: its sequence number (and its hash, for the link of the
      // next line) is all that is taken.
      if (expected <= after_sequence) {
        if (const auto seq = quick_sequence(line); seq && *seq == expected) {
          out.head = quick_hash(line);
          chained = chained || !out.head.empty();
          out.last_sequence = expected++;
          continue;
        }
      }
      const std::string where = fmt::format("{}:{}", store.name(), line_number);
      auto parsed = parse_line(line, where);
      if (!parsed) return failure{parsed.error()};
      if (parsed->sequence != expected)
        return fail(errc::parse_error,
                    fmt::format("{}: sequence number {} where {} was expected (a line is missing, repeated or out of order)",
                                where, parsed->sequence, expected));
      if (parsed->version == 1 && chained)
        return fail(errc::conflict, fmt::format("{}: a format-1 line after format-2 units (was it inserted?)", where));
      if (parsed->version == 2) {
        // The first line of a read that starts inside the journal links to a unit not read here.
        const bool linked_to_unread = first_run && i == 0 && raw->first_line > 1;
        if (!linked_to_unread && parsed->prev != out.head)
          return fail(errc::conflict, fmt::format("{}: the hash chain breaks here: 'prev' is not the hash of the unit before "
                                                  "(a line was removed, replaced or reordered)",
                                                  where));
        if (auto h = check_hash(line, parsed->hash, where); !h) return failure{h.error()};
        chained = true;
      }
      // What a format-1 record caused is on the lines after it: such lines are handed on together.
      ends_whole = parsed->version == 2;
      out.head = parsed->hash;
      ++expected;
      out.last_sequence = parsed->sequence;
      if (parsed->sequence > after_sequence)
        for (auto &r : parsed->records) {
          r.line = line_number;
          pending.push_back(std::move(r));
        }
    }
    const bool at_end = raw->lines.size() < run_lines;
    if ((at_end || ends_whole) && !pending.empty()) {
      if (auto taken = on_records(pending); !taken) return failure{taken.error()};
      pending.clear();
    }
    if (at_end) {
      out.torn = std::move(raw->torn);
      return out;
    }
    first = raw->first_line + raw->lines.size();
  }
}

result<journal_verdict> verify_journal(const event_store &store) {
  auto contents = read_journal(store);
  if (!contents) return failure{contents.error()};
  if (contents->torn)
    return fail(errc::parse_error, fmt::format("{}:{}: the last line is torn (a write was cut short); casectl repair cuts it",
                                               store.name(), contents->torn->line_number));
  journal_verdict v;
  v.units = contents->last_sequence;
  for (const auto &r : contents->records)
    if (r.ends_unit && r.version == 2) ++v.chained;
  v.head = contents->head;
  return v;
}

} // namespace caseflow
