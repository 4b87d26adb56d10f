// Fuzzes the policy loader: any text either fails with an error or gives a policy whose file form
// parses back to an equal policy (policy.hpp promises parse_policy(to_json_text(p)) == p).
#include <caseflow/policy.hpp>

#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace caseflow;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char *>(data), size);
  auto policy = parse_policy(text, "fuzz.json");
  if (!policy) return 0;
  const std::string again_text = to_json_text(*policy);
  auto again = parse_policy(again_text, "again.json");
  fuzz::check(again.has_value(), "to_json_text() of a parsed policy does not parse");
  fuzz::check(*again == *policy, "parse_policy(to_json_text()) differs from the policy");
  fuzz::check(to_json_text(*again) == again_text, "to_json_text() is not stable");
  return 0;
}
