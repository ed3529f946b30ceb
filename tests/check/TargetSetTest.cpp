// Met-sets of objectives: exact subset decisions at and around the target.
#include "check/TargetSet.h"

#include <gtest/gtest.h>
#include <limits>

namespace slac::check {
namespace {

using ast::BinaryOp;

using Kind = ExactValue::Kind;

ExactValue decimal(Kind kind, std::int64_t units, std::uint8_t scale, std::string currency = {}) {
  return ExactValue::ofDecimal(kind, {units, scale}, std::move(currency));
}

TargetSet percent(BinaryOp op, std::int64_t units, std::uint8_t scale) {
  return {op, decimal(Kind::Percent, units, scale)};
}

TEST(TargetSetTest, WrittenDigitsDoNotMatter) {
  EXPECT_TRUE(percent(BinaryOp::Ge, 9995, 2).isSubsetOf(percent(BinaryOp::Ge, 99950, 3)));
  EXPECT_TRUE(percent(BinaryOp::Ge, 99950, 3).isSubsetOf(percent(BinaryOp::Ge, 9995, 2)));
}

TEST(TargetSetTest, LowerBoundsCompareTargetsAndStrictness) {
  EXPECT_TRUE(percent(BinaryOp::Ge, 98, 0).isSubsetOf(percent(BinaryOp::Ge, 95, 0)));
  EXPECT_FALSE(percent(BinaryOp::Ge, 95, 0).isSubsetOf(percent(BinaryOp::Ge, 98, 0)));
  EXPECT_TRUE(percent(BinaryOp::Gt, 95, 0).isSubsetOf(percent(BinaryOp::Ge, 95, 0)));
  EXPECT_FALSE(percent(BinaryOp::Ge, 95, 0).isSubsetOf(percent(BinaryOp::Gt, 95, 0)));
  EXPECT_TRUE(percent(BinaryOp::Ge, 9501, 2).isSubsetOf(percent(BinaryOp::Gt, 95, 0)));
}

TEST(TargetSetTest, UpperBoundsMirrorLowerBounds) {
  EXPECT_TRUE(percent(BinaryOp::Lt, 5, 0).isSubsetOf(percent(BinaryOp::Le, 5, 0)));
  EXPECT_FALSE(percent(BinaryOp::Le, 5, 0).isSubsetOf(percent(BinaryOp::Lt, 5, 0)));
  EXPECT_TRUE(percent(BinaryOp::Le, 4, 0).isSubsetOf(percent(BinaryOp::Lt, 5, 0)));
}

TEST(TargetSetTest, OppositeDirectionsNeverNest) {
  EXPECT_FALSE(percent(BinaryOp::Le, 50, 0).isSubsetOf(percent(BinaryOp::Ge, 10, 0)));
  EXPECT_FALSE(percent(BinaryOp::Ge, 10, 0).isSubsetOf(percent(BinaryOp::Le, 50, 0)));
}

TEST(TargetSetTest, PointsAndPuncturedLines) {
  EXPECT_TRUE(percent(BinaryOp::Eq, 99, 0).isSubsetOf(percent(BinaryOp::Ge, 95, 0)));
  EXPECT_FALSE(percent(BinaryOp::Eq, 94, 0).isSubsetOf(percent(BinaryOp::Ge, 95, 0)));
  EXPECT_FALSE(percent(BinaryOp::Ge, 95, 0).isSubsetOf(percent(BinaryOp::Eq, 95, 0)));
  EXPECT_TRUE(percent(BinaryOp::Gt, 95, 0).isSubsetOf(percent(BinaryOp::Ne, 95, 0)));
  EXPECT_FALSE(percent(BinaryOp::Ge, 95, 0).isSubsetOf(percent(BinaryOp::Ne, 95, 0)));
  EXPECT_TRUE(percent(BinaryOp::Ne, 95, 0).isSubsetOf(percent(BinaryOp::Ne, 9500, 2)));
  EXPECT_FALSE(percent(BinaryOp::Ne, 95, 0).isSubsetOf(percent(BinaryOp::Ge, 0, 0)));
}

TEST(TargetSetTest, IntersectionsMeetAtInclusiveBoundsOnly) {
  EXPECT_TRUE(percent(BinaryOp::Ge, 99, 0).intersects(percent(BinaryOp::Le, 99, 0)));
  EXPECT_FALSE(percent(BinaryOp::Ge, 99, 0).intersects(percent(BinaryOp::Lt, 99, 0)));
  EXPECT_FALSE(percent(BinaryOp::Gt, 99, 0).intersects(percent(BinaryOp::Le, 99, 0)));
  EXPECT_TRUE(percent(BinaryOp::Le, 995, 1).intersects(percent(BinaryOp::Gt, 99, 0)));
  EXPECT_FALSE(percent(BinaryOp::Le, 98, 0).intersects(percent(BinaryOp::Gt, 99, 0)));
  EXPECT_TRUE(percent(BinaryOp::Ge, 10, 0).intersects(percent(BinaryOp::Gt, 90, 0)));
  EXPECT_TRUE(percent(BinaryOp::Ne, 50, 0).intersects(percent(BinaryOp::Ne, 50, 0)));
  EXPECT_FALSE(percent(BinaryOp::Ne, 50, 0).intersects(percent(BinaryOp::Eq, 50, 0)));
  EXPECT_TRUE(percent(BinaryOp::Eq, 50, 0).intersects(percent(BinaryOp::Ge, 500, 1)));
}

TEST(TargetSetTest, OnlyLikeIsComparedWithLike) {
  ExactValue hours = ExactValue::ofWhole(Kind::Duration, 3'600'000'000);
  ExactValue euros = decimal(Kind::Money, 100, 0, "EUR");
  ExactValue dollars = decimal(Kind::Money, 100, 0, "USD");
  EXPECT_FALSE(hours.comparableWith(euros));
  EXPECT_FALSE(euros.comparableWith(dollars));
  EXPECT_TRUE(euros.comparableWith(euros));
}

// The midpoints and neighbours the tier checks print (E0508, E0509): as
// many decimals as the value needs, and never fewer than it was written with.
TEST(ExactValueTest, MidpointsPrintTheDigitsTheyNeed) {
  EXPECT_EQ(midpoint(decimal(Kind::Percent, 990, 1), decimal(Kind::Percent, 999, 1)).toString(),
            "99.45%"); // one decimal more than either end
  EXPECT_EQ(midpoint(decimal(Kind::Percent, 99, 0), decimal(Kind::Percent, 999, 1)).toString(),
            "99.45%");
  EXPECT_EQ(midpoint(decimal(Kind::Percent, 9910, 2), decimal(Kind::Percent, 9930, 2)).toString(),
            "99.20%"); // the written trailing zero stays
  EXPECT_EQ(midpoint(decimal(Kind::Percent, 98, 0), decimal(Kind::Percent, 100, 0)).toString(),
            "99%");
  // Halving again needs one more each time; the ends are printed as written.
  ExactValue low = decimal(Kind::Number, 1, 0);
  ExactValue high = decimal(Kind::Number, 2, 0);
  ExactValue quarter = midpoint(low, midpoint(low, high));
  EXPECT_EQ(quarter.toString(), "1.25");
  EXPECT_EQ(midpoint(low, quarter).toString(), "1.125");
  EXPECT_EQ(
      midpoint(decimal(Kind::Money, 1, 2, "EUR"), decimal(Kind::Money, 2, 2, "EUR")).toString(),
      "0.015 EUR");
  // Durations in microseconds: a whole midpoint as a duration, half a
  // microsecond as a number of them.
  EXPECT_EQ(midpoint(ExactValue::ofWhole(Kind::Duration, 1'000'000),
                     ExactValue::ofWhole(Kind::Duration, 2'000'000))
                .toString(),
            "1s500ms");
  EXPECT_EQ(midpoint(ExactValue::ofWhole(Kind::Duration, 1), ExactValue::ofWhole(Kind::Duration, 2))
                .toString(),
            "1.5us");
  EXPECT_EQ(shiftedByOne(decimal(Kind::Percent, 990, 1), -1).toString(), "98.0%");
  EXPECT_EQ(shiftedByOne(ExactValue::ofWhole(Kind::Duration, 4 * 3'600'000'000LL), 1).toString(),
            "4h1us");
}

// The extremes of a literal: 18 decimals, and 19 digits before the point.
// Midpoints and sums of them stay exact, and printed in full.
TEST(ExactValueTest, ExtremeLiteralsStayExact) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  ExactValue huge = decimal(Kind::Number, kMax, 0);
  ExactValue tiny = decimal(Kind::Number, 1, 18);
  EXPECT_EQ(midpoint(huge, tiny).toString(), "4611686018427387903.5000000000000000005");
  EXPECT_EQ((huge + huge).toString(), "18446744073709551614");
  EXPECT_EQ(shiftedByOne(huge, 1).toString(), "9223372036854775808");
  EXPECT_EQ(shiftedByOne(ExactValue::ofWhole(Kind::Duration, kMax), 1).toString(),
            "9223372036854775808us");
}

// Values a 128-bit decimal of units and a scale held but could not compare:
// rescaling 2^100 to 30 decimals overflowed. As rationals they order, and
// the sets they bound nest, exactly.
TEST(ExactValueTest, ComparesWhereRescalingOverflowed) {
  const ast::Int128 big = ast::Int128{1} << 100;
  ast::Int128 tenTo30 = 1;
  for (int i = 0; i < 30; ++i)
    tenTo30 *= 10;
  ExactValue large{Kind::Number, values::Rational(big), {}, 0};
  ExactValue justAbove{Kind::Number, values::Rational(big * 1000 + 1, 1000), {}, 3};
  ExactValue small{Kind::Number, values::Rational(1, tenTo30), {}, 30};
  EXPECT_LT(small.number, large.number);
  EXPECT_LT(large.number, justAbove.number);
  EXPECT_TRUE((TargetSet{BinaryOp::Ge, justAbove}.isSubsetOf(TargetSet{BinaryOp::Gt, large})));
  EXPECT_FALSE((TargetSet{BinaryOp::Ge, large}.isSubsetOf(TargetSet{BinaryOp::Gt, large})));
  EXPECT_TRUE((TargetSet{BinaryOp::Ge, large}.isSubsetOf(TargetSet{BinaryOp::Gt, small})));
  EXPECT_FALSE((TargetSet{BinaryOp::Le, small}.intersects(TargetSet{BinaryOp::Ge, large})));
  EXPECT_EQ(midpoint(small, ExactValue{Kind::Number, values::Rational(0), {}, 0}).toString(),
            "0.0000000000000000000000000000005");
}

} // namespace
} // namespace slac::check
