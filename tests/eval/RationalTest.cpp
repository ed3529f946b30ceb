// Exact arithmetic and the half-to-even rounding used only when a report is
// rendered.
#include "eval/Rational.h"

#include <gtest/gtest.h>

namespace slac::testing {
namespace {

using eval::Rational;

TEST(RationalTest, KeepsLowestTermsAndOrdersExactly) {
  EXPECT_EQ(Rational(6, -4), Rational(-3, 2));
  EXPECT_EQ(Rational::ofDecimal({9995, 2}), Rational(1999, 20));
  // 9,995 of 10,000 is exactly 99.95 %: equal, not a float's neighbour.
  EXPECT_EQ(Rational(100 * 9995, 10000), Rational::ofDecimal({9995, 2}));
  EXPECT_LT(Rational(100 * 9994, 10000), Rational::ofDecimal({9995, 2}));
  EXPECT_EQ(Rational(1, 3) + Rational(1, 6), Rational(1, 2));
  EXPECT_EQ(Rational(7, 2).floor(), 3);
  EXPECT_EQ(Rational(-7, 2).floor(), -4);
  EXPECT_EQ(Rational(7, 2).ceil(), 4);
  EXPECT_EQ(Rational(-7, 2).ceil(), -3);
}

TEST(RationalTest, RoundsHalfToEven) {
  EXPECT_EQ(Rational(1, 8).toDecimalString(2), "0.12"); // 0.125 -> even 2
  EXPECT_EQ(Rational(3, 8).toDecimalString(2), "0.38"); // 0.375 -> even 8
  EXPECT_EQ(Rational(-1, 8).toDecimalString(2), "-0.12");
  EXPECT_EQ(Rational(2, 3).toDecimalString(4), "0.6667");
  EXPECT_EQ(Rational(1200).toDecimalString(2), "1200.00");
  EXPECT_EQ(Rational(-1, 1000).toDecimalString(2), "0.00");
  EXPECT_EQ(Rational(5, 2).toDecimalString(0), "2");
  EXPECT_EQ(Rational(7, 2).toDecimalString(0), "4");
}

} // namespace
} // namespace slac::testing
