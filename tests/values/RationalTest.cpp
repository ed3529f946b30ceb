// Exact arithmetic and the half-to-even rounding used only when a report is
// rendered.
#include "values/Rational.h"

#include <gtest/gtest.h>
#include <limits>

namespace slac::testing {
namespace {

using values::Int128;
using values::Rational;

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

TEST(RationalTest, CountsTheDecimalsOfATerminatingExpansion) {
  EXPECT_EQ(Rational(7).decimalPlaces(), 0);
  EXPECT_EQ(Rational::ofDecimal({9950, 2}).decimalPlaces(), 1); // 99.50 is 99.5
  EXPECT_EQ(Rational(1, 8).decimalPlaces(), 3);                 // 0.125
  EXPECT_EQ(Rational(-3, 40).decimalPlaces(), 3);               // -0.075: 2^3 outweighs 5
  EXPECT_EQ(Rational(1, 3).decimalPlaces(), std::nullopt);
  EXPECT_EQ(Rational(1, 30).decimalPlaces(), std::nullopt);
  EXPECT_EQ(Rational::overflowed().decimalPlaces(), std::nullopt);
  // 2^-100 needs 100 decimals, beyond a Decimal's 18 and exact all the same.
  const Rational tiny(1, Int128{1} << 100);
  EXPECT_EQ(tiny.decimalPlaces(), 100);
  EXPECT_EQ(tiny.toDecimalString(100).substr(0, 34), "0.00000000000000000000000000000078");
  EXPECT_EQ(tiny.toDecimalString(100).back(), '5');
}

TEST(RationalTest, OverflowIsAStateNotAWrappedNumber) {
  const Int128 big = static_cast<Int128>(std::numeric_limits<std::int64_t>::max());
  Rational square = Rational(big) * Rational(big); // 2^126 - 2^64 + 1: fits
  EXPECT_FALSE(square.isOverflow());
  EXPECT_FALSE(square.fitsInt64());
  EXPECT_TRUE((square * Rational(big)).isOverflow());          // ~2^189: the n*n*n
  EXPECT_TRUE((square * Rational(big) - square).isOverflow()); // and it stays overflowed
  EXPECT_TRUE((square + square + square).isOverflow());
  EXPECT_FALSE((square + square).isOverflow()); // 2^127 - 2^65 + 2 still fits
  EXPECT_TRUE(Rational(big).fitsInt64());
  EXPECT_FALSE(Rational(big + 1).fitsInt64());
  EXPECT_FALSE(Rational(1, 2).fitsInt64());
}

TEST(RationalTest, WholeNumbersAddWithoutScalingUpToTheEdges) {
  const Int128 max = std::numeric_limits<Int128>::max();
  EXPECT_EQ(Rational(2) + Rational(-5), Rational(-3));
  EXPECT_EQ((Rational(-3) + Rational(3)).denominator(), 1);
  EXPECT_EQ(Rational(max - 1) + Rational(1), Rational(max));
  EXPECT_TRUE((Rational(max) + Rational(1)).isOverflow());
  // -2^127 has no positive counterpart, and is no Rational's numerator.
  EXPECT_TRUE((Rational(-max) + Rational(-1)).isOverflow());
  // A whole number and a fraction still meet over the common denominator.
  EXPECT_EQ(Rational(1) + Rational(1, 3), Rational(4, 3));
  EXPECT_EQ(Rational(5, 1).denominator(), 1);
  EXPECT_EQ(Rational(1, 7) + Rational(6, 7), Rational(1));
}

TEST(RationalTest, AddedTimesIsTheStepwiseSumEvenWhereOneAdditionOverflows) {
  EXPECT_EQ(addedTimes(Rational(1, 3), 100, 0), Rational(1, 3));
  EXPECT_EQ(addedTimes(Rational(1, 3), 100, 5), Rational(1501, 3));
  // d ≈ 2^120: 100 d fits in 128 bits, 200 d does not. From -100 + 1/d,
  // one addition of 200 overflows; the steps give 1/d, then 100 + 1/d.
  const Int128 d = (Int128{1} << 120) + 1;
  Rational start(-100 * d + 1, d);
  ASSERT_FALSE(start.isOverflow());
  EXPECT_TRUE((start + Rational(200)).isOverflow());
  Rational stepwise = start + Rational(100) + Rational(100);
  ASSERT_FALSE(stepwise.isOverflow());
  EXPECT_EQ(addedTimes(start, 100, 2), stepwise);
  EXPECT_EQ(addedTimes(start, 100, 2), Rational(100 * d + 1, d));
  // Where the steps overflow too, so does the sum; and it stays overflowed.
  EXPECT_TRUE(addedTimes(Rational(100 * d + 1, d), 100, 1).isOverflow());
  EXPECT_TRUE(addedTimes(Rational::overflowed(), 100, 3).isOverflow());
}

TEST(RationalTest, OrdersHugeFractionsExactly) {
  // Cross products of these need ~250 bits.
  const Int128 huge = (static_cast<Int128>(1) << 120) + 1;
  Rational a(huge, huge - 2);
  Rational b(huge + 2, huge);
  // a - 1 = 2 / (h - 2) and b - 1 = 2 / h: a is the larger.
  EXPECT_GT(a, b);
  EXPECT_LT(-a, -b);
  EXPECT_EQ(Rational(huge, huge), Rational(1));
}

TEST(RationalTest, RendersHugeDenominatorsByLongDivision) {
  const Int128 tenTo37 = [] {
    Int128 power = 1;
    for (int i = 0; i < 37; ++i)
      power *= 10;
    return power;
  }();
  // 1.5 x 10^37 / 10^37 = 1.5; x 10 in 128 bits would overflow a naive
  // scaled division.
  EXPECT_EQ(Rational(15 * (tenTo37 / 10), tenTo37).toDecimalString(3), "1.500");
  EXPECT_EQ(Rational(tenTo37 - 1, tenTo37).toDecimalString(2), "1.00");
  EXPECT_EQ(Rational(-(tenTo37 - 1), tenTo37).toDecimalString(4), "-1.0000");
  EXPECT_EQ(Rational(1, 3).toDecimalString(0), "0");
  EXPECT_EQ(Rational(995, 1000).toDecimalString(2), "1.00"); // 0.995: half to even, 0.99|5 -> 1.00
}

} // namespace
} // namespace slac::testing
