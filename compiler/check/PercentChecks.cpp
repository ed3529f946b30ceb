#include "check/PercentChecks.h"

#include "ast/ExprWalk.h"
#include "values/Rational.h"

#include <fmt/format.h>

namespace slac::check {

namespace {

const values::Rational kHundredPercent(100);

void checkExpr(const ast::Expr* root, DiagnosticEngine& diagnostics) {
  ast::forEachExpr(root, [&](const ast::Expr* expr) {
    if (const auto* percent = dyn_cast<ast::PercentLiteral>(expr)) {
      if (values::Rational::ofDecimal(percent->value()) > kHundredPercent)
        diagnostics.report(DiagnosticKind::PercentOutOfRange, percent->range(),
                           percent->spelling());
    } else if (const auto* unary = dyn_cast<ast::UnaryExpr>(expr)) {
      const auto* negated = dyn_cast<ast::PercentLiteral>(unary->operand());
      if (unary->op() == ast::UnaryOp::Negate && negated && negated->value().units != 0)
        diagnostics.report(DiagnosticKind::PercentOutOfRange, unary->range(),
                           fmt::format("-{}", negated->spelling()));
    }
  });
}

void checkObjective(const ast::ObjectiveDecl& objective, DiagnosticEngine& diagnostics) {
  checkExpr(objective.metric, diagnostics);
  checkExpr(objective.target, diagnostics);
  const auto* target = dyn_cast<ast::PercentLiteral>(objective.target);
  bool asksForAll =
      objective.comparison == ast::BinaryOp::Ge || objective.comparison == ast::BinaryOp::Eq;
  if (target && asksForAll && values::Rational::ofDecimal(target->value()) == kHundredPercent)
    diagnostics.report(DiagnosticKind::UnachievableTarget, target->range(), target->spelling(),
                       objective.name.name);
}

void checkRemedy(const ast::RemedyDecl& remedy, DiagnosticEngine& diagnostics) {
  for (const ast::RemedyRule& rule : remedy.rules) {
    if (const auto* tier = std::get_if<ast::TierRule>(&rule)) {
      checkExpr(tier->limit.threshold, diagnostics);
      if (tier->otherLimit)
        checkExpr(tier->otherLimit->threshold, diagnostics);
      checkExpr(tier->amount, diagnostics);
    } else if (const auto* perBreach = std::get_if<ast::PerBreachRule>(&rule)) {
      checkExpr(perBreach->amount, diagnostics);
    } else {
      checkExpr(std::get<ast::RemedyCapRule>(rule).amount, diagnostics);
    }
  }
}

void checkDecl(const ast::Decl& decl, DiagnosticEngine& diagnostics) {
  if (const auto* service = dyn_cast<ast::ServiceDecl>(&decl)) {
    for (const ast::Decl* member : service->members)
      checkDecl(*member, diagnostics);
  } else if (const auto* stream = dyn_cast<ast::StreamDecl>(&decl)) {
    for (const ast::Decl* member : stream->members)
      checkDecl(*member, diagnostics);
  } else if (const auto* let = dyn_cast<ast::LetDecl>(&decl)) {
    checkExpr(let->value, diagnostics);
  } else if (const auto* metric = dyn_cast<ast::MetricDecl>(&decl)) {
    checkExpr(metric->value, diagnostics);
  } else if (const auto* agreement = dyn_cast<ast::AgreementDecl>(&decl)) {
    for (const ast::Decl* member : agreement->members)
      checkDecl(*member, diagnostics);
  } else if (const auto* objective = dyn_cast<ast::ObjectiveDecl>(&decl)) {
    checkObjective(*objective, diagnostics);
  } else if (const auto* remedy = dyn_cast<ast::RemedyDecl>(&decl)) {
    checkRemedy(*remedy, diagnostics);
  } else if (const auto* cap = dyn_cast<ast::CapDecl>(&decl)) {
    checkExpr(cap->amount, diagnostics);
  } else if (const auto* test = dyn_cast<ast::TestDecl>(&decl)) {
    for (const ast::TestItem& item : test->items)
      if (const auto* expect = std::get_if<ast::ExpectItem>(&item))
        checkExpr(expect->expected, diagnostics);
  }
}

} // namespace

void checkPercents(const std::vector<const modules::Module*>& modules,
                   DiagnosticEngine& diagnostics) {
  for (const modules::Module* module : modules)
    for (const ast::Decl* decl : module->ast.declarations)
      checkDecl(*decl, diagnostics);
}

} // namespace slac::check
