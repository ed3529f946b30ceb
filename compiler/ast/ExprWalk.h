#pragma once

#include "ast/Expr.h"

namespace slac::ast {

// Calls visit(expr) on root and every expression below it, parents first.
// Recursive: the parser bounds expression depth (ParseLimits), so the
// stack is bounded too.
template <typename Visit> void forEachExpr(const Expr* root, Visit&& visit) {
  if (!root)
    return;
  visit(root);
  auto walk = [&](const Expr* child) { forEachExpr(child, visit); };
  if (const auto* member = dyn_cast<MemberExpr>(root)) {
    walk(member->base());
  } else if (const auto* unary = dyn_cast<UnaryExpr>(root)) {
    walk(unary->operand());
  } else if (const auto* binary = dyn_cast<BinaryExpr>(root)) {
    walk(binary->lhs());
    walk(binary->rhs());
  } else if (const auto* isSet = dyn_cast<IsSetExpr>(root)) {
    walk(isSet->operand());
  } else if (const auto* call = dyn_cast<CallExpr>(root)) {
    for (const Expr* arg : call->args())
      walk(arg);
  } else if (const auto* pauses = dyn_cast<PausesExpr>(root)) {
    walk(pauses->condition());
    walk(pauses->join());
  } else if (const auto* aggregate = dyn_cast<AggregateExpr>(root)) {
    walk(aggregate->source());
    walk(aggregate->filter());
    for (const Expr* arg : aggregate->args())
      walk(arg);
  } else if (const auto* slices = dyn_cast<SlicesExpr>(root)) {
    walk(slices->width());
  } else if (const auto* match = dyn_cast<MatchExpr>(root)) {
    walk(match->subject());
    for (const MatchArm& arm : match->arms())
      walk(arm.value);
  }
}

} // namespace slac::ast
