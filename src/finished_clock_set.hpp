// The clocks a book has seen finish, kept compact: a provincial book holds several for every item it
// ever had, so they are grouped by case (the case id once, not in every key) and read back as
// finished_clock values in clock_key order. Not a public header.
#pragma once

#include <caseflow/casebook.hpp>
#include <caseflow/detail/hashed_lookup.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace caseflow {

class finished_clock_set {
public:
  /// Keeps `f`, replacing what was kept for its clock.
  void put(const finished_clock &f) {
    auto found = lookup_.find(by_case_, f.clock.case_id);
    if (found == by_case_.end()) found = lookup_.try_emplace(by_case_, f.clock.case_id).first;
    auto &list = found->second;
    const auto rank = [](const entry &e) { return std::tie(e.unit, e.kind, e.cycle); };
    const auto wanted = std::tie(f.clock.unit_id, f.clock.kind, f.clock.cycle);
    const auto at =
        std::lower_bound(list.begin(), list.end(), wanted, [&](const entry &e, const auto &w) { return rank(e) < w; });
    entry e{f.clock.unit_id, f.clock.kind, f.clock.cycle, f.started, f.due, f.met};
    if (at != list.end() && rank(*at) == wanted) {
      *at = std::move(e);
    } else {
      list.insert(at, std::move(e));
      ++size_;
    }
  }

  std::size_t size() const noexcept { return size_; }

  /// Calls `f` with every finished clock, in clock_key order.
  template <class F> void each(F &&f) const {
    for (const auto &[id, list] : by_case_)
      for (const auto &e : list)
        f(finished_clock{clock_key{id, e.unit, e.kind, e.cycle}, e.started, e.due, e.met});
  }

private:
  struct entry {
    std::string unit;
    clock_kind kind{};
    int cycle = 1;
    date started;
    date due;
    std::optional<stop_record> met;
  };
  using by_case = std::map<std::string, std::vector<entry>, std::less<>>;
  struct text_hash {
    std::size_t operator()(const std::string &text) const noexcept { return std::hash<std::string>{}(text); }
  };
  by_case by_case_;
  detail::hashed_lookup<by_case, text_hash> lookup_; // put finds a case's list by hash
  std::size_t size_ = 0;
};

} // namespace caseflow
