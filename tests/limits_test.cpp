// limits.hpp: UTF-8, control characters and lengths by kind of text, and the shape of JSON text
// checked before it is parsed.
#include <caseflow/limits.hpp>

#include <gtest/gtest.h>

#include <string>

namespace cf = caseflow;

TEST(limits, utf8_is_told_from_what_only_looks_like_it) {
  EXPECT_TRUE(cf::is_utf8(""));
  EXPECT_TRUE(cf::is_utf8("关于优化虹桥枢纽公交接驳的建议"));
  EXPECT_TRUE(cf::is_utf8("\xF0\x9F\x98\x80"));  // U+1F600
  EXPECT_FALSE(cf::is_utf8("\xE9t\xE9"));        // Latin-1
  EXPECT_FALSE(cf::is_utf8("\xC0\xAF"));         // overlong '/'
  EXPECT_FALSE(cf::is_utf8("\xED\xA0\x80"));     // a UTF-16 surrogate
  EXPECT_FALSE(cf::is_utf8("\xF4\x90\x80\x80")); // past U+10FFFF
  EXPECT_FALSE(cf::is_utf8("\xE5\x85"));         // cut short
}

TEST(limits, each_kind_of_text_has_its_length_and_control_characters) {
  EXPECT_EQ(cf::text_problem("\xE9t\xE9", cf::text_kind::title), "is not valid UTF-8 (byte 0)");
  EXPECT_EQ(cf::text_problem(std::string("a\0b", 3), cf::text_kind::title), "holds control character U+0000 (byte 1)");
  EXPECT_EQ(cf::text_problem("a\tb\nc", cf::text_kind::title), std::nullopt);
  EXPECT_EQ(cf::text_problem("a\tb", cf::text_kind::id), "holds control character U+0009 (byte 1)");
  EXPECT_EQ(cf::text_problem("a\r\nb", cf::text_kind::name), "holds control character U+000D (byte 1)");
  EXPECT_EQ(cf::text_problem("a\r\nb", cf::text_kind::free_text), std::nullopt);
  EXPECT_EQ(cf::text_problem("\xC2\x85", cf::text_kind::free_text), "holds control character U+0085 (byte 0)"); // C1 NEL
  EXPECT_EQ(cf::text_problem(std::string(cf::limits::title_bytes, 'x'), cf::text_kind::title), std::nullopt);
  EXPECT_EQ(cf::text_problem(std::string(cf::limits::title_bytes + 1, 'x'), cf::text_kind::title),
            "is 1025 bytes, more than limits::title_bytes (1024)");
  EXPECT_EQ(cf::text_problem(std::string(cf::limits::id_bytes + 1, 'x'), cf::text_kind::id),
            "is 257 bytes, more than limits::id_bytes (256)");
  EXPECT_EQ(cf::text_problem(std::string(cf::limits::text_bytes + 1, 'x'), cf::text_kind::free_text),
            "is 65537 bytes, more than limits::text_bytes (65536)");
}

TEST(limits, json_nesting_is_counted_outside_strings_before_parsing) {
  EXPECT_EQ(cf::json_shape_problem(R"({"a":[[{"b":"[[[[[[[[[[[[[[[[[[[["}]]]})"), std::nullopt);
  EXPECT_EQ(cf::json_shape_problem(R"({"a":"\"[[[[","b":[]})", 100, 2), std::nullopt);
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_EQ(cf::json_shape_problem(deep), "nests arrays and objects deeper than limits::json_depth (64)");
  const std::string at_limit = std::string(cf::limits::json_depth, '[') + std::string(cf::limits::json_depth, ']');
  EXPECT_EQ(cf::json_shape_problem(at_limit), std::nullopt);
  EXPECT_EQ(cf::json_shape_problem(std::string(11, ' '), 10), "is 11 bytes, more than limits::line_bytes (10)");
}
