#pragma once

// The constants the plan builder folded, by the expression they were
// written as: targets, tier thresholds and amounts. The consistency checks
// (supports, contradictions, tiers, credits) judge these values, so that
// naming a value with a `let` cannot hide it from them.

#include "check/TargetSet.h"
#include "plan/Expr.h"

#include <map>
#include <optional>

namespace slac::check {

class ConstantFacts {
public:
  void record(const ast::Expr* expr, const plan::Type& type, const plan::ConstantValue& value);

  // The folded value of `expr`; for an expression the plan builder did not
  // fold (it failed to type), its value as a literal, if it is one.
  std::optional<ExactValue> valueOf(const ast::Expr* expr) const;

private:
  std::map<const ast::Expr*, ExactValue> values_;
};

} // namespace slac::check
