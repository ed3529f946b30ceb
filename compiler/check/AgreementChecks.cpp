#include "check/AgreementChecks.h"

#include "check/ObjectiveMeasure.h"
#include "check/TargetSet.h"

#include <fmt/format.h>
#include <map>

namespace slac::check {

namespace {

std::optional<TargetSet> metSetOf(const ast::ObjectiveDecl& objective, const ConstantFacts& facts) {
  std::optional<ExactValue> target = facts.valueOf(objective.target);
  if (!target)
    return std::nullopt;
  return TargetSet{objective.comparison, *target};
}

// The objectives seen so far that measure one thing one way, summarized
// by the tightest bound of each direction and the first exact value: a new
// objective that excludes any earlier one excludes one of these (or the
// earlier objectives already contradict each other), so each inconsistent
// objective is reported in linear time, however many objectives there are.
struct MeasurementGroup {
  struct Entry {
    TargetSet set;
    const ast::ObjectiveDecl* objective;
  };
  std::optional<Entry> tightestLower;
  std::optional<Entry> tightestUpper;
  std::optional<Entry> firstExact;
  std::vector<Entry> excludedPoints;

  const ast::ObjectiveDecl* contradiction(const TargetSet& set) const {
    for (const auto* entry : {&tightestLower, &tightestUpper, &firstExact})
      if (*entry && (*entry)->set.target.comparableWith(set.target) &&
          !(*entry)->set.intersects(set))
        return (*entry)->objective;
    if (set.comparison == ast::BinaryOp::Eq)
      for (const Entry& entry : excludedPoints)
        if (entry.set.target.comparableWith(set.target) && !entry.set.intersects(set))
          return entry.objective;
    return nullptr;
  }

  void add(const TargetSet& set, const ast::ObjectiveDecl& objective) {
    Entry entry{set, &objective};
    auto tighter = [&](const std::optional<Entry>& current) {
      return !current || !current->set.target.comparableWith(set.target) ||
             set.isSubsetOf(current->set);
    };
    switch (set.comparison) {
    case ast::BinaryOp::Ge:
    case ast::BinaryOp::Gt:
      if (tighter(tightestLower))
        tightestLower = entry;
      break;
    case ast::BinaryOp::Le:
    case ast::BinaryOp::Lt:
      if (tighter(tightestUpper))
        tightestUpper = entry;
      break;
    case ast::BinaryOp::Eq:
      if (!firstExact)
        firstExact = entry;
      break;
    default:
      excludedPoints.push_back(entry);
    }
  }
};

void checkContradictions(const ast::AgreementDecl& agreement,
                         const std::vector<const ast::ObjectiveDecl*>& objectives,
                         const ConstantFacts& facts, Findings& findings) {
  std::map<std::string, MeasurementGroup> groups;
  for (const ast::ObjectiveDecl* objective : objectives) {
    std::string metric = metricSpelling(objective->metric);
    std::optional<TargetSet> set = metSetOf(*objective, facts);
    if (metric.empty() || !set)
      continue;
    MeasurementGroup& group = groups[metric + measurementSpelling(*objective)];
    if (const ast::ObjectiveDecl* earlier = group.contradiction(*set))
      findings
          .report({objective, earlier, &agreement}, DiagnosticKind::ContradictingObjectives,
                  objective->range(), earlier->name.name, targetSpelling(*earlier, facts),
                  objective->name.name, targetSpelling(*objective, facts))
          .note(earlier->range(), "`{}` is declared here", earlier->name.name);
    group.add(*set, *objective);
  }
}

// The most a remedy can credit in one window, in percent of the fee: its
// largest percent tier plus its per-breach percent, bounded by its cap.
// Money amounts are left to the type checker, which knows the fee.
ExactValue maximumCredit(const ast::RemedyDecl& remedy, const ConstantFacts& facts) {
  ExactValue zero{ExactValue::Kind::Percent, 0, 0, {}};
  ExactValue largestTier = zero;
  ExactValue perBreach = zero;
  std::optional<ExactValue> cap;
  auto percentOf = [&](const ast::Expr* amount) -> std::optional<ExactValue> {
    std::optional<ExactValue> value = facts.valueOf(amount);
    if (!value || value->kind != ExactValue::Kind::Percent)
      return std::nullopt;
    return value;
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

void checkCredits(const ast::AgreementDecl& agreement, const ConstantFacts& facts,
                  Findings& findings) {
  ExactValue total{ExactValue::Kind::Percent, 0, 0, {}};
  for (const ast::Decl* member : agreement.members) {
    if (isa<ast::CapDecl>(member))
      return;
    if (const auto* remedy = dyn_cast<ast::RemedyDecl>(member)) {
      ExactValue credit = maximumCredit(*remedy, facts);
      int scale = std::max(total.scale, credit.scale);
      total = {ExactValue::Kind::Percent,
               total.units * powerOfTen(scale - total.scale) +
                   credit.units * powerOfTen(scale - credit.scale),
               scale,
               {}};
    }
  }
  if (total.compare({ExactValue::Kind::Percent, 100, 0, {}}) > 0)
    findings.report(
        {&agreement}, DiagnosticKind::UncappedCredits, agreement.name.range, agreement.name.name,
        ast::Decimal{static_cast<std::int64_t>(total.units), static_cast<std::uint8_t>(total.scale)}
                .toString() +
            "%");
}

} // namespace

void checkAgreements(const std::vector<const modules::Module*>& modules, const ConstantFacts& facts,
                     Findings& findings) {
  for (const modules::Module* module : modules)
    for (const ast::Decl* decl : module->ast.declarations)
      if (const auto* agreement = dyn_cast<ast::AgreementDecl>(decl)) {
        std::vector<const ast::ObjectiveDecl*> objectives;
        for (const ast::Decl* member : agreement->members)
          if (const auto* objective = dyn_cast<ast::ObjectiveDecl>(member))
            objectives.push_back(objective);
        checkContradictions(*agreement, objectives, facts, findings);
        checkCredits(*agreement, facts, findings);
      }
}

} // namespace slac::check
