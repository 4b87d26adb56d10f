// policy_json: a deadline_policy as a nlohmann-json value, for hosts that keep the policy inside a
// larger JSON configuration of their own.
//
// Kept apart from policy.hpp so that code which only reads a policy does not pull in the JSON
// library; most hosts need only load_policy / parse_policy / to_json_text from policy.hpp. Ordered
// JSON is used so that a written policy keeps the key order of the documented file format.
#pragma once

#include <caseflow/policy.hpp>

#include <nlohmann/json_fwd.hpp>

#include <string_view>

namespace caseflow {

/// The policy in the file format of policy.hpp, keys in the documented order.
nlohmann::ordered_json to_json(const deadline_policy &policy);

/// Reads and validates a policy from an already parsed JSON value; `source_name` names it in errors.
/// Same checks and errors as parse_policy, apart from JSON syntax.
result<deadline_policy> policy_from_json(const nlohmann::ordered_json &value, std::string_view source_name);

} // namespace caseflow
