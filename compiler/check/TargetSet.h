#pragma once

// The set of metric values that meet an objective, `metric CMP target`, as
// an exact set over the rationals, so that `supports` strictness is a subset
// test rather than a heuristic. Targets are compared exactly, as rationals
// (durations in microseconds), which order any two values without overflow.

#include "ast/Expr.h"
#include "ast/Values.h"
#include "values/Rational.h"

#include <optional>
#include <string>

namespace slac::check {

// A target, threshold or amount as an exact number, tagged with what it
// measures so that only like is compared with like. Compare the numbers
// (`a.number < b.number`) of values that are comparableWith each other.
struct ExactValue {
  enum class Kind { Number, Percent, Duration, Money };
  Kind kind = Kind::Number;
  values::Rational number;
  std::string currency; // Money only
  // Printed at least: a value keeps the digits it was written with
  // (`99.50%`), and a sum or midpoint those of the finer of its operands.
  int writtenDecimals = 0;

  static ExactValue ofDecimal(Kind kind, const ast::Decimal& decimal, std::string currency = {});
  static ExactValue ofWhole(Kind kind, ast::Int128 whole);

  bool comparableWith(const ExactValue& other) const;
  // As written in the language: `99.5%`, `4.2`, `1h30m`, `10.00 EUR`, with
  // as many decimals as the number needs (`99.25%` halfway between 99% and
  // 99.5%). The number must terminate, as sums, halves and neighbours of
  // decimals do, and must not have overflowed.
  std::string toString() const;
};

// The sum of two comparable values.
ExactValue operator+(const ExactValue& a, const ExactValue& b);
// Exactly halfway between two comparable values.
ExactValue midpoint(const ExactValue& a, const ExactValue& b);
// One whole unit (1%, 1, 1us, 1 EUR) below or above.
ExactValue shiftedByOne(const ExactValue& value, int direction);

// The exact value of a target literal, or nothing for any other expression.
std::optional<ExactValue> exactValueOf(const ast::Expr* target);

// The values v with `v CMP target`.
struct TargetSet {
  ast::BinaryOp comparison;
  ExactValue target;

  bool contains(const ExactValue& value) const;
  // Every value that meets this set also meets `other`.
  bool isSubsetOf(const TargetSet& other) const;
  // Some value meets both.
  bool intersects(const TargetSet& other) const;
};

} // namespace slac::check
