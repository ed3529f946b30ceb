// Met-sets of objectives: exact subset decisions at and around the target.
#include "check/TargetSet.h"

#include <gtest/gtest.h>

namespace slac::check {
namespace {

using ast::BinaryOp;

TargetSet percent(BinaryOp op, std::int64_t units, int scale) {
  return {op, {ExactValue::Kind::Percent, units, scale, {}}};
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
  ExactValue hours{ExactValue::Kind::Duration, 3'600'000'000, 0, {}};
  ExactValue euros{ExactValue::Kind::Money, 100, 0, "EUR"};
  ExactValue dollars{ExactValue::Kind::Money, 100, 0, "USD"};
  EXPECT_FALSE(hours.comparableWith(euros));
  EXPECT_FALSE(euros.comparableWith(dollars));
  EXPECT_TRUE(euros.comparableWith(euros));
}

} // namespace
} // namespace slac::check
