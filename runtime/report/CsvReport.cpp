#include "calendar/Calendar.h"
#include "eval/ExprInterpreter.h"
#include "report/Renderers.h"
#include "report/ValueFormat.h"

#include <fmt/format.h>

namespace slac::report {

std::string renderCsv(const eval::Report& report, const plan::Program& program) {
  std::string text = "agreement,objective,window,window_start,window_end,group,value,target,"
                     "status,pending_records,budget_decided,budget_misses,budget_allowed_misses,"
                     "budget_remaining_percent,credit,credit_currency\n";
  for (std::size_t a = 0; a < report.agreements.size(); ++a) {
    const eval::AgreementReport& agreementReport = report.agreements[a];
    const plan::Agreement& agreement = program.agreements[a];
    const date::time_zone& zone = *date::locate_zone(agreement.zone);
    for (const eval::ObjectiveWindow& judged : agreementReport.windows) {
      const plan::Objective& objective = agreement.objectives[judged.objectiveIndex];
      eval::Amount credit{};
      for (const eval::RemedyResult& remedy : judged.remedies)
        credit = {credit.value + remedy.credit.value, remedy.credit.percentOfFee,
                  remedy.credit.currency};
      std::vector<std::string> cells = {
          agreementReport.name,
          judged.objective,
          objectiveWindowLabel(judged, objective.period, zone),
          calendar::formatInstant(judged.window.start),
          calendar::formatInstant(judged.window.end),
          judged.group.value_or(""),
          judged.value.isSet() ? valueText(judged.value, objective.targetType, program) : "",
          fmt::format("{} {}", plan::comparisonSpelling(objective.comparison),
                      valueText(eval::valueOfConstant(objective.targetType, objective.target),
                                objective.targetType, program)),
          eval::statusName(judged.status),
          std::to_string(judged.pendingRecords),
          judged.budget ? std::to_string(judged.budget->total) : "",
          judged.budget ? std::to_string(judged.budget->misses) : "",
          judged.budget ? decimalText(judged.budget->allowedMisses) : "",
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
  return text;
}

} // namespace slac::report
