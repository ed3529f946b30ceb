#include "eval/PercentileValues.h"

#include <algorithm>
#include <limits>

namespace slac::eval {

void PercentileValues::add(const Value& value) {
  if (value.inexact)
    doubles_.push_back(value.number);
  else if (value.exact.denominator() == 1 &&
           value.exact.numerator() >= std::numeric_limits<std::int64_t>::min() &&
           value.exact.numerator() <= std::numeric_limits<std::int64_t>::max())
    integers_.push_back(static_cast<std::int64_t>(value.exact.numerator()));
  else
    rationals_.push_back(value.exact);
}

Value PercentileValues::nearestRank(const ast::Decimal& percent) const {
  std::size_t count = size();
  Rational position =
      Rational::ofDecimal(percent) * Rational(static_cast<Int128>(count)) / Rational(100);
  auto rank = static_cast<std::size_t>(std::clamp<Int128>(position.ceil(), 1, count));
  // One kind of value (the usual case): select in place.
  if (integers_.size() == count) {
    std::nth_element(integers_.begin(), integers_.begin() + rank - 1, integers_.end());
    return Value::of(Rational(integers_[rank - 1]));
  }
  if (doubles_.size() == count) {
    std::nth_element(doubles_.begin(), doubles_.begin() + rank - 1, doubles_.end());
    return Value::ofDouble(doubles_[rank - 1]);
  }
  // Mixed exact kinds compare as rationals; doubles compare as doubles.
  std::vector<Value> all;
  for (std::int64_t integer : integers_)
    all.push_back(Value::of(Rational(integer)));
  for (const Rational& rational : rationals_)
    all.push_back(Value::of(rational));
  for (double number : doubles_)
    all.push_back(Value::ofDouble(number));
  std::nth_element(all.begin(), all.begin() + rank - 1, all.end(),
                   [](const Value& a, const Value& b) {
                     return a.toDouble() == b.toDouble() && !a.inexact && !b.inexact
                                ? a.exact < b.exact
                                : a.toDouble() < b.toDouble();
                   });
  return all[rank - 1];
}

} // namespace slac::eval
