#pragma once

// The exact number of slac: a fraction of 128-bit integers. The checker
// judges targets and tiers with it, and both engines compute every percent,
// duration, count and amount with it, so a value at its target meets it and
// 99.95% is never a float on the wrong side of the boundary (brief §3).
// `Decimal` stays the spelling of a literal (it keeps the written digits);
// this is its value. The denominator is positive and the fraction in lowest
// terms.
//
// Arithmetic never wraps: a result whose numerator or denominator does not
// fit in 128 bits is *overflowed*, and so is everything computed from it.
// The interpreter turns an overflowed value into a data error for the
// record or window that produced it (docs/evaluation.md), so an overflow
// is reported, never shown as a number.

#include "values/Values.h"

#include <compare>
#include <cstdint>
#include <optional>
#include <string>

namespace slac::values {

class Rational {
public:
  Rational() = default;
  // `denominator` must not be zero.
  Rational(Int128 numerator, Int128 denominator = 1);
  static Rational ofDecimal(const Decimal& decimal);
  static Rational overflowed() {
    Rational result;
    result.denominator_ = 0;
    return result;
  }

  bool isOverflow() const { return denominator_ == 0; }
  Int128 numerator() const { return numerator_; }
  Int128 denominator() const { return denominator_; }
  bool isZero() const { return numerator_ == 0 && !isOverflow(); }
  double toDouble() const;
  // The value rounded half to even at `digits` decimals, as a decimal string
  // ("99.9500" with digits 4). Not for overflowed values.
  std::string toDecimalString(int digits) const;
  // The fewest decimals that write the value exactly (2 for 99.25), or
  // nothing when its expansion does not terminate (1/3) or it overflowed.
  std::optional<int> decimalPlaces() const;
  // Rounded towards negative infinity / positive infinity to an integer.
  Int128 floor() const;
  Int128 ceil() const;
  // An integer that fits in 64 bits (int, duration and time values).
  bool fitsInt64() const;

  friend Rational operator+(const Rational& a, const Rational& b);
  friend Rational operator-(const Rational& a, const Rational& b);
  friend Rational operator*(const Rational& a, const Rational& b);
  // b must not be zero.
  friend Rational operator/(const Rational& a, const Rational& b);
  friend Rational operator-(const Rational& a);
  friend bool operator==(const Rational&, const Rational&) = default;
  // Exact for every pair of finite values, without overflow; overflowed
  // values order after every other.
  friend std::strong_ordering operator<=>(const Rational& a, const Rational& b);

private:
  Int128 numerator_ = 0;
  Int128 denominator_ = 1;
};

// sum + whole × times, exactly as `times` additions of the whole number
// `whole` one after the other give it, overflow included (a mean over a
// year of slices adds 100 % for every missing one).
Rational addedTimes(const Rational& sum, Int128 whole, std::int64_t times);

std::string int128ToString(Int128 value);

} // namespace slac::values
