#include <caseflow/journal.hpp>

#include <fmt/format.h>

#include <charconv>
#include <optional>

namespace caseflow {

result<std::uint64_t> journal_writer::append(std::string_view type, const nlohmann::json &data) {
  nlohmann::json record = {{"v", journal_format_version}, {"seq", next_}, {"type", type}, {"data", data}};
  if (auto r = store_->append(record.dump()); !r) return failure{r.error()};
  return next_++;
}

result<journal_record> parse_journal_line(std::string_view line, std::string_view where) {
  const auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return fail(errc::parse_error, fmt::format("{}: not a JSON record", where));
  if (!j.is_object()) return fail(errc::parse_error, fmt::format("{}: a record must be a JSON object", where));
  const auto v = j.find("v");
  if (v == j.end() || !v->is_number_integer())
    return fail(errc::parse_error, fmt::format("{}: record has no format version 'v'", where));
  if (v->get<int>() != journal_format_version)
    return fail(errc::parse_error, fmt::format("{}: format version {} is not supported (this build reads version {})", where,
                                               v->get<int>(), journal_format_version));
  const auto seq = j.find("seq");
  if (seq == j.end() || !seq->is_number_unsigned())
    return fail(errc::parse_error, fmt::format("{}: record has no sequence number 'seq'", where));
  const auto type = j.find("type");
  if (type == j.end() || !type->is_string() || type->get_ref<const std::string &>().empty())
    return fail(errc::parse_error, fmt::format("{}: record has no 'type'", where));
  const auto data = j.find("data");
  if (data == j.end()) return fail(errc::parse_error, fmt::format("{}: record has no 'data'", where));
  for (const auto &[key, _] : j.items())
    if (key != "v" && key != "seq" && key != "type" && key != "data")
      return fail(errc::parse_error, fmt::format("{}: unknown field '{}'", where, key));
  return journal_record{seq->get<std::uint64_t>(), type->get<std::string>(), *data, 0};
}

namespace {

// The sequence number of a line as journal_writer writes it ({"data":...,"seq":N,"type":...,"v":1}: the
// keys sorted, so the last "seq": is the record's own), without parsing the JSON; empty if not found.
std::optional<std::uint64_t> quick_sequence(std::string_view line) {
  const auto at = line.rfind("\"seq\":");
  if (at == std::string_view::npos) return std::nullopt;
  std::uint64_t n = 0;
  const char *begin = line.data() + at + 6;
  const auto [end, ec] = std::from_chars(begin, line.data() + line.size(), n);
  if (ec != std::errc{} || end == begin) return std::nullopt;
  return n;
}

} // namespace

result<journal_contents> read_journal(const event_store &store, std::uint64_t after_sequence) {
  auto raw = store.read();
  if (!raw) return failure{raw.error()};
  journal_contents out;
  out.torn = std::move(raw->torn);
  std::uint64_t expected = 1;
  for (std::size_t i = 0; i < raw->lines.size(); ++i) {
    // A line a snapshot covers is not returned: its sequence number is all that is checked.
    if (expected <= after_sequence) {
      if (const auto seq = quick_sequence(raw->lines[i]); seq && *seq == expected) {
        out.last_sequence = expected++;
        continue;
      }
    }
    const std::string where = fmt::format("{}:{}", store.name(), i + 1);
    auto record = parse_journal_line(raw->lines[i], where);
    if (!record) return failure{record.error()};
    if (record->sequence != expected)
      return fail(errc::parse_error,
                  fmt::format("{}: sequence number {} where {} was expected (a line is missing, repeated or out of order)", where,
                              record->sequence, expected));
    ++expected;
    out.last_sequence = record->sequence;
    record->line = i + 1;
    if (record->sequence > after_sequence) out.records.push_back(std::move(*record));
  }
  return out;
}

} // namespace caseflow
