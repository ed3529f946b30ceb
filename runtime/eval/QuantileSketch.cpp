#include "eval/QuantileSketch.h"

#include <cmath>

namespace slac::eval {

namespace {

const double kGamma =
    (1 + QuantileSketch::kRelativeAccuracy) / (1 - QuantileSketch::kRelativeAccuracy);
const double kLogGamma = std::log(kGamma);

int bucketOf(double magnitude) {
  return static_cast<int>(std::ceil(std::log(magnitude) / kLogGamma));
}

double representative(int bucket) {
  return 2 * std::pow(kGamma, bucket) / (kGamma + 1);
}

} // namespace

void QuantileSketch::add(double value) {
  ++count_;
  if (value > 0)
    ++positive_[bucketOf(value)];
  else if (value < 0)
    ++negative_[bucketOf(-value)];
  else
    ++zeros_;
}

double QuantileSketch::valueAtRank(std::int64_t rank) const {
  std::int64_t seen = 0;
  // Ascending: the most negative values first, then zeros, then positives.
  for (auto bucket = negative_.rbegin(); bucket != negative_.rend(); ++bucket)
    if ((seen += bucket->second) >= rank)
      return -representative(bucket->first);
  if ((seen += zeros_) >= rank)
    return 0;
  for (const auto& [bucket, count] : positive_)
    if ((seen += count) >= rank)
      return representative(bucket);
  return positive_.empty() ? 0 : representative(positive_.rbegin()->first);
}

void QuantileSketch::merge(const QuantileSketch& other) {
  for (const auto& [bucket, count] : other.positive_)
    positive_[bucket] += count;
  for (const auto& [bucket, count] : other.negative_)
    negative_[bucket] += count;
  zeros_ += other.zeros_;
  count_ += other.count_;
}

} // namespace slac::eval
