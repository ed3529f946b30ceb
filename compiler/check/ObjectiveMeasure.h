#pragma once

// How an objective measures: which metric, with which clauses, against
// which target. Two objectives can be compared (supports, contradictions)
// only when they measure the same way.

#include "ast/Decl.h"
#include "check/ConstantFacts.h"

#include <string>

namespace slac::check {

// `portal.availability`, or empty when the metric is another expression.
std::string metricSpelling(const ast::Expr* metric);

// The `during`, `outside`, `excluding`, `over` and `per` clauses as text:
// objectives measured the same way have equal spellings.
std::string measurementSpelling(const ast::ObjectiveDecl& objective);

// `>= 99.5%`, with the target's folded value when it is not a literal.
std::string targetSpelling(const ast::ObjectiveDecl& objective, const ConstantFacts& facts);

} // namespace slac::check
