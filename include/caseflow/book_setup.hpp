// book_setup: what a case book runs with - its policy, calendar, organisation chart, proposer registry
// and the hash of its journal's chain - recorded as the first unit of the journal (a "setup" record), so that a journal
// always replays with what wrote it and a host needs nothing but the journal to open it again.
//
// The record holds each part's content: the policy in its file format, the calendar as
// work_calendar::to_text() (provisional years included), the chart's and the registry's JSON text as
// they were loaded.
// Each part also has a fingerprint (SM3 of that content), which names it in messages: a host that
// opens the journal with another policy, calendar or chart is told both fingerprints. A later calendar
// is journaled on purpose with case_book::recompute, a later chart with case_book::change_org_chart.
#pragma once

#include <caseflow/calendar.hpp>
#include <caseflow/digest.hpp>
#include <caseflow/error.hpp>
#include <caseflow/event_store.hpp>
#include <caseflow/org.hpp>
#include <caseflow/policy.hpp>
#include <caseflow/registry.hpp>

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace caseflow {

struct book_setup {
  deadline_policy policy;
  work_calendar calendar;
  std::optional<std::string> chart_text; ///< the organisation chart's JSON text; empty: no chart
  hash_algorithm hash = hash_algorithm::sm3;
  /// The proposer registry's JSON text (registry.hpp); empty: none. Written only when there is one, so
  /// that setups without a registry read and write as before.
  std::optional<std::string> registry_text;

  /// The chart the text holds (errc::parse_error and friends as parse_org_chart); empty without one.
  result<std::optional<org_chart>> chart() const;
  /// The registry the text holds (errors as parse_registry); empty without one.
  result<std::optional<caseflow::registry>> registry() const;
};

/// The fingerprints of a setup's parts: "sm3:<hex>", or "-" for no chart.
std::string policy_fingerprint(const deadline_policy &policy);
std::string calendar_fingerprint(const work_calendar &calendar);
std::string chart_fingerprint(const std::optional<std::string> &chart_text);
std::string registry_fingerprint(const std::optional<std::string> &registry_text);

/// The record's data, and back. errc::parse_error naming `where` and the field.
nlohmann::json to_json(const book_setup &setup);
result<book_setup> book_setup_from_json(const nlohmann::json &data, std::string_view where);

/// Writes `setup` as the first unit of an empty store. errc::conflict when the store holds units.
status<> write_setup(event_store &store, const book_setup &setup);
/// The setup a journal starts with; empty for a journal without one (written before setup records).
result<std::optional<book_setup>> read_setup(const event_store &store);

} // namespace caseflow
