#pragma once

// Checks the invariants both engines rely on (plan/Plan.h, plan/Expr.h):
// indices in range, lets in dependency order, the levels of expressions
// kept apart, operand counts and types as the operator table says, a
// `match` arm per enum case. A violation is a bug of the plan builder,
// never of the user's file: every evaluation runs the verifier first and
// stops with an internal error instead of evaluating a broken plan.

#include "plan/Plan.h"

#include <string>
#include <vector>

namespace slac::plan {

// Each broken invariant, as a sentence naming where (empty: the plan is
// sound).
std::vector<std::string> verifyPlan(const Program& program);

} // namespace slac::plan
