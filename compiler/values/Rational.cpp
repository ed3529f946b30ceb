#include "values/Rational.h"

#include <algorithm>
#include <cassert>
#include <limits>

namespace slac::values {

namespace {

__extension__ using UInt128 = unsigned __int128;

constexpr Int128 kInt128Min = static_cast<Int128>(static_cast<UInt128>(1) << 127);

UInt128 magnitude(Int128 value) {
  return value < 0 ? static_cast<UInt128>(0) - static_cast<UInt128>(value)
                   : static_cast<UInt128>(value);
}

UInt128 gcd(UInt128 a, UInt128 b) {
  // Whole numbers are common (counts, percents): without a 128-bit modulo.
  if (a == 1 || b == 1)
    return 1;
  while (b != 0) {
    UInt128 rest = a % b;
    a = b;
    b = rest;
  }
  return a;
}

// A 256-bit product of two 128-bit magnitudes, for exact comparisons and
// long division where a 128-bit product could overflow.
struct UInt256 {
  UInt128 high = 0;
  UInt128 low = 0;

  friend auto operator<=>(const UInt256&, const UInt256&) = default;
};

UInt256 multiply(UInt128 a, UInt128 b) {
  constexpr UInt128 kLowMask = ~static_cast<std::uint64_t>(0);
  UInt128 a0 = a & kLowMask, a1 = a >> 64;
  UInt128 b0 = b & kLowMask, b1 = b >> 64;
  UInt128 low = a0 * b0;
  UInt128 middle1 = a1 * b0;
  UInt128 middle2 = a0 * b1;
  UInt128 high = a1 * b1;
  UInt128 carry = ((low >> 64) + (middle1 & kLowMask) + (middle2 & kLowMask)) >> 64;
  UInt256 result;
  result.low = low + (middle1 << 64) + (middle2 << 64);
  result.high = high + (middle1 >> 64) + (middle2 >> 64) + carry;
  return result;
}

// `numerator / denominator` in lowest terms with a positive denominator,
// both given as a sign and magnitudes; overflowed when it does not fit.
Rational reduced(bool negative, UInt128 numerator, UInt128 denominator) {
  UInt128 divisor = gcd(numerator, denominator);
  if (divisor > 1) {
    numerator /= divisor;
    denominator /= divisor;
  }
  constexpr UInt128 kMax = static_cast<UInt128>(std::numeric_limits<Int128>::max());
  if (denominator > kMax || numerator > kMax)
    return Rational::overflowed();
  Int128 signedNumerator = static_cast<Int128>(numerator);
  return Rational(negative ? -signedNumerator : signedNumerator, static_cast<Int128>(denominator));
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
  if (numerator == kInt128Min || denominator == kInt128Min) {
    *this =
        reduced((numerator < 0) != (denominator < 0), magnitude(numerator), magnitude(denominator));
    return;
  }
  if (denominator < 0) {
    numerator = -numerator;
    denominator = -denominator;
  }
  Int128 divisor = static_cast<Int128>(gcd(magnitude(numerator), magnitude(denominator)));
  if (divisor > 1) {
    numerator /= divisor;
    denominator /= divisor;
  }
  numerator_ = numerator;
  denominator_ = denominator;
}

Rational Rational::ofDecimal(const Decimal& decimal) {
  return {decimal.units, powerOfTen(decimal.scale)};
}

double Rational::toDouble() const {
  if (isOverflow())
    return std::numeric_limits<double>::quiet_NaN();
  return static_cast<double>(numerator_) / static_cast<double>(denominator_);
}

Int128 Rational::floor() const {
  assert(!isOverflow());
  Int128 quotient = numerator_ / denominator_;
  return numerator_ % denominator_ != 0 && numerator_ < 0 ? quotient - 1 : quotient;
}

Int128 Rational::ceil() const {
  assert(!isOverflow());
  Int128 quotient = numerator_ / denominator_;
  return numerator_ % denominator_ != 0 && numerator_ > 0 ? quotient + 1 : quotient;
}

bool Rational::fitsInt64() const {
  return !isOverflow() && denominator_ == 1 &&
         numerator_ >= std::numeric_limits<std::int64_t>::min() &&
         numerator_ <= std::numeric_limits<std::int64_t>::max();
}

std::string Rational::toDecimalString(int digits) const {
  assert(!isOverflow());
  // Long division on magnitudes, digit by digit, so that no intermediate
  // product can overflow whatever the denominator.
  UInt128 denominator = static_cast<UInt128>(denominator_);
  UInt128 whole = magnitude(numerator_) / denominator;
  UInt128 remainder = magnitude(numerator_) % denominator;
  std::string fraction;
  // Below 2^124, ten times a remainder still fits in 128 bits.
  const bool small = denominator >> 124 == 0;
  for (int i = 0; i < digits; ++i) {
    int digit = 0;
    if (small) {
      UInt128 tenfold = remainder * 10;
      digit = static_cast<int>(tenfold / denominator);
      remainder = tenfold % denominator;
    } else {
      UInt256 tenfold = multiply(remainder, 10);
      digit = 9;
      while (multiply(denominator, static_cast<UInt128>(digit)) > tenfold)
        --digit;
      remainder = tenfold.low - denominator * static_cast<UInt128>(digit);
    }
    fraction.push_back(static_cast<char>('0' + digit));
  }
  // Half to even: away from zero past the half, to the even neighbour
  // exactly at it.
  UInt256 twice = multiply(remainder, 2);
  UInt256 whole256 = multiply(denominator, 1);
  int lastDigit = fraction.empty() ? static_cast<int>(whole % 10) : fraction.back() - '0';
  if (twice > whole256 || (twice == whole256 && lastDigit % 2 != 0)) {
    std::size_t position = fraction.size();
    while (position > 0 && fraction[position - 1] == '9')
      fraction[--position] = '0';
    if (position > 0)
      ++fraction[position - 1];
    else
      ++whole;
  }
  bool zero = whole == 0 && fraction.find_first_not_of('0') == std::string::npos;
  std::string text = int128ToString(static_cast<Int128>(whole));
  if (digits > 0)
    text += "." + fraction;
  return numerator_ < 0 && !zero ? "-" + text : text;
}

std::optional<int> Rational::decimalPlaces() const {
  if (isOverflow())
    return std::nullopt;
  // 10^k / denominator is whole exactly when the denominator is 2^i 5^j
  // with i, j <= k.
  Int128 rest = denominator_;
  int twos = 0, fives = 0;
  for (; rest % 2 == 0; rest /= 2)
    ++twos;
  for (; rest % 5 == 0; rest /= 5)
    ++fives;
  if (rest != 1)
    return std::nullopt;
  return std::max(twos, fives);
}

Rational operator+(const Rational& a, const Rational& b) {
  if (a.isOverflow() || b.isOverflow())
    return Rational::overflowed();
  // Whole numbers: the steps below with every scale 1, without dividing.
  if (a.denominator_ == 1 && b.denominator_ == 1) {
    Int128 sum = 0;
    if (__builtin_add_overflow(a.numerator_, b.numerator_, &sum))
      return Rational::overflowed();
    return reduced(sum < 0, magnitude(sum), 1);
  }
  // Over the least common denominator, so that sums of decimals of one
  // scale stay as small as they are.
  Int128 divisor = static_cast<Int128>(
      gcd(static_cast<UInt128>(a.denominator_), static_cast<UInt128>(b.denominator_)));
  Int128 aScale = b.denominator_ / divisor;
  Int128 bScale = a.denominator_ / divisor;
  Int128 left = 0, right = 0, sum = 0, denominator = 0;
  if (__builtin_mul_overflow(a.numerator_, aScale, &left) ||
      __builtin_mul_overflow(b.numerator_, bScale, &right) ||
      __builtin_add_overflow(left, right, &sum) ||
      __builtin_mul_overflow(a.denominator_, aScale, &denominator))
    return Rational::overflowed();
  return reduced(sum < 0, magnitude(sum), static_cast<UInt128>(denominator));
}

// The partial sums lie between the two ends and share the sum's
// denominator, so one addition that does not overflow gives what the steps
// give; one whose product whole × times × denominator overflows may still
// be reached step by step.
Rational addedTimes(const Rational& sum, Int128 whole, std::int64_t times) {
  Int128 total = 0;
  if (!__builtin_mul_overflow(whole, static_cast<Int128>(times), &total)) {
    Rational once = sum + Rational(total);
    if (!once.isOverflow() || sum.isOverflow())
      return once;
  }
  Rational stepwise = sum;
  for (; times > 0; --times)
    stepwise = stepwise + Rational(whole);
  return stepwise;
}

Rational operator-(const Rational& a) {
  if (a.isOverflow() || a.numerator_ == kInt128Min)
    return Rational::overflowed();
  Rational result = a;
  result.numerator_ = -a.numerator_;
  return result;
}

Rational operator-(const Rational& a, const Rational& b) {
  return a + -b;
}

Rational operator*(const Rational& a, const Rational& b) {
  if (a.isOverflow() || b.isOverflow())
    return Rational::overflowed();
  // Cross-cancel first: the result is then in lowest terms, and overflows
  // only when it really does not fit.
  UInt128 an = magnitude(a.numerator_), ad = static_cast<UInt128>(a.denominator_);
  UInt128 bn = magnitude(b.numerator_), bd = static_cast<UInt128>(b.denominator_);
  UInt128 g1 = gcd(an, bd), g2 = gcd(bn, ad);
  if (g1 > 1) {
    an /= g1;
    bd /= g1;
  }
  if (g2 > 1) {
    bn /= g2;
    ad /= g2;
  }
  UInt128 numerator = 0, denominator = 0;
  if (__builtin_mul_overflow(an, bn, &numerator) || __builtin_mul_overflow(ad, bd, &denominator))
    return Rational::overflowed();
  return reduced((a.numerator_ < 0) != (b.numerator_ < 0), numerator, denominator);
}

Rational operator/(const Rational& a, const Rational& b) {
  if (a.isOverflow() || b.isOverflow())
    return Rational::overflowed();
  assert(!b.isZero() && "division by zero");
  Rational inverse;
  inverse.numerator_ = b.numerator_ < 0 ? -b.denominator_ : b.denominator_;
  inverse.denominator_ = b.numerator_ < 0 ? -b.numerator_ : b.numerator_;
  if (b.numerator_ == kInt128Min)
    return Rational::overflowed();
  return a * inverse;
}

std::strong_ordering operator<=>(const Rational& a, const Rational& b) {
  if (a.isOverflow() || b.isOverflow())
    return a.isOverflow() == b.isOverflow() ? std::strong_ordering::equal
           : a.isOverflow()                 ? std::strong_ordering::greater
                                            : std::strong_ordering::less;
  bool aNegative = a.numerator_ < 0, bNegative = b.numerator_ < 0;
  if (aNegative != bNegative)
    return aNegative ? std::strong_ordering::less : std::strong_ordering::greater;
  // Same sign: compare |a.n| x b.d with |b.n| x a.d in 256 bits.
  UInt256 left = multiply(magnitude(a.numerator_), static_cast<UInt128>(b.denominator_));
  UInt256 right = multiply(magnitude(b.numerator_), static_cast<UInt128>(a.denominator_));
  std::strong_ordering order = left <=> right;
  return aNegative ? 0 <=> order : order;
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

} // namespace slac::values
