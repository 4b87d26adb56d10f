#include <caseflow/digest.hpp>

#include <fmt/format.h>
#include <openssl/evp.h>

#include <array>
#include <memory>

namespace caseflow {

namespace {

struct algorithm_row {
  hash_algorithm algorithm;
  std::string_view name;
  const EVP_MD *(*md)();
};
constexpr algorithm_row algorithms[] = {{hash_algorithm::sm3, "sm3", &EVP_sm3}, {hash_algorithm::sha256, "sha256", &EVP_sha256}};

const algorithm_row &row_of(hash_algorithm a) noexcept {
  for (const auto &row : algorithms)
    if (row.algorithm == a) return row;
  return algorithms[0];
}

} // namespace

std::string_view to_string(hash_algorithm a) noexcept { return row_of(a).name; }

result<hash_algorithm> parse_hash_algorithm(std::string_view name) {
  for (const auto &row : algorithms)
    if (row.name == name) return row.algorithm;
  return fail(errc::parse_error, fmt::format("unknown hash '{}': expected 'sm3' or 'sha256'", name));
}

result<std::string> digest_hex(hash_algorithm a, std::string_view bytes) {
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int size = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), row_of(a).md(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size()) != 1 || EVP_DigestFinal_ex(ctx.get(), out.data(), &size) != 1)
    return fail(errc::io_error, fmt::format("libcrypto cannot compute {}", to_string(a)));
  std::string hex;
  hex.reserve(static_cast<std::size_t>(size) * 2);
  for (unsigned int i = 0; i < size; ++i)
    hex += fmt::format("{:02x}", out[i]);
  return hex;
}

} // namespace caseflow
