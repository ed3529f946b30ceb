#include "check/AgreementChecks.h"

#include "check/ObjectiveMeasure.h"
#include "check/TargetSet.h"

#include <fmt/format.h>

namespace slac::check {

namespace {

std::optional<TargetSet> metSetOf(const ast::ObjectiveDecl& objective) {
  std::optional<ExactValue> target = exactValueOf(objective.target);
  if (!target)
    return std::nullopt;
  return TargetSet{objective.comparison, *target};
}

void checkContradictions(const std::vector<const ast::ObjectiveDecl*>& objectives,
                         DiagnosticEngine& diagnostics) {
  for (std::size_t i = 0; i < objectives.size(); ++i)
    for (std::size_t j = i + 1; j < objectives.size(); ++j) {
      const ast::ObjectiveDecl& first = *objectives[i];
      const ast::ObjectiveDecl& second = *objectives[j];
      if (!measuresLike(first, second))
        continue;
      auto firstSet = metSetOf(first);
      auto secondSet = metSetOf(second);
      if (!firstSet || !secondSet || !firstSet->target.comparableWith(secondSet->target))
        continue;
      if (!firstSet->intersects(*secondSet))
        diagnostics
            .report(DiagnosticKind::ContradictingObjectives, second.range(), first.name.name,
                    targetSpelling(first), second.name.name, targetSpelling(second))
            .note(first.range(), "`{}` is declared here", first.name.name);
    }
}

// The most a remedy can credit in one window, in percent of the fee: its
// largest percent tier plus its per-breach percent, bounded by its cap.
// Money amounts are left to the type checker, which knows the fee.
ExactValue maximumCredit(const ast::RemedyDecl& remedy) {
  ExactValue zero{ExactValue::Kind::Percent, 0, 0, {}};
  ExactValue largestTier = zero;
  ExactValue perBreach = zero;
  std::optional<ExactValue> cap;
  auto percentOf = [](const ast::Expr* amount) -> std::optional<ExactValue> {
    if (!isa<ast::PercentLiteral>(amount))
      return std::nullopt;
    return exactValueOf(amount);
  };
  for (const ast::RemedyRule& rule : remedy.rules) {
    if (const auto* tier = std::get_if<ast::TierRule>(&rule)) {
      auto amount = percentOf(tier->amount);
      if (tier->payout == ast::Payout::Credit && amount && amount->compare(largestTier) > 0)
        largestTier = *amount;
    } else if (const auto* breach = std::get_if<ast::PerBreachRule>(&rule)) {
      if (auto amount = percentOf(breach->amount); amount && breach->payout == ast::Payout::Credit)
        perBreach = *amount;
    } else if (auto amount = percentOf(std::get<ast::RemedyCapRule>(rule).amount)) {
      cap = *amount;
    }
  }
  int scale = std::max(largestTier.scale, perBreach.scale);
  ExactValue total{ExactValue::Kind::Percent,
                   largestTier.units * powerOfTen(scale - largestTier.scale) +
                       perBreach.units * powerOfTen(scale - perBreach.scale),
                   scale,
                   {}};
  return cap && cap->compare(total) < 0 ? *cap : total;
}

void checkCredits(const ast::AgreementDecl& agreement, DiagnosticEngine& diagnostics) {
  ExactValue total{ExactValue::Kind::Percent, 0, 0, {}};
  for (const ast::Decl* member : agreement.members) {
    if (isa<ast::CapDecl>(member))
      return;
    if (const auto* remedy = dyn_cast<ast::RemedyDecl>(member)) {
      ExactValue credit = maximumCredit(*remedy);
      int scale = std::max(total.scale, credit.scale);
      total = {ExactValue::Kind::Percent,
               total.units * powerOfTen(scale - total.scale) +
                   credit.units * powerOfTen(scale - credit.scale),
               scale,
               {}};
    }
  }
  if (total.compare({ExactValue::Kind::Percent, 100, 0, {}}) > 0)
    diagnostics.report(
        DiagnosticKind::UncappedCredits, agreement.name.range, agreement.name.name,
        ast::Decimal{static_cast<std::int64_t>(total.units), static_cast<std::uint8_t>(total.scale)}
                .toString() +
            "%");
}

} // namespace

void checkAgreements(const std::vector<const modules::Module*>& modules,
                     DiagnosticEngine& diagnostics) {
  for (const modules::Module* module : modules)
    for (const ast::Decl* decl : module->ast.declarations)
      if (const auto* agreement = dyn_cast<ast::AgreementDecl>(decl)) {
        std::vector<const ast::ObjectiveDecl*> objectives;
        for (const ast::Decl* member : agreement->members)
          if (const auto* objective = dyn_cast<ast::ObjectiveDecl>(member))
            objectives.push_back(objective);
        checkContradictions(objectives, diagnostics);
        checkCredits(*agreement, diagnostics);
      }
}

} // namespace slac::check
