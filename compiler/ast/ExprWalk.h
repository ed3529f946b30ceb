#pragma once

#include "ast/Expr.h"

namespace slac::ast {

// Calls visit(child) on each expression directly below root.
template <typename Visit> void forEachChild(const Expr* root, Visit&& visit) {
  if (const auto* member = dyn_cast<MemberExpr>(root)) {
    visit(member->base());
  } else if (const auto* unary = dyn_cast<UnaryExpr>(root)) {
    visit(unary->operand());
  } else if (const auto* binary = dyn_cast<BinaryExpr>(root)) {
    visit(binary->lhs());
    visit(binary->rhs());
  } else if (const auto* isSet = dyn_cast<IsSetExpr>(root)) {
    visit(isSet->operand());
  } else if (const auto* call = dyn_cast<CallExpr>(root)) {
    for (const Expr* arg : call->args())
      visit(arg);
  } else if (const auto* pauses = dyn_cast<PausesExpr>(root)) {
    visit(pauses->condition());
    visit(pauses->join());
  } else if (const auto* aggregate = dyn_cast<AggregateExpr>(root)) {
    visit(aggregate->source());
    visit(aggregate->filter());
    for (const Expr* arg : aggregate->args())
      visit(arg);
  } else if (const auto* slices = dyn_cast<SlicesExpr>(root)) {
    visit(slices->width());
  } else if (const auto* match = dyn_cast<MatchExpr>(root)) {
    visit(match->subject());
    for (const MatchArm& arm : match->arms())
      visit(arm.value);
  }
}

// Calls visit(expr) on root and every expression below it, parents first.
// Recursive: the parser bounds expression depth (ParseLimits), so the
// stack is bounded too.
template <typename Visit> void forEachExpr(const Expr* root, Visit&& visit) {
  if (!root)
    return;
  visit(root);
  forEachChild(root, [&](const Expr* child) { forEachExpr(child, visit); });
}

// Like forEachExpr, but goes below an expression only when visit(expr)
// returns true.
template <typename Visit> void forEachExprWhile(const Expr* root, Visit&& visit) {
  if (!root || !visit(root))
    return;
  forEachChild(root, [&](const Expr* child) { forEachExprWhile(child, visit); });
}

} // namespace slac::ast
