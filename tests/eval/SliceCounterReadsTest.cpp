// The exact order of two slices' values (SliceCounterRead::less), which
// min and max of slices fold: multiplied across in 64 bits while every
// part fits in 31, as Rationals otherwise, the same order either way.
#include "eval/SliceCounterReads.h"

#include <gtest/gtest.h>

namespace slac::eval {
namespace {

using Fraction = SliceCounterRead::Fraction;

TEST(SliceCounterReadTest, FractionsCompareExactlyAtAnySize) {
  EXPECT_TRUE(SliceCounterRead::less({100, 3}, {100, 2}));
  EXPECT_FALSE(SliceCounterRead::less({100, 2}, {100, 3}));
  // Equal values, whatever their terms: neither is less.
  EXPECT_FALSE(SliceCounterRead::less({200, 4}, {100, 2}));
  EXPECT_FALSE(SliceCounterRead::less({100, 2}, {200, 4}));
  // The largest parts compared in 64 bits: products near 2^62.
  constexpr Int128 k31 = Int128{1} << 31;
  EXPECT_FALSE(SliceCounterRead::less({k31 - 1, k31 - 1}, {k31 - 2, k31 - 2}));
  EXPECT_TRUE(SliceCounterRead::less({k31 - 2, k31 - 1}, {k31 - 1, k31 - 1}));
  // 1 + 1/(2^39 - 1) < 1 + 1/(2^39 - 2): products near 2^78, which 64
  // bits would wrap.
  constexpr Int128 k39 = Int128{1} << 39;
  EXPECT_TRUE(SliceCounterRead::less({k39, k39 - 1}, {k39 - 1, k39 - 2}));
  EXPECT_FALSE(SliceCounterRead::less({k39 - 1, k39 - 2}, {k39, k39 - 1}));
  // 2^33 against 2^38 / 2^30 = 2^8: a product of 2^63, which 64 bits
  // would wrap to the least number.
  EXPECT_FALSE(SliceCounterRead::less({Int128{1} << 33, 1}, {Int128{1} << 38, Int128{1} << 30}));
  EXPECT_TRUE(SliceCounterRead::less({Int128{1} << 38, Int128{1} << 30}, {Int128{1} << 33, 1}));
  // Past 64 bits, and a negative numerator.
  constexpr Int128 k100 = Int128{1} << 100;
  EXPECT_TRUE(SliceCounterRead::less({1, 1}, {k100 + 1, k100}));
  EXPECT_TRUE(SliceCounterRead::less({-1, 2}, {0, 1}));
  EXPECT_FALSE(SliceCounterRead::less({0, 1}, {-1, 2}));
}

} // namespace
} // namespace slac::eval
