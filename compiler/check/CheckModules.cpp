#include "check/CheckModules.h"

#include "check/AgreementChecks.h"
#include "check/AgreementHeaderChecks.h"
#include "check/BusinessDaysChecks.h"
#include "check/CalendarChecks.h"
#include "check/MatchChecks.h"
#include "check/NameResolution.h"
#include "check/PercentChecks.h"
#include "check/PlanBuilder.h"
#include "check/RemedyChecks.h"
#include "check/SupportsCheck.h"

namespace slac::check {

std::optional<plan::Program> checkModules(const std::vector<const modules::Module*>& modules,
                                          const SourceManager& sources,
                                          DiagnosticEngine& diagnostics) {
  ResolvedNames names = resolveNames(modules, diagnostics);
  checkCalendars(modules, diagnostics);
  checkAgreementHeaders(modules, diagnostics);
  checkMatches(modules, diagnostics);
  checkPercents(modules, diagnostics);
  checkBusinessDays(modules, diagnostics);
  // The consistency checks judge the constants as the plan folded them.
  ConstantFacts facts;
  std::optional<plan::Program> plan = buildPlan(modules, names, sources, diagnostics, &facts);
  Findings findings(modules, diagnostics);
  checkSupports(names, facts, findings);
  checkAgreements(modules, facts, findings);
  checkRemedies(modules, facts, findings);
  findings.reportUnused();
  if (diagnostics.hasErrors())
    plan.reset();
  return plan;
}

} // namespace slac::check
