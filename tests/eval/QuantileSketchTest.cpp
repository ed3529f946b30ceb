// `percentile approx`: within 1 % of the exact nearest rank, with a number of
// buckets that does not grow with the number of values.
#include "eval/QuantileSketch.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <random>
#include <vector>

namespace slac::testing {
namespace {

TEST(QuantileSketchTest, EveryRankIsWithinTheRelativeAccuracy) {
  std::mt19937_64 random(11);
  // Latencies from 1 µs to ~3 hours, log-uniform, with zeros and negatives.
  std::uniform_real_distribution<double> exponent(0, 10);
  eval::QuantileSketch sketch;
  std::vector<double> values;
  for (int i = 0; i < 200'000; ++i) {
    double value = std::floor(std::pow(10.0, exponent(random)));
    if (i % 1000 == 0)
      value = 0;
    if (i % 777 == 0)
      value = -value;
    values.push_back(value);
    sketch.add(value);
  }
  std::sort(values.begin(), values.end());
  for (std::int64_t rank : {1L, 2L, 1000L, 100'000L, 190'000L, 199'999L, 200'000L}) {
    double exact = values[static_cast<std::size_t>(rank - 1)];
    double approximate = sketch.valueAtRank(rank);
    EXPECT_LE(std::abs(approximate - exact),
              eval::QuantileSketch::kRelativeAccuracy * std::abs(exact) + 1e-9)
        << "rank " << rank << ": " << approximate << " vs " << exact;
  }
  // ln(1e10) / ln(1.0202) is about 1,150 buckets per sign.
  EXPECT_LT(sketch.bucketCount(), 2'400u);
  std::size_t buckets = sketch.bucketCount();
  for (int i = 0; i < 200'000; ++i)
    sketch.add(values[static_cast<std::size_t>(i)]);
  EXPECT_EQ(sketch.bucketCount(), buckets);
}

} // namespace
} // namespace slac::testing
