#include <caseflow/history_log.hpp>
#include <caseflow/workflow.hpp>

#include <limits>
#include <stdexcept>

namespace caseflow {

namespace {

template <class E> constexpr std::uint8_t code(E e) noexcept { return static_cast<std::uint8_t>(e); }

void put_length(std::string &out, std::size_t n) {
  do {
    const auto low = static_cast<unsigned char>(n & 0x7FU);
    n >>= 7U;
    out.push_back(static_cast<char>(n ? low | 0x80U : low));
  } while (n);
}

// The units of an assign event as one text: per unit its role, its id's length and its id.
std::string units_text(const std::vector<unit_assignment_spec> &units) {
  std::string out;
  for (const auto &u : units) {
    out.push_back(static_cast<char>(code(u.role)));
    put_length(out, u.unit.size());
    out += u.unit;
  }
  return out;
}

std::size_t get_length(std::string_view in, std::size_t &at) noexcept {
  std::size_t n = 0;
  for (unsigned shift = 0; at < in.size(); shift += 7) {
    const auto byte = static_cast<unsigned char>(in[at++]);
    n |= static_cast<std::size_t>(byte & 0x7FU) << shift;
    if (!(byte & 0x80U)) break;
  }
  return n;
}

std::vector<unit_assignment_spec> units_of(std::string_view text) {
  std::vector<unit_assignment_spec> out;
  for (std::size_t at = 0; at < text.size();) {
    unit_assignment_spec u;
    u.role = static_cast<assignment_role>(text[at++]);
    const std::size_t n = get_length(text, at);
    u.unit.assign(text.substr(at, n));
    at += n;
    out.push_back(std::move(u));
  }
  return out;
}

} // namespace

history_entry history_log::const_iterator::operator*() const { return (*log_)[static_cast<std::size_t>(i_)]; }
history_entry history_log::const_iterator::operator[](difference_type n) const {
  return (*log_)[static_cast<std::size_t>(i_ + n)];
}

history_log::history_log(std::initializer_list<history_entry> entries) {
  rows_.reserve(entries.size());
  for (const auto &e : entries)
    push_back(e);
}

std::uint32_t history_log::intern(std::string_view s) {
  if (s.empty()) return 0;
  if (text_.empty()) text_.push_back('\0'); // offset 0 stays the empty text
  for (std::size_t at = 1; at < text_.size();) {
    const std::size_t start = at;
    const std::size_t n = get_length(text_, at);
    if (std::string_view(text_).substr(at, n) == s) return static_cast<std::uint32_t>(start);
    at += n;
  }
  if (text_.size() + s.size() + 10 > std::numeric_limits<std::uint32_t>::max())
    throw std::length_error("history_log: a case's texts exceed 4 GiB");
  const auto start = static_cast<std::uint32_t>(text_.size());
  put_length(text_, s.size());
  text_ += s;
  return start;
}

std::string_view history_log::text(std::uint32_t offset) const noexcept {
  if (offset == 0) return {};
  std::size_t at = offset;
  const std::size_t n = get_length(text_, at);
  return std::string_view(text_).substr(at, n);
}

void history_log::push_back(const history_entry &entry) {
  const event &e = entry.event;
  const std::size_t text_size = text_.size();
  try {
    row r{};
    r.at = e.at;
    r.until = e.until;
    r.by_id = intern(e.by.id);
    r.unit = intern(e.unit);
    r.new_unit = intern(e.new_unit);
    r.reason = intern(e.reason);
    r.units = e.units.empty() ? 0 : intern(units_text(e.units));
    r.lead_session = intern(e.lead_item.session);
    r.lead_item = intern(e.lead_item.item);
    r.type = code(e.type);
    r.after = code(entry.after);
    r.by_role = code(e.by.role);
    r.result_class = code(e.result_class);
    r.rating = code(e.rating);
    r.decision = code(e.decision);
    r.leader_led = e.leader_led ? 1 : 0;
    rows_.push_back(r);
  } catch (...) {
    text_.resize(text_size);
    throw;
  }
}

history_entry history_log::operator[](std::size_t i) const {
  const row &r = rows_[i];
  history_entry h;
  event &e = h.event;
  e.type = static_cast<event_type>(r.type);
  e.by = actor{static_cast<actor_role>(r.by_role), std::string(text(r.by_id))};
  e.at = r.at;
  e.unit = text(r.unit);
  e.new_unit = text(r.new_unit);
  if (r.units) e.units = units_of(text(r.units));
  e.reason = text(r.reason);
  e.result_class = static_cast<reply_class>(r.result_class);
  e.rating = static_cast<satisfaction>(r.rating);
  e.decision = static_cast<disclosure>(r.decision);
  e.leader_led = r.leader_led != 0;
  e.until = r.until;
  e.lead_item = case_id{std::string(text(r.lead_session)), std::string(text(r.lead_item))};
  h.after = static_cast<case_state>(r.after);
  return h;
}

history_log::const_reverse_iterator history_log::rbegin() const noexcept { return const_reverse_iterator(end()); }
history_log::const_reverse_iterator history_log::rend() const noexcept { return const_reverse_iterator(begin()); }

history_entry history_log::at(std::size_t i) const {
  if (i >= rows_.size()) throw std::out_of_range("history_log::at: no entry " + std::to_string(i));
  return (*this)[i];
}

history_entry history_log::front() const { return (*this)[0]; }
history_entry history_log::back() const { return (*this)[rows_.size() - 1]; }

void history_log::clear() noexcept {
  rows_.clear();
  text_.clear();
}

std::size_t history_log::heap_bytes() const noexcept {
  static_assert(sizeof(row) == 48, "a row is the 48 bytes the header promises");
  const std::size_t text = text_.capacity() > std::string().capacity() ? text_.capacity() + 1 : 0;
  return rows_.capacity() * sizeof(row) + text;
}

void history_log::shrink_to_fit() {
  rows_.shrink_to_fit();
  text_.shrink_to_fit();
}

bool history_log::same(const history_log &a, const row &x, const history_log &b, const row &y) noexcept {
  return x.at == y.at && x.until == y.until && x.type == y.type && x.after == y.after && x.by_role == y.by_role &&
         x.result_class == y.result_class && x.rating == y.rating && x.decision == y.decision && x.leader_led == y.leader_led &&
         a.text(x.by_id) == b.text(y.by_id) && a.text(x.unit) == b.text(y.unit) && a.text(x.new_unit) == b.text(y.new_unit) &&
         a.text(x.reason) == b.text(y.reason) && a.text(x.units) == b.text(y.units) &&
         a.text(x.lead_session) == b.text(y.lead_session) && a.text(x.lead_item) == b.text(y.lead_item);
}

bool operator==(const history_log &a, const history_log &b) noexcept {
  if (a.rows_.size() != b.rows_.size()) return false;
  for (std::size_t i = 0; i < a.rows_.size(); ++i)
    if (!history_log::same(a, a.rows_[i], b, b.rows_[i])) return false;
  return true;
}

} // namespace caseflow
