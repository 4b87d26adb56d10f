// Drives one case through the workflow in tests: builds events at given local times, applies them and
// stops the test with the rejection's message when an event that should pass does not.
#pragma once

#include <caseflow/workflow.hpp>

#include "support/test_policy.hpp"

#include <gtest/gtest.h>

namespace caseflow::testing {

inline timestamp at(int y, int m, int d, int hh = 9, int mm = 0) {
  return timestamp(date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d)),
                   boost::posix_time::hours(hh) + boost::posix_time::minutes(mm));
}

inline case_info sample_info(std::string item = "0581") {
  case_info i;
  i.id = case_id{"16-2", std::move(item)};
  i.kind = case_kind::deputy_suggestion;
  i.category = "城建交通";
  i.proposers = {"张明", {"李华", "王芳"}};
  i.title = "关于优化虹桥枢纽公交接驳的建议";
  return i;
}

inline actor office() { return actor::office("sh-office"); }
inline actor unit(std::string id) { return actor::unit(std::move(id)); }
inline actor actor_proposer() { return actor::proposer_side("张明"); }
inline actor actor_leader() { return actor::supervising_leader("minhang-deputy-head"); }

#ifdef CASEFLOW_TEST_DATA_DIR
/// A case and the context it is stepped in. `pass` applies an event that must be accepted.
struct case_driver {
  deadline_policy policy = shanghai_policy();
  case_record record;

  explicit case_driver(case_info info = sample_info()) : record(open_case(std::move(info)).value()) {}
  step_context context() const { return {policy, national_calendar()}; }

  /// Applies `e`; a rejection fails the test (not fatal, so traces still show).
  bool pass(const event &e) {
    auto r = apply(record, e, context());
    EXPECT_TRUE(r.has_value()) << (r ? std::string() : r.error().message);
    return r.has_value();
  }
  /// Applies `e`, which must be refused; the record must stay as it was. Returns the rejection.
  rejection refuse(const event &e) {
    const case_record before = record;
    auto r = apply(record, e, context());
    EXPECT_FALSE(r.has_value()) << "accepted " << to_string(e.type) << " from " << e.by.describe();
    EXPECT_EQ(record, before) << "a refused event changed the case";
    return r ? rejection{} : r.error();
  }
};
#endif

} // namespace caseflow::testing
