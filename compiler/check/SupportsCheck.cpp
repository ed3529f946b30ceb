#include "check/SupportsCheck.h"

#include "check/ObjectiveMeasure.h"
#include "check/TargetSet.h"

#include <fmt/format.h>
#include <map>
#include <set>

namespace slac::check {

namespace {

// The target of each class an objective names in a target per class
// (`match tier { gold => 99.9%, _ => 99.5% }`; `_` for the classes it does
// not name), or its one target under `_`. A target that did not fold is
// absent (the type checker reports it).
std::map<std::string, ExactValue> targetsByClass(const ast::ObjectiveDecl& objective,
                                                 const ConstantFacts& facts) {
  std::map<std::string, ExactValue> targets;
  const auto* byClass = dyn_cast<ast::MatchExpr>(objective.target);
  if (!byClass) {
    if (auto value = facts.valueOf(objective.target))
      targets.emplace("_", *value);
    return targets;
  }
  for (const ast::MatchArm& arm : byClass->arms())
    if (auto value = facts.valueOf(arm.value))
      for (const ast::Identifier& pattern : arm.patterns)
        targets.emplace(pattern.name, *value);
  return targets;
}

// Objectives with a target per class are compared class by class: each
// class the supporting objective names, or the rest (`_`), against the
// target the supported one gives that class.
void checkPerClass(const ast::ObjectiveDecl& ola, const ast::AgreementDecl& supporting,
                   const ast::ObjectiveDecl& sla, const ast::AgreementDecl& supported,
                   const ConstantFacts& facts, Findings& findings) {
  std::map<std::string, ExactValue> olaTargets = targetsByClass(ola, facts);
  std::map<std::string, ExactValue> slaTargets = targetsByClass(sla, facts);
  std::set<std::string> classes;
  for (const auto& [name, value] : olaTargets)
    classes.insert(name);
  for (const auto& [name, value] : slaTargets)
    classes.insert(name);
  auto targetOf = [](const std::map<std::string, ExactValue>& targets, const std::string& name) {
    auto found = targets.find(name);
    return found != targets.end() ? found : targets.find("_");
  };
  for (const std::string& name : classes) {
    auto olaTarget = targetOf(olaTargets, name);
    auto slaTarget = targetOf(slaTargets, name);
    if (olaTarget == olaTargets.end() || slaTarget == slaTargets.end() ||
        !olaTarget->second.comparableWith(slaTarget->second))
      continue;
    if (TargetSet{ola.comparison, olaTarget->second}.isSubsetOf(
            TargetSet{sla.comparison, slaTarget->second}))
      continue;
    std::string forClass = name == "_" ? "" : fmt::format(" for {}", name);
    auto spelling = [&](const ast::ObjectiveDecl& objective, const ExactValue& value) {
      return fmt::format("{} {}{}", ast::binaryOpSpelling(objective.comparison), value.toString(),
                         forClass);
    };
    findings
        .report({&ola, &supporting}, DiagnosticKind::LooserThanSupported, ola.range(),
                ola.name.name, spelling(ola, olaTarget->second), sla.name.name, supported.name.name,
                spelling(sla, slaTarget->second))
        .note(sla.range(), "`{}` of `{}` is declared here", sla.name.name, supported.name.name);
    return;
  }
}

void checkPair(const ast::ObjectiveDecl& ola, const ast::AgreementDecl& supporting,
               const ast::ObjectiveDecl& sla, const ast::AgreementDecl& supported,
               const ConstantFacts& facts, Findings& findings) {
  auto differently = [&](std::string reason) {
    findings
        .report({}, DiagnosticKind::SupportedObjectiveMeasuredDifferently, ola.name.range,
                ola.name.name, sla.name.name, supported.name.name, reason)
        .note(sla.name.range, "`{}` is declared here", sla.name.name);
  };
  std::string olaMetric = metricSpelling(ola.metric);
  std::string slaMetric = metricSpelling(sla.metric);
  if (olaMetric != slaMetric)
    return differently(fmt::format("measures `{}` instead of `{}`", olaMetric, slaMetric));
  if (measurementSpelling(ola) != measurementSpelling(sla))
    return differently("its `during`, `outside`, `excluding`, `over` or `per` clauses differ");
  if (isa<ast::MatchExpr>(ola.target) || isa<ast::MatchExpr>(sla.target))
    return checkPerClass(ola, supporting, sla, supported, facts, findings);
  std::optional<ExactValue> olaTarget = facts.valueOf(ola.target);
  std::optional<ExactValue> slaTarget = facts.valueOf(sla.target);
  if (!olaTarget || !slaTarget)
    return; // a target that did not type, which the type checker reports
  if (!olaTarget->comparableWith(*slaTarget))
    return; // a unit mismatch, which the type checker reports

  TargetSet olaMet{ola.comparison, *olaTarget};
  TargetSet slaMet{sla.comparison, *slaTarget};
  if (!olaMet.isSubsetOf(slaMet))
    findings
        .report({&ola, &supporting}, DiagnosticKind::LooserThanSupported, ola.range(),
                ola.name.name, targetSpelling(ola, facts), sla.name.name, supported.name.name,
                targetSpelling(sla, facts))
        .note(sla.range(), "`{}` of `{}` is declared here", sla.name.name, supported.name.name);
}

// An objective as the agreement states it (from its start, no date) and
// as each revision restates it, in date order.
using Versions = std::vector<std::pair<std::optional<ast::CivilDate>, const ast::ObjectiveDecl*>>;

Versions versionsOf(const ast::AgreementDecl& agreement, const ast::ObjectiveDecl& objective) {
  Versions versions{{std::nullopt, &objective}};
  for (const ast::RevisionDecl* revision : agreement.revisions)
    for (const ast::Decl* member : revision->members)
      if (const auto* restated = dyn_cast<ast::ObjectiveDecl>(member);
          restated && restated->name.name == objective.name.name)
        versions.emplace_back(revision->from, restated);
  return versions;
}

const ast::ObjectiveDecl* versionOn(const Versions& versions,
                                    const std::optional<ast::CivilDate>& date) {
  const ast::ObjectiveDecl* inForce = versions.front().second;
  for (const auto& [from, version] : versions)
    if (from <= date)
      inForce = version;
  return inForce;
}

} // namespace

void checkSupports(const ResolvedNames& names, const ConstantFacts& facts, Findings& findings) {
  for (const auto& [ola, sla] : names.supported) {
    std::map<std::string_view, const ast::ObjectiveDecl*> supported;
    for (const ast::Decl* member : sla->members)
      if (const auto* objective = dyn_cast<ast::ObjectiveDecl>(member))
        supported.emplace(objective->name.name, objective);
    for (const ast::Decl* member : ola->members) {
      const auto* objective = dyn_cast<ast::ObjectiveDecl>(member);
      if (!objective)
        continue;
      auto found = supported.find(objective->name.name);
      if (found == supported.end())
        continue;
      // Each pair of versions in force together at some date is compared.
      Versions olaVersions = versionsOf(*ola, *objective);
      Versions slaVersions = versionsOf(*sla, *found->second);
      std::set<std::optional<ast::CivilDate>> dates;
      for (const auto& [from, version] : olaVersions)
        dates.insert(from);
      for (const auto& [from, version] : slaVersions)
        dates.insert(from);
      std::set<std::pair<const ast::ObjectiveDecl*, const ast::ObjectiveDecl*>> compared;
      for (const std::optional<ast::CivilDate>& date : dates) {
        const ast::ObjectiveDecl* olaVersion = versionOn(olaVersions, date);
        const ast::ObjectiveDecl* slaVersion = versionOn(slaVersions, date);
        if (compared.insert({olaVersion, slaVersion}).second)
          checkPair(*olaVersion, *ola, *slaVersion, *sla, facts, findings);
      }
    }
  }
}

} // namespace slac::check
