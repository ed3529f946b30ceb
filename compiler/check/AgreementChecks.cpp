#include "check/AgreementChecks.h"

#include "check/ObjectiveMeasure.h"
#include "check/TargetSet.h"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>

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

// With `restated` (the objectives a revision restates), only contradictions
// involving one of them are new: the others were reported before.
void checkContradictions(const ast::AgreementDecl& agreement,
                         const std::vector<const ast::ObjectiveDecl*>& objectives,
                         const std::set<const ast::ObjectiveDecl*>* restated,
                         const ConstantFacts& facts, Findings& findings) {
  std::map<std::string, MeasurementGroup> groups;
  for (const ast::ObjectiveDecl* objective : objectives) {
    std::string metric = metricSpelling(objective->metric);
    std::optional<TargetSet> set = metSetOf(*objective, facts);
    if (metric.empty() || !set)
      continue;
    MeasurementGroup& group = groups[metric + measurementSpelling(*objective)];
    const ast::ObjectiveDecl* earlier = group.contradiction(*set);
    if (earlier && (!restated || restated->count(objective) || restated->count(earlier))) {
      // Reported where the revision restates one of the two, if it does.
      const ast::ObjectiveDecl* at = objective;
      const ast::ObjectiveDecl* other = earlier;
      if (restated && !restated->count(objective))
        std::swap(at, other);
      findings
          .report({objective, earlier, &agreement}, DiagnosticKind::ContradictingObjectives,
                  at->range(), other->name.name, targetSpelling(*other, facts), at->name.name,
                  targetSpelling(*at, facts))
          .note(other->range(), "`{}` is declared here", other->name.name);
    }
    group.add(*set, *objective);
  }
}

// The most a remedy can credit in one window, in percent of the fee: its
// largest percent tier plus its per-breach percent, bounded by its cap.
// Money amounts are left to the type checker, which knows the fee.
ExactValue maximumCredit(const ast::RemedyDecl& remedy, const ConstantFacts& facts) {
  ExactValue zero = ExactValue::ofWhole(ExactValue::Kind::Percent, 0);
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
      if (tier->payout == ast::Payout::Credit && amount && amount->number > largestTier.number)
        largestTier = *amount;
    } else if (const auto* breach = std::get_if<ast::PerBreachRule>(&rule)) {
      if (auto amount = percentOf(breach->amount); amount && breach->payout == ast::Payout::Credit)
        perBreach = *amount;
    } else if (auto amount = percentOf(std::get<ast::RemedyCapRule>(rule).amount)) {
      cap = *amount;
    }
  }
  ExactValue total = largestTier + perBreach;
  return cap && cap->number < total.number ? *cap : total;
}

// The most the remedies in force can credit in one window together, when
// no cap bounds it, reported at `where` (the agreement's or a revision's
// name).
void checkCredits(const ast::AgreementDecl& agreement,
                  const std::vector<const ast::RemedyDecl*>& remedies, const ast::Identifier& where,
                  const ConstantFacts& facts, Findings& findings) {
  ExactValue total = ExactValue::ofWhole(ExactValue::Kind::Percent, 0);
  for (const ast::RemedyDecl* remedy : remedies)
    total = total + maximumCredit(*remedy, facts);
  // A sum that overflows (it orders after every number) lies beyond
  // 10^20 %: only percents out of range, which checkPercents reports, reach
  // it, and it is shown as what matters here.
  if (total.number > values::Rational(100))
    findings.report({&agreement}, DiagnosticKind::UncappedCredits, where.range, agreement.name.name,
                    total.number.isOverflow() ? "more than 100%" : total.toString());
}

bool hasCap(const std::vector<const ast::Decl*>& members) {
  return std::any_of(members.begin(), members.end(),
                     [](const ast::Decl* member) { return isa<ast::CapDecl>(member); });
}

// The agreement's terms, then each revision's: objectives and remedies in
// force replaced by the ones it restates (docs/language.md, "Amendments").
void checkTerms(const ast::AgreementDecl& agreement, const ConstantFacts& facts,
                Findings& findings) {
  std::vector<const ast::ObjectiveDecl*> objectives;
  std::vector<const ast::RemedyDecl*> remedies;
  for (const ast::Decl* member : agreement.members)
    if (const auto* objective = dyn_cast<ast::ObjectiveDecl>(member))
      objectives.push_back(objective);
    else if (const auto* remedy = dyn_cast<ast::RemedyDecl>(member))
      remedies.push_back(remedy);
  checkContradictions(agreement, objectives, nullptr, facts, findings);
  bool capped = hasCap(agreement.members);
  if (!capped)
    checkCredits(agreement, remedies, agreement.name, facts, findings);
  for (const ast::RevisionDecl* revision : agreement.revisions) {
    std::set<const ast::ObjectiveDecl*> restated;
    std::set<std::string_view> remediedObjectives;
    std::vector<const ast::RemedyDecl*> newRemedies;
    for (const ast::Decl* member : revision->members)
      if (const auto* objective = dyn_cast<ast::ObjectiveDecl>(member)) {
        for (const ast::ObjectiveDecl*& inForce : objectives)
          if (inForce->name.name == objective->name.name) {
            inForce = objective;
            restated.insert(objective);
          }
      } else if (const auto* remedy = dyn_cast<ast::RemedyDecl>(member)) {
        remediedObjectives.insert(remedy->objective.name);
        newRemedies.push_back(remedy);
      }
    if (!restated.empty())
      checkContradictions(agreement, objectives, &restated, facts, findings);
    std::erase_if(remedies, [&](const ast::RemedyDecl* remedy) {
      return remediedObjectives.count(remedy->objective.name) > 0;
    });
    remedies.insert(remedies.end(), newRemedies.begin(), newRemedies.end());
    capped = capped || hasCap(revision->members);
    if (!capped && !newRemedies.empty())
      checkCredits(agreement, remedies, revision->name, facts, findings);
  }
}

} // namespace

void checkAgreements(const std::vector<const modules::Module*>& modules, const ConstantFacts& facts,
                     Findings& findings) {
  for (const modules::Module* module : modules)
    for (const ast::Decl* decl : module->ast.declarations)
      if (const auto* agreement = dyn_cast<ast::AgreementDecl>(decl))
        checkTerms(*agreement, facts, findings);
}

} // namespace slac::check
