#pragma once

// The set of metric values that meet an objective, `metric CMP target`, as
// an exact set over the rationals, so that `supports` strictness is a subset
// test rather than a heuristic. Targets are compared exactly (decimal
// digits as written, durations in microseconds).

#include "ast/Expr.h"
#include "ast/Values.h"

#include <optional>
#include <string>

namespace slac::check {

// A target literal as an exact number: value = units / 10^scale, tagged
// with what it measures so that only like is compared with like.
struct ExactValue {
  enum class Kind { Number, Percent, Duration, Money } kind;
  ast::Int128 units;
  int scale;
  std::string currency; // Money only

  bool comparableWith(const ExactValue& other) const;
  // Negative, zero or positive as this is below, equal to or above other;
  // requires comparableWith.
  int compare(const ExactValue& other) const;
  // As written in the language: `99.5%`, `4.2`, `1h30m`, `10.00 EUR`.
  std::string toString() const;
};

// Exactly halfway between two comparable values.
ExactValue midpoint(const ExactValue& a, const ExactValue& b);
// One whole unit (1%, 1, 1us, 1 EUR) below or above.
ExactValue shiftedByOne(const ExactValue& value, int direction);

ast::Int128 powerOfTen(int exponent);

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
