// digest: the hash functions a journal's chain can use (journal.hpp), from OpenSSL's libcrypto.
//
// SM3 (GB/T 32905-2016) is the hash Chinese government systems are asked to use and the default;
// SHA-256 (FIPS 180-4) is the alternative. Both give 32 bytes, written as 64 lower-case hex digits.
#pragma once

#include <caseflow/error.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace caseflow {

enum class hash_algorithm : std::uint8_t { sm3, sha256 };

/// "sm3" or "sha256".
std::string_view to_string(hash_algorithm a) noexcept;
/// The algorithm a name gives ("sm3", "sha256"); errc::parse_error naming the text otherwise.
result<hash_algorithm> parse_hash_algorithm(std::string_view name);

/// The digest of `bytes` as lower-case hex. errc::io_error if libcrypto cannot provide the algorithm.
result<std::string> digest_hex(hash_algorithm a, std::string_view bytes);

} // namespace caseflow
