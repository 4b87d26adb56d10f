// The checks behind limits.hpp: UTF-8, control characters, lengths, and the shape of JSON text before
// it is parsed.
#include <caseflow/limits.hpp>

#include <fmt/format.h>

#include <cstdint>

namespace caseflow {

namespace {

struct kind_rule {
  text_kind kind;
  std::size_t max_bytes;
  std::string_view limit_name;
  bool tab_newline; ///< tab and newline allowed
  bool carriage_return;
};
// clang-format off
constexpr kind_rule kind_rules[] = {
  // kind                 bytes                 name                    \t \n  \r
  {text_kind::id,         limits::id_bytes,     "limits::id_bytes",     false, false},
  {text_kind::name,       limits::name_bytes,   "limits::name_bytes",   true,  false},
  {text_kind::title,      limits::title_bytes,  "limits::title_bytes",  true,  false},
  {text_kind::free_text,  limits::text_bytes,   "limits::text_bytes",   true,  true},
};
// clang-format on

const kind_rule &rule_of(text_kind kind) {
  for (const auto &r : kind_rules)
    if (r.kind == kind) return r;
  return kind_rules[0];
}

// Decodes one UTF-8 sequence at `i`; returns its length, or 0 when it is not well-formed.
std::size_t decode(std::string_view s, std::size_t i, std::uint32_t &cp) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t n = 0;
  std::uint32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    n = 2, cp = b0 & 0x1Fu, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    n = 3, cp = b0 & 0x0Fu, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    n = 4, cp = b0 & 0x07u, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3Fu);
  }
  // Overlong forms, UTF-16 surrogates and code points past Unicode are not UTF-8.
  if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0;
  return n;
}

bool is_control(std::uint32_t cp) noexcept { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

} // namespace

bool is_utf8(std::string_view text) noexcept {
  std::uint32_t cp = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = decode(text, i, cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::optional<std::string> text_problem(std::string_view text, text_kind kind) {
  const kind_rule &rule = rule_of(kind);
  // The length first: a 10 MB title is refused without being walked.
  if (text.size() > rule.max_bytes)
    return fmt::format("is {} bytes, more than {} ({})", text.size(), rule.limit_name, rule.max_bytes);
  std::uint32_t cp = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = decode(text, i, cp);
    if (n == 0) return fmt::format("is not valid UTF-8 (byte {})", i);
    const bool allowed = (rule.tab_newline && (cp == '\t' || cp == '\n')) || (rule.carriage_return && cp == '\r');
    if (is_control(cp) && !allowed) return fmt::format("holds control character U+{:04X} (byte {})", cp, i);
    i += n;
  }
  return std::nullopt;
}

std::optional<std::string> first_text_problem(std::span<const named_text> texts) {
  for (const auto &t : texts)
    if (auto problem = text_problem(t.text, t.kind)) return fmt::format("field '{}': {}", t.field, *problem);
  return std::nullopt;
}

std::optional<std::string> first_text_problem(std::initializer_list<named_text> texts) {
  return first_text_problem(std::span<const named_text>(texts.begin(), texts.size()));
}

std::optional<std::string> json_shape_problem(std::string_view json_text, std::size_t max_bytes, std::size_t max_depth) {
  if (json_text.size() > max_bytes)
    return fmt::format("is {} bytes, more than limits::line_bytes ({})", json_text.size(), max_bytes);
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < json_text.size(); ++i) {
    const char c = json_text[i];
    if (in_string) {
      if (c == '\\')
        ++i; // the escaped character cannot end the string
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return fmt::format("nests arrays and objects deeper than limits::json_depth ({})", max_depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

} // namespace caseflow
