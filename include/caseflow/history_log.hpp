// A case's history, kept compact: a provincial book holds millions of accepted events, and the same
// few texts (the senders, the units, a reason) recur in every entry of one case.
//
// Each entry is a fixed 48-byte row of the event's scalar fields and offsets into one text buffer per
// case, in which every distinct text is stored once. Reading gives history_entry values (workflow.hpp),
// so the log reads like a std::vector<history_entry>: size, [], front, back, iteration, equality.
#pragma once

#include <boost/date_time/gregorian/greg_date.hpp>
#include <boost/date_time/posix_time/ptime.hpp>

#include <compare>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace caseflow {

struct history_entry;

class history_log {
public:
  /// Iterates the entries, each read as a history_entry value.
  class const_iterator {
  public:
    using iterator_concept = std::random_access_iterator_tag;
    using iterator_category = std::input_iterator_tag; // entries are values, not references into the log
    using value_type = history_entry;
    using reference = history_entry;
    using difference_type = std::ptrdiff_t;

    const_iterator() = default;
    history_entry operator*() const;
    history_entry operator[](difference_type n) const;
    const_iterator &operator++() { return ++i_, *this; }
    const_iterator operator++(int) {
      auto t = *this;
      ++i_;
      return t;
    }
    const_iterator &operator--() { return --i_, *this; }
    const_iterator operator--(int) {
      auto t = *this;
      --i_;
      return t;
    }
    const_iterator &operator+=(difference_type n) { return i_ += n, *this; }
    const_iterator &operator-=(difference_type n) { return i_ -= n, *this; }
    friend const_iterator operator+(const_iterator a, difference_type n) { return a += n; }
    friend const_iterator operator+(difference_type n, const_iterator a) { return a += n; }
    friend const_iterator operator-(const_iterator a, difference_type n) { return a -= n; }
    friend difference_type operator-(const const_iterator &a, const const_iterator &b) { return a.i_ - b.i_; }
    friend bool operator==(const const_iterator &a, const const_iterator &b) { return a.i_ == b.i_; }
    friend auto operator<=>(const const_iterator &a, const const_iterator &b) { return a.i_ <=> b.i_; }

  private:
    friend class history_log;
    const_iterator(const history_log *log, difference_type i) : log_(log), i_(i) {}
    const history_log *log_ = nullptr;
    difference_type i_ = 0;
  };
  using value_type = history_entry;
  using size_type = std::size_t;
  using iterator = const_iterator;
  using const_reverse_iterator = std::reverse_iterator<const_iterator>;

  history_log() = default;
  history_log(std::initializer_list<history_entry> entries);

  std::size_t size() const noexcept { return rows_.size(); }
  bool empty() const noexcept { return rows_.empty(); }
  history_entry operator[](std::size_t i) const;
  /// As [], or std::out_of_range past the end.
  history_entry at(std::size_t i) const;
  history_entry front() const;
  history_entry back() const;
  const_iterator begin() const noexcept { return {this, 0}; }
  const_iterator end() const noexcept { return {this, static_cast<std::ptrdiff_t>(rows_.size())}; }
  const_reverse_iterator rbegin() const noexcept; // defined where history_entry is complete
  const_reverse_iterator rend() const noexcept;

  /// Reads of one field without building the entry: what the rules ask of the history on every event.
  boost::posix_time::ptime time_at(std::size_t i) const noexcept { return rows_[i].at; }
  std::uint8_t type_code(std::size_t i) const noexcept { return rows_[i].type; }
  bool leader_led(std::size_t i) const noexcept { return rows_[i].leader_led != 0; }
  std::uint8_t sender_role_code(std::size_t i) const noexcept { return rows_[i].by_role; }
  /// The sender's id, a view into the log (valid while the log is unchanged).
  std::string_view sender_id(std::size_t i) const noexcept { return text(rows_[i].by_id); }

  /// Appends an entry; on an exception the log is as it was.
  void push_back(const history_entry &entry);
  /// The same, the entry made of `args` (history_entry's members: the event, the state after).
  template <class... Args> void emplace_back(Args &&...args) { push_back(history_entry{std::forward<Args>(args)...}); }
  /// Removes the last entry (its texts stay in the buffer, where the next entry may use them again).
  void pop_back() noexcept { rows_.pop_back(); }
  void clear() noexcept;
  void reserve(std::size_t n) { rows_.reserve(n); }
  std::size_t capacity() const noexcept { return rows_.capacity(); }
  void shrink_to_fit();
  /// The bytes the log holds on the heap (its rows and its texts).
  std::size_t heap_bytes() const noexcept;

  /// Equal entries in the same order (however the texts are laid out).
  friend bool operator==(const history_log &a, const history_log &b) noexcept;

private:
  // Texts are offsets into text_ (0: the empty text); enums are their underlying values.
  struct row {
    boost::posix_time::ptime at;
    boost::gregorian::date until;
    std::uint32_t by_id, unit, new_unit, reason, units, lead_session, lead_item;
    std::uint8_t type, after, by_role, result_class, rating, decision, leader_led;
  };
  std::uint32_t intern(std::string_view text);
  std::string_view text(std::uint32_t offset) const noexcept;
  static bool same(const history_log &a, const row &x, const history_log &b, const row &y) noexcept;

  std::vector<row> rows_;
  std::string text_; // each distinct text once: its length (LEB128), then its bytes
};

} // namespace caseflow
