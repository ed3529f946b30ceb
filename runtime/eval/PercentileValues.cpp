#include "eval/PercentileValues.h"

#include <algorithm>

namespace slac::eval {

void PercentileValues::add(const Value& value) {
  if (value.exact.fitsInt64())
    integers_.push_back(static_cast<std::int64_t>(value.exact.numerator()));
  else
    rationals_.push_back(value.exact);
}

Value PercentileValues::nearestRank(const values::Decimal& percent) const {
  std::size_t count = size();
  Rational position =
      Rational::ofDecimal(percent) * Rational(static_cast<Int128>(count)) / Rational(100);
  auto rank = static_cast<std::size_t>(std::clamp<Int128>(position.ceil(), 1, count));
  // One kind of value (the usual case): select in place.
  if (integers_.size() == count) {
    std::nth_element(integers_.begin(), integers_.begin() + rank - 1, integers_.end());
    return Value::of(Rational(integers_[rank - 1]));
  }
  std::vector<Rational> all(rationals_);
  for (std::int64_t integer : integers_)
    all.push_back(Rational(integer));
  std::nth_element(all.begin(), all.begin() + rank - 1, all.end());
  return Value::of(all[rank - 1]);
}

void PercentileValues::merge(const PercentileValues& other) {
  integers_.insert(integers_.end(), other.integers_.begin(), other.integers_.end());
  rationals_.insert(rationals_.end(), other.rationals_.begin(), other.rationals_.end());
}

} // namespace slac::eval
