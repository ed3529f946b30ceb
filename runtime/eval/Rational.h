#pragma once

// Exact rational numbers for the reference interpreter: every percent,
// duration, count and amount it computes is exact, so a value at its
// target meets it and 99.95% is never a float on the wrong side of the
// boundary (brief §3). Numerator and denominator are 128-bit; the
// denominator is positive and the fraction in lowest terms.

#include "ast/Values.h"

#include <cstdint>
#include <string>

namespace slac::eval {

using Int128 = ast::Int128;

class Rational {
public:
  Rational() = default;
  Rational(Int128 numerator, Int128 denominator = 1);
  static Rational ofDecimal(const ast::Decimal& decimal);

  Int128 numerator() const { return numerator_; }
  Int128 denominator() const { return denominator_; }
  bool isZero() const { return numerator_ == 0; }
  double toDouble() const;
  // The value rounded half to even at `digits` decimals, as a decimal string
  // ("99.9500" with digits 4).
  std::string toDecimalString(int digits) const;
  // Rounded towards negative infinity / positive infinity to an integer.
  Int128 floor() const;
  Int128 ceil() const;

  friend Rational operator+(const Rational& a, const Rational& b);
  friend Rational operator-(const Rational& a, const Rational& b);
  friend Rational operator*(const Rational& a, const Rational& b);
  // b must not be zero.
  friend Rational operator/(const Rational& a, const Rational& b);
  friend Rational operator-(const Rational& a) { return {-a.numerator_, a.denominator_}; }
  friend bool operator==(const Rational&, const Rational&) = default;
  friend std::strong_ordering operator<=>(const Rational& a, const Rational& b);

private:
  Int128 numerator_ = 0;
  Int128 denominator_ = 1;
};

std::string int128ToString(Int128 value);

} // namespace slac::eval
