#pragma once

// The values an exact `percentile` keeps for one window and group: every
// one, so memory grows with the records (docs/evaluation.md). Stored as
// compactly as exactness allows: 8 bytes for an integral value (durations,
// instants, ints: the common case), 32 for any other exact rational (a
// percent or a number with a fraction).

#include "eval/Value.h"

#include <vector>

namespace slac::eval {

class PercentileValues {
public:
  void add(const Value& value);
  // Adds every value of `other`.
  void merge(const PercentileValues& other);
  std::size_t size() const { return integers_.size() + rationals_.size(); }
  // The value at nearest rank ceil(p/100 × N), N > 0. Sorts on first use.
  Value nearestRank(const values::Decimal& percent) const;

private:
  mutable std::vector<std::int64_t> integers_;
  mutable std::vector<Rational> rationals_;
};

} // namespace slac::eval
