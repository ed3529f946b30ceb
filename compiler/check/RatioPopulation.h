#pragma once

// The trap of a ratio without a population: "95 % of urgent tickets answered
// in time" written `ratio(ticket where severity == urgent and in_time)` is
// the share of *all* tickets that are urgent and in time, so every other
// ticket counts as a miss. Private to the checker.

#include "ast/Expr.h"
#include "check/PlanState.h"

#include <string_view>

namespace slac::check {

// Warns (E0620, with the two-argument form as a fix-it) when the condition
// of `ratio(STREAM where CONDITION)` is an `and` of which some parts only
// pick enum cases (`severity == urgent`, `channel != phone`, an `or` of
// such) and others do not. `typed` is the checked `condition`.
void warnRatioOverWholeStream(PlanState& state, std::string_view stream, const ast::Expr& condition,
                              const plan::Expr& typed);

} // namespace slac::check
