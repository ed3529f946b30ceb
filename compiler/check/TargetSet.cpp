#include "check/TargetSet.h"

namespace slac::check {

namespace {

using ast::Int128;

ExactValue decimalValue(ExactValue::Kind kind, const ast::Decimal& decimal) {
  return {kind, decimal.units, decimal.scale, {}};
}

bool isLowerBound(ast::BinaryOp op) {
  return op == ast::BinaryOp::Ge || op == ast::BinaryOp::Gt;
}
bool isUpperBound(ast::BinaryOp op) {
  return op == ast::BinaryOp::Le || op == ast::BinaryOp::Lt;
}

} // namespace

Int128 powerOfTen(int exponent) {
  Int128 result = 1;
  for (int i = 0; i < exponent; ++i)
    result *= 10;
  return result;
}

std::string ExactValue::toString() const {
  if (kind == Kind::Duration && scale == 0)
    return ast::formatDuration(static_cast<std::int64_t>(units));
  std::string number =
      ast::Decimal{static_cast<std::int64_t>(units), static_cast<std::uint8_t>(scale)}.toString();
  switch (kind) {
  case Kind::Percent:
    return number + "%";
  case Kind::Money:
    return number + " " + currency;
  case Kind::Duration:
    return number + "us";
  case Kind::Number:
    break;
  }
  return number;
}

ExactValue midpoint(const ExactValue& a, const ExactValue& b) {
  int scale = std::max(a.scale, b.scale);
  Int128 sum = a.units * powerOfTen(scale - a.scale) + b.units * powerOfTen(scale - b.scale);
  ExactValue middle = a;
  if (sum % 2 == 0) {
    middle.units = sum / 2;
    middle.scale = scale;
  } else {
    middle.units = sum * 5;
    middle.scale = scale + 1;
  }
  return middle;
}

ExactValue shiftedByOne(const ExactValue& value, int direction) {
  ExactValue shifted = value;
  shifted.units += direction * powerOfTen(value.scale);
  return shifted;
}

bool ExactValue::comparableWith(const ExactValue& other) const {
  return kind == other.kind && currency == other.currency;
}

int ExactValue::compare(const ExactValue& other) const {
  int common = std::max(scale, other.scale);
  Int128 left = units * powerOfTen(common - scale);
  Int128 right = other.units * powerOfTen(common - other.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

std::optional<ExactValue> exactValueOf(const ast::Expr* target) {
  using Kind = ExactValue::Kind;
  if (const auto* percent = dyn_cast<ast::PercentLiteral>(target))
    return decimalValue(Kind::Percent, percent->value());
  if (const auto* decimal = dyn_cast<ast::DecimalLiteral>(target))
    return decimalValue(Kind::Number, decimal->value());
  if (const auto* integer = dyn_cast<ast::IntLiteral>(target))
    return ExactValue{Kind::Number, integer->value(), 0, {}};
  if (const auto* duration = dyn_cast<ast::DurationLiteral>(target))
    return ExactValue{Kind::Duration, duration->value(), 0, {}};
  if (const auto* money = dyn_cast<ast::MoneyLiteral>(target)) {
    ExactValue value = decimalValue(Kind::Money, money->value().amount);
    value.currency = money->value().currency;
    return value;
  }
  return std::nullopt;
}

bool TargetSet::contains(const ExactValue& value) const {
  int order = value.compare(target);
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
    return other.comparison == BinaryOp::Ne && target.compare(other.target) == 0;
  if (other.comparison == BinaryOp::Ne)
    return !contains(other.target);
  if (other.comparison == BinaryOp::Eq)
    return false;
  if (isLowerBound(comparison) != isLowerBound(other.comparison))
    return false;
  int order = target.compare(other.target);
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
  int order = lower.target.compare(upper.target);
  if (order != 0)
    return order < 0;
  return lower.comparison == BinaryOp::Ge && upper.comparison == BinaryOp::Le;
}

} // namespace slac::check
