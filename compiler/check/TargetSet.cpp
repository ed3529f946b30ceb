#include "check/TargetSet.h"

#include <algorithm>
#include <cassert>

namespace slac::check {

namespace {

using values::Rational;

bool isLowerBound(ast::BinaryOp op) {
  return op == ast::BinaryOp::Ge || op == ast::BinaryOp::Gt;
}
bool isUpperBound(ast::BinaryOp op) {
  return op == ast::BinaryOp::Le || op == ast::BinaryOp::Lt;
}

} // namespace

ExactValue ExactValue::ofDecimal(Kind kind, const ast::Decimal& decimal, std::string currency) {
  return {kind, Rational::ofDecimal(decimal), std::move(currency), decimal.scale};
}

ExactValue ExactValue::ofWhole(Kind kind, ast::Int128 whole) {
  return {kind, Rational(whole), {}, 0};
}

std::string ExactValue::toString() const {
  if (kind == Kind::Duration && number.fitsInt64())
    return ast::formatDuration(static_cast<std::int64_t>(number.numerator()));
  std::optional<int> decimals = number.decimalPlaces();
  assert(decimals && "an exact value terminates");
  std::string digits = number.toDecimalString(std::max(writtenDecimals, decimals.value_or(0)));
  switch (kind) {
  case Kind::Percent:
    return digits + "%";
  case Kind::Money:
    return digits + " " + currency;
  case Kind::Duration:
    return digits + "us";
  case Kind::Number:
    break;
  }
  return digits;
}

ExactValue operator+(const ExactValue& a, const ExactValue& b) {
  ExactValue sum = a;
  sum.number = a.number + b.number;
  sum.writtenDecimals = std::max(a.writtenDecimals, b.writtenDecimals);
  return sum;
}

ExactValue midpoint(const ExactValue& a, const ExactValue& b) {
  ExactValue middle = a + b;
  middle.number = middle.number / Rational(2);
  return middle;
}

ExactValue shiftedByOne(const ExactValue& value, int direction) {
  ExactValue shifted = value;
  shifted.number = value.number + Rational(direction);
  return shifted;
}

bool ExactValue::comparableWith(const ExactValue& other) const {
  return kind == other.kind && currency == other.currency;
}

std::optional<ExactValue> exactValueOf(const ast::Expr* target) {
  using Kind = ExactValue::Kind;
  if (const auto* percent = dyn_cast<ast::PercentLiteral>(target))
    return ExactValue::ofDecimal(Kind::Percent, percent->value());
  if (const auto* decimal = dyn_cast<ast::DecimalLiteral>(target))
    return ExactValue::ofDecimal(Kind::Number, decimal->value());
  if (const auto* integer = dyn_cast<ast::IntLiteral>(target))
    return ExactValue::ofWhole(Kind::Number, integer->value());
  if (const auto* duration = dyn_cast<ast::DurationLiteral>(target))
    return ExactValue::ofWhole(Kind::Duration, duration->value());
  if (const auto* money = dyn_cast<ast::MoneyLiteral>(target))
    return ExactValue::ofDecimal(Kind::Money, money->value().amount, money->value().currency);
  return std::nullopt;
}

bool TargetSet::contains(const ExactValue& value) const {
  std::strong_ordering order = value.number <=> target.number;
  switch (comparison) {
  case ast::BinaryOp::Ge:
    return order >= 0;
  case ast::BinaryOp::Gt:
    return order > 0;
  case ast::BinaryOp::Le:
    return order <= 0;
  case ast::BinaryOp::Lt:
    return order < 0;
  case ast::BinaryOp::Eq:
    return order == 0;
  case ast::BinaryOp::Ne:
    return order != 0;
  default:
    return false;
  }
}

// Sets are half-lines, a point or all but a point. A ⊆ B is decided by
// cases; the values between any two distinct targets are dense, so a
// half-line always holds values beyond any other bound.
bool TargetSet::isSubsetOf(const TargetSet& other) const {
  using ast::BinaryOp;
  if (comparison == BinaryOp::Eq)
    return other.contains(target);
  if (comparison == BinaryOp::Ne)
    return other.comparison == BinaryOp::Ne && target.number == other.target.number;
  if (other.comparison == BinaryOp::Ne)
    return !contains(other.target);
  if (other.comparison == BinaryOp::Eq)
    return false;
  if (isLowerBound(comparison) != isLowerBound(other.comparison))
    return false;
  std::strong_ordering order = target.number <=> other.target.number;
  if (isLowerBound(comparison)) {
    // [t, ∞) or (t, ∞) inside [u, ∞) or (u, ∞).
    if (order != 0)
      return order > 0;
    return !(comparison == BinaryOp::Ge && other.comparison == BinaryOp::Gt);
  }
  if (isUpperBound(comparison) && order != 0)
    return order < 0;
  return !(comparison == BinaryOp::Le && other.comparison == BinaryOp::Lt);
}

bool TargetSet::intersects(const TargetSet& other) const {
  using ast::BinaryOp;
  if (comparison == BinaryOp::Eq)
    return other.contains(target);
  if (other.comparison == BinaryOp::Eq)
    return contains(other.target);
  // All but a point meets anything that is more than a point.
  if (comparison == BinaryOp::Ne || other.comparison == BinaryOp::Ne)
    return true;
  if (isLowerBound(comparison) == isLowerBound(other.comparison))
    return true;
  const TargetSet& lower = isLowerBound(comparison) ? *this : other;
  const TargetSet& upper = isLowerBound(comparison) ? other : *this;
  std::strong_ordering order = lower.target.number <=> upper.target.number;
  if (order != 0)
    return order < 0;
  return lower.comparison == BinaryOp::Ge && upper.comparison == BinaryOp::Le;
}

} // namespace slac::check
