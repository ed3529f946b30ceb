#include "eval/Rational.h"

#include <cassert>

namespace slac::eval {

namespace {

Int128 absolute(Int128 value) {
  return value < 0 ? -value : value;
}

Int128 gcd(Int128 a, Int128 b) {
  a = absolute(a);
  b = absolute(b);
  while (b != 0) {
    Int128 rest = a % b;
    a = b;
    b = rest;
  }
  return a;
}

Int128 powerOfTen(int exponent) {
  Int128 power = 1;
  for (int i = 0; i < exponent; ++i)
    power *= 10;
  return power;
}

} // namespace

Rational::Rational(Int128 numerator, Int128 denominator) {
  assert(denominator != 0 && "a rational needs a denominator");
  if (denominator < 0) {
    numerator = -numerator;
    denominator = -denominator;
  }
  Int128 divisor = gcd(numerator, denominator);
  if (divisor > 1) {
    numerator /= divisor;
    denominator /= divisor;
  }
  numerator_ = numerator;
  denominator_ = denominator;
}

Rational Rational::ofDecimal(const ast::Decimal& decimal) {
  return {decimal.units, powerOfTen(decimal.scale)};
}

double Rational::toDouble() const {
  return static_cast<double>(numerator_) / static_cast<double>(denominator_);
}

Int128 Rational::floor() const {
  Int128 quotient = numerator_ / denominator_;
  return numerator_ % denominator_ != 0 && numerator_ < 0 ? quotient - 1 : quotient;
}

Int128 Rational::ceil() const {
  Int128 quotient = numerator_ / denominator_;
  return numerator_ % denominator_ != 0 && numerator_ > 0 ? quotient + 1 : quotient;
}

std::string Rational::toDecimalString(int digits) const {
  Int128 scale = powerOfTen(digits);
  Int128 scaled = numerator_ * scale;
  Int128 quotient = scaled / denominator_;
  Int128 remainder = absolute(scaled % denominator_);
  // Half to even: round away from zero past the half, to the even neighbour
  // exactly at it.
  Int128 twice = remainder * 2;
  if (twice > denominator_ || (twice == denominator_ && quotient % 2 != 0))
    quotient += scaled < 0 ? -1 : 1;
  bool negative = quotient < 0;
  Int128 magnitude = absolute(quotient);
  std::string text = int128ToString(magnitude / scale);
  if (digits > 0) {
    std::string fraction = int128ToString(magnitude % scale);
    text += "." + std::string(static_cast<std::size_t>(digits) - fraction.size(), '0') + fraction;
  }
  return negative ? "-" + text : text;
}

Rational operator+(const Rational& a, const Rational& b) {
  return {a.numerator_ * b.denominator_ + b.numerator_ * a.denominator_,
          a.denominator_ * b.denominator_};
}

Rational operator-(const Rational& a, const Rational& b) {
  return a + -b;
}

Rational operator*(const Rational& a, const Rational& b) {
  return {a.numerator_ * b.numerator_, a.denominator_ * b.denominator_};
}

Rational operator/(const Rational& a, const Rational& b) {
  return {a.numerator_ * b.denominator_, a.denominator_ * b.numerator_};
}

std::strong_ordering operator<=>(const Rational& a, const Rational& b) {
  Int128 left = a.numerator_ * b.denominator_;
  Int128 right = b.numerator_ * a.denominator_;
  return left < right   ? std::strong_ordering::less
         : left > right ? std::strong_ordering::greater
                        : std::strong_ordering::equal;
}

std::string int128ToString(Int128 value) {
  if (value == 0)
    return "0";
  bool negative = value < 0;
  std::string text;
  // Digits from the lowest; negative values are walked as negatives so the
  // smallest Int128 needs no special case.
  while (value != 0) {
    int digit = static_cast<int>(value % 10);
    text.push_back(static_cast<char>('0' + (digit < 0 ? -digit : digit)));
    value /= 10;
  }
  if (negative)
    text.push_back('-');
  return {text.rbegin(), text.rend()};
}

} // namespace slac::eval
