#include "check/SupportsCheck.h"

#include "check/ObjectiveMeasure.h"
#include "check/TargetSet.h"

#include <fmt/format.h>
#include <map>

namespace slac::check {

namespace {

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

} // namespace

void checkSupports(const ResolvedNames& names, const ConstantFacts& facts, Findings& findings) {
  for (const auto& [ola, sla] : names.supported) {
    std::map<std::string_view, const ast::ObjectiveDecl*> supported;
    for (const ast::Decl* member : sla->members)
      if (const auto* objective = dyn_cast<ast::ObjectiveDecl>(member))
        supported.emplace(objective->name.name, objective);
    for (const ast::Decl* member : ola->members)
      if (const auto* objective = dyn_cast<ast::ObjectiveDecl>(member))
        if (auto found = supported.find(objective->name.name); found != supported.end())
          checkPair(*objective, *ola, *found->second, *sla, facts, findings);
  }
}

} // namespace slac::check
