#include "check/ObjectiveMeasure.h"

#include <fmt/format.h>

namespace slac::check {

std::string metricSpelling(const ast::Expr* metric) {
  const auto* member = dyn_cast<ast::MemberExpr>(metric);
  const auto* service = member ? dyn_cast<ast::NameExpr>(member->base()) : nullptr;
  return service ? service->name().name + "." + member->member().name : std::string();
}

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
      for (std::size_t i = 0; i < per->fields.size(); ++i)
        text += fmt::format("{}{}", i == 0 ? " per " : ", ", per->fields[i].name);
    }
  }
  return text;
}

std::string targetSpelling(const ast::ObjectiveDecl& objective, const ConstantFacts& facts) {
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
  else if (auto value = facts.valueOf(objective.target))
    target = value->toString();
  return fmt::format("{} {}", ast::binaryOpSpelling(objective.comparison), target);
}

} // namespace slac::check
