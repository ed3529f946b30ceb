#include "eval/SliceCounterReads.h"

#include "eval/ExprInterpreter.h"

#include <algorithm>
#include <bit>

namespace slac::eval {

namespace {

std::optional<plan::Comparison> comparisonOf(plan::ExprKind kind) {
  switch (kind) {
  case plan::ExprKind::Lt:
    return plan::Comparison::Lt;
  case plan::ExprKind::Le:
    return plan::Comparison::Le;
  case plan::ExprKind::Gt:
    return plan::Comparison::Gt;
  case plan::ExprKind::Ge:
    return plan::Comparison::Ge;
  case plan::ExprKind::Eq:
    return plan::Comparison::Eq;
  case plan::ExprKind::Ne:
    return plan::Comparison::Ne;
  default:
    return std::nullopt;
  }
}

// A count or ratio of the slice's records, read from its counters.
bool countedLeaf(const plan::Expr& expr, const plan::Program& program) {
  if (expr.kind != plan::ExprKind::Aggregate)
    return false;
  const plan::Aggregate& aggregate = program.aggregates[expr.slot];
  return aggregate.stream != plan::kNoSlot && (aggregate.kind == plan::AggregateKind::Count ||
                                               aggregate.kind == plan::AggregateKind::Ratio);
}

} // namespace

std::optional<SliceCounterRead> SliceCounterRead::of(const plan::Expr& expr,
                                                     const std::vector<std::uint32_t>& leaves,
                                                     const plan::Program& program) {
  SliceCounterRead read;
  const plan::Expr* leaf = &expr;
  if (auto comparison = comparisonOf(expr.kind)) {
    const plan::Expr& constant = *expr.operands[1];
    if (constant.kind != plan::ExprKind::Constant)
      return std::nullopt;
    read.comparison_ = comparison;
    read.constant_ = valueOfConstant(constant.type, constant.value);
    leaf = expr.operands[0];
  }
  if (!countedLeaf(*leaf, program))
    return std::nullopt;
  auto position = std::find(leaves.begin(), leaves.end(), leaf->slot);
  if (position == leaves.end())
    return std::nullopt;
  const plan::Aggregate& aggregate = program.aggregates[leaf->slot];
  read.position_ = static_cast<std::size_t>(position - leaves.begin());
  read.kind_ = aggregate.kind;
  read.population_ = aggregate.population != nullptr;
  const Rational& constant = read.constant_.exact;
  if (read.comparison_ && read.kind_ == plan::AggregateKind::Count && constant.denominator() == 1 &&
      constant.numerator() >= INT64_MIN && constant.numerator() <= INT64_MAX)
    read.countCondition_ = SliceCounters::CountCondition{
        read.position_, *read.comparison_, static_cast<std::int64_t>(constant.numerator())};
  return read;
}

SliceCounterRead::WordVerdict SliceCounterRead::holdsWord(const SliceCounters& counters,
                                                          std::int64_t word,
                                                          std::uint64_t slices) const {
  WordVerdict verdict;
  for (std::uint64_t bits = slices; bits != 0; bits &= bits - 1) {
    int i = std::countr_zero(bits);
    std::optional<bool> held = holds(counters, word * 64 + i);
    std::uint64_t bit = std::uint64_t{1} << i;
    verdict.decided |= held ? bit : 0;
    verdict.held |= held.value_or(false) ? bit : 0;
  }
  return verdict;
}

std::optional<bool> SliceCounterRead::holds(const Tally& counted) const {
  if (!comparison_) {
    Value value = read(counted);
    return value.isSet() ? std::optional(value.truth()) : std::nullopt;
  }
  std::optional<Fraction> value = fraction(counted);
  if (!value)
    return std::nullopt;
  // Compared by cross-multiplying while the products stay far inside 128
  // bits (values below 2^47, constants below 2^60); otherwise as Rationals.
  auto [numerator, denominator] = *value;
  constexpr Int128 kSmall = Int128{1} << 47;
  constexpr Int128 kConstant = Int128{1} << 60;
  const Rational& constant = constant_.exact;
  if (numerator < 0 || numerator >= kSmall || denominator >= kSmall ||
      constant.numerator() <= -kConstant || constant.numerator() >= kConstant ||
      constant.denominator() >= kConstant)
    return read(counted).truth();
  return plan::comparisonHolds(*comparison_, numerator * constant.denominator() <=>
                                                 constant.numerator() * denominator);
}

bool SliceCounterRead::lessAsRationals(const Fraction& a, const Fraction& b) {
  return Rational(a.first, a.second) < Rational(b.first, b.second);
}

Value SliceCounterRead::read(const Tally& counted) const {
  std::optional<Fraction> exact = fraction(counted);
  if (!exact)
    return Value::noData();
  Value value = Value::of(Rational(exact->first, exact->second));
  if (!comparison_)
    return value;
  return Value::of(Rational(compareValues(*comparison_, value, constant_) ? 1 : 0));
}

} // namespace slac::eval
