#include "check/SupportsCheck.h"

#include "check/TargetSet.h"

#include <fmt/format.h>

namespace slac::check {

namespace {

// `portal.availability`, or empty for another kind of expression.
std::string metricSpelling(const ast::Expr* metric) {
  const auto* member = dyn_cast<ast::MemberExpr>(metric);
  const auto* service = member ? dyn_cast<ast::NameExpr>(member->base()) : nullptr;
  return service ? service->name().name + "." + member->member().name : std::string();
}

// The clauses that say how an objective is measured, as text: two
// objectives measured the same way have equal descriptions.
std::string measurementSpelling(const ast::ObjectiveDecl& objective) {
  std::string text;
  for (const ast::ObjectiveClause& clause : objective.clauses) {
    if (const auto* filter = std::get_if<ast::CalendarFilter>(&clause)) {
      static constexpr const char* kModes[] = {"during", "outside", "excluding"};
      text += fmt::format(" {} {}", kModes[static_cast<int>(filter->mode)],
                          filter->calendar.spelling());
    } else if (const auto* over = std::get_if<ast::OverClause>(&clause)) {
      text += over->period.unit ? fmt::format(" over {}", ast::periodUnitName(*over->period.unit))
                                : fmt::format(" over rolling {}us", over->period.rollingMicros);
    } else if (const auto* per = std::get_if<ast::PerClause>(&clause)) {
      text += " per " + per->field.name;
    }
  }
  return text;
}

std::string targetSpelling(const ast::ObjectiveDecl& objective) {
  std::string target;
  if (const auto* percent = dyn_cast<ast::PercentLiteral>(objective.target))
    target = percent->spelling();
  else if (const auto* decimal = dyn_cast<ast::DecimalLiteral>(objective.target))
    target = decimal->spelling();
  else if (const auto* integer = dyn_cast<ast::IntLiteral>(objective.target))
    target = integer->spelling();
  else if (const auto* duration = dyn_cast<ast::DurationLiteral>(objective.target))
    target = duration->spelling();
  else if (const auto* money = dyn_cast<ast::MoneyLiteral>(objective.target))
    target = money->spelling();
  return fmt::format("{} {}", ast::binaryOpSpelling(objective.comparison), target);
}

const ast::ObjectiveDecl* objectiveNamed(const ast::AgreementDecl& agreement,
                                         const std::string& name) {
  for (const ast::Decl* member : agreement.members)
    if (const auto* objective = dyn_cast<ast::ObjectiveDecl>(member);
        objective && objective->name.name == name)
      return objective;
  return nullptr;
}

void checkPair(const ast::ObjectiveDecl& ola, const ast::ObjectiveDecl& sla,
               const ast::AgreementDecl& supported, DiagnosticEngine& diagnostics) {
  auto differently = [&](std::string reason) {
    diagnostics
        .report(DiagnosticKind::SupportedObjectiveMeasuredDifferently, ola.name.range,
                ola.name.name, sla.name.name, supported.name.name, reason)
        .note(sla.name.range, "`{}` is declared here", sla.name.name);
  };
  std::string olaMetric = metricSpelling(ola.metric);
  std::string slaMetric = metricSpelling(sla.metric);
  if (olaMetric != slaMetric)
    return differently(fmt::format("measures `{}` instead of `{}`", olaMetric, slaMetric));
  if (measurementSpelling(ola) != measurementSpelling(sla))
    return differently("its `during`, `outside`, `excluding`, `over` or `per` clauses differ");
  std::optional<ExactValue> olaTarget = exactValueOf(ola.target);
  std::optional<ExactValue> slaTarget = exactValueOf(sla.target);
  if (!olaTarget || !slaTarget || !olaTarget->comparableWith(*slaTarget))
    return differently("its target is not a value of the same kind");
  TargetSet olaMet{ola.comparison, *olaTarget};
  TargetSet slaMet{sla.comparison, *slaTarget};
  if (!olaMet.isSubsetOf(slaMet))
    diagnostics
        .report(DiagnosticKind::LooserThanSupported, ola.range(), ola.name.name,
                targetSpelling(ola), sla.name.name, supported.name.name, targetSpelling(sla))
        .note(sla.range(), "`{}` of `{}` is declared here", sla.name.name, supported.name.name);
}

} // namespace

void checkSupports(const ResolvedNames& names, DiagnosticEngine& diagnostics) {
  for (const auto& [ola, sla] : names.supported)
    for (const ast::Decl* member : ola->members)
      if (const auto* objective = dyn_cast<ast::ObjectiveDecl>(member))
        if (const auto* supported = objectiveNamed(*sla, objective->name.name))
          checkPair(*objective, *supported, *sla, diagnostics);
}

} // namespace slac::check
