#pragma once

// The plan as text (`slac compile FILE --emit=plan`): every stream, let,
// aggregate, metric, calendar, agreement and test of a Program, with each
// expression as a typed S-expression. Deterministic and complete, so that
// two plans can be compared by their text (the formatter's "meaning
// unchanged" test, the two evaluation engines' shared input) and a reviewer
// can read what the checker built. Source ranges are left out: moving a
// declaration does not change its meaning.

#include "plan/Plan.h"

#include <string>

namespace slac::plan {

std::string printPlan(const Program& program);

// One expression: `(kind:type operand ...)`; leaves print their slot or
// constant, e.g. `(ge:bool (aggregate:percent #0) (constant:percent 99.5))`.
std::string printExpr(const Program& program, const Expr& expr);

} // namespace slac::plan
