#include <caseflow/error.hpp>

#include <gtest/gtest.h>

namespace cf = caseflow;

namespace {
cf::result<int> half(int n) {
  if (n % 2 != 0) return cf::fail(cf::errc::invalid_argument, "odd: " + std::to_string(n));
  return n / 2;
}
} // namespace

TEST(result, holds_a_value_or_an_error) {
  auto good = half(8);
  ASSERT_TRUE(good);
  EXPECT_EQ(*good, 4);
  auto bad = half(3);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error(), (cf::error{cf::errc::invalid_argument, "odd: 3"}));
  EXPECT_EQ(bad.value_or(-1), -1);
}

TEST(result, unchecked_value_throws_the_library_exception_with_the_error) {
  auto bad = half(5);
  try {
    (void)bad.value();
    FAIL() << "value() on an error must throw";
  } catch (const cf::exception &e) {
    EXPECT_EQ(e.code(), cf::errc::invalid_argument);
    EXPECT_STREQ(e.what(), "odd: 5");
  }
  EXPECT_THROW((void)half(4).error(), cf::exception);
}

TEST(result, custom_error_types) {
  struct rejection {
    std::string why;
  };
  auto r = cf::result<int, rejection>::from_error(rejection{"no"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().why, "no");
  EXPECT_THROW((void)r.value(), cf::exception);
}

TEST(errc, names_are_stable) {
  EXPECT_EQ(cf::to_string(cf::errc::not_permitted), "not_permitted");
  EXPECT_EQ(cf::to_string(cf::errc::out_of_range), "out_of_range");
}
