#include "calendar/Calendar.h"
#include "eval/ExprInterpreter.h"
#include "report/ChunkedOutput.h"
#include "report/Renderers.h"
#include "report/ValueFormat.h"
#include "values/Zones.h"

#include <fmt/format.h>
#include <sstream>

namespace slac::report {

namespace {

// A count of records, or for a budget of covered time a duration (the
// measured time, the downtime).
std::string budgetCell(const std::optional<eval::ErrorBudget>& budget,
                       std::int64_t eval::ErrorBudget::*member) {
  if (!budget)
    return "";
  if (budget->unit == eval::ErrorBudget::Unit::Time)
    return durationText((*budget).*member);
  return std::to_string((*budget).*member);
}

} // namespace

void writeCsv(std::ostream& out, const eval::Report& report, const plan::Program& program) {
  ChunkedOutput text(out);
  text += "agreement,objective,window,window_start,window_end,group,value,target,"
          "status,pending_records,budget_decided,budget_misses,budget_allowed_misses,"
          "budget_remaining_percent,credit,credit_currency\n";
  for (std::size_t a = 0; a < report.agreements.size(); ++a) {
    const eval::AgreementReport& agreementReport = report.agreements[a];
    const plan::Agreement& agreement = program.agreements[a];
    const values::Zone& zone = *values::findZone(agreement.zone);
    for (const eval::ObjectiveWindow& judged : agreementReport.windows) {
      // A stream that failed takes nothing more: the rows left would be
      // formatted for nothing.
      if (text.failed())
        break;
      const plan::Objective& objective = agreement.objectives[judged.objectiveIndex];
      eval::Amount credit{};
      for (const eval::RemedyResult& remedy : judged.remedies)
        credit = {credit.value + remedy.credit.value, remedy.credit.percentOfFee,
                  remedy.credit.currency};
      bool timeBudget = judged.budget && judged.budget->unit == eval::ErrorBudget::Unit::Time;
      std::vector<std::string> cells = {
          agreementReport.name,
          judged.objective,
          objectiveWindowLabel(judged, objective.period, zone),
          calendar::formatInstant(judged.window.start),
          calendar::formatInstant(judged.window.end),
          judged.group.value_or(""),
          judged.value.isSet() ? valueText(judged.value, objective.targetType, program) : "",
          fmt::format("{} {}", plan::comparisonSpelling(objective.comparison),
                      valueText(eval::valueOfConstant(objective.targetType, judged.target),
                                objective.targetType, program)),
          eval::statusName(judged.status),
          std::to_string(judged.pendingRecords),
          budgetCell(judged.budget, &eval::ErrorBudget::total),
          budgetCell(judged.budget, &eval::ErrorBudget::misses),
          !judged.budget ? ""
          : timeBudget
              ? durationText(static_cast<std::int64_t>(judged.budget->allowedMisses.floor()))
              : decimalText(judged.budget->allowedMisses),
          judged.budget && judged.budget->remainingPercent
              ? decimalText(*judged.budget->remainingPercent)
              : "",
          judged.remedies.empty() ? ""
          : credit.percentOfFee   ? decimalText(credit.value) + "%"
                                  : credit.value.toDecimalString(minorUnitDigits(credit.currency)),
          judged.remedies.empty() || credit.percentOfFee ? ""
                                                         : plan::currencySpelling(credit.currency),
      };
      for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i)
          text += ',';
        text += csvCell(cells[i]);
      }
      text += "\n";
    }
  }
  text.flush();
}

std::string renderCsv(const eval::Report& report, const plan::Program& program) {
  std::ostringstream text;
  writeCsv(text, report, program);
  return std::move(text).str();
}

} // namespace slac::report
