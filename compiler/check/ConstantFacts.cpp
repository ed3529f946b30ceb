#include "check/ConstantFacts.h"

namespace slac::check {

namespace {

std::optional<ExactValue> exactValueOf(const plan::Type& type, const plan::ConstantValue& value) {
  using Kind = ExactValue::Kind;
  const auto* decimal = std::get_if<plan::Decimal>(&value);
  const auto* integer = std::get_if<std::int64_t>(&value);
  switch (type.kind) {
  case plan::TypeKind::Percent:
    if (decimal)
      return ExactValue::ofDecimal(Kind::Percent, *decimal);
    break;
  case plan::TypeKind::Number:
    if (decimal)
      return ExactValue::ofDecimal(Kind::Number, *decimal);
    break;
  case plan::TypeKind::Int:
    if (integer)
      return ExactValue::ofWhole(Kind::Number, *integer);
    break;
  case plan::TypeKind::Duration:
    if (integer)
      return ExactValue::ofWhole(Kind::Duration, *integer);
    break;
  case plan::TypeKind::Money:
    if (decimal)
      return ExactValue::ofDecimal(Kind::Money, *decimal, plan::currencySpelling(type.detail));
    break;
  default:
    break;
  }
  return std::nullopt;
}

} // namespace

void ConstantFacts::record(const ast::Expr* expr, const plan::Type& type,
                           const plan::ConstantValue& value) {
  if (auto exact = exactValueOf(type, value))
    values_.insert_or_assign(expr, *exact);
}

std::optional<ExactValue> ConstantFacts::valueOf(const ast::Expr* expr) const {
  auto found = values_.find(expr);
  if (found != values_.end())
    return found->second;
  return exactValueOf(expr);
}

} // namespace slac::check
