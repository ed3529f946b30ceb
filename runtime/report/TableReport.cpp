#include "calendar/Calendar.h"
#include "eval/ExprInterpreter.h"
#include "report/ReadableReport.h"
#include "report/Renderers.h"
#include "report/ValueFormat.h"
#include "values/Zones.h"

#include <algorithm>
#include <fmt/format.h>
#include <optional>

namespace slac::report {

namespace {

// Width in terminal columns: code points, not bytes (the status marks and
// names may be UTF-8).
std::size_t columnsOf(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// Aligned columns; the last column is not padded.
class Table {
public:
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }

  std::string render(std::string_view indent) const {
    std::vector<std::size_t> widths;
    for (const auto& row : rows_)
      for (std::size_t i = 0; i < row.size(); ++i) {
        widths.resize(std::max(widths.size(), row.size()));
        widths[i] = std::max(widths[i], columnsOf(row[i]));
      }
    std::string text;
    for (const auto& row : rows_) {
      text += indent;
      for (std::size_t i = 0; i < row.size(); ++i) {
        text += row[i];
        if (i + 1 < row.size())
          text += std::string(widths[i] - columnsOf(row[i]) + 2, ' ');
      }
      while (!text.empty() && text.back() == ' ')
        text.pop_back();
      text += "\n";
    }
    return text;
  }

private:
  std::vector<std::vector<std::string>> rows_;
};

std::string explanationText(const std::vector<BreachDetails>& breaches,
                            const plan::Agreement& agreement, const values::Zone& zone) {
  if (breaches.empty())
    return "  misses of breached windows: none\n";
  std::string text = "  misses of breached windows:\n";
  for (const BreachDetails& breach : breaches) {
    const eval::ObjectiveWindow& judged = *breach.judged;
    const plan::Objective& objective = agreement.objectives[judged.objectiveIndex];
    text += "    " + breachTitle(breach, objective, zone) + "\n";
    for (const eval::Window& span : breach.badSpans)
      text += fmt::format("      {}\n", spanText(span, zone));
    Table records;
    if (!breach.records.empty())
      records.add(missColumns(breach));
    for (const MissExplanation& miss : breach.records)
      records.add(missCells(miss, zone));
    text += records.render("      ");
    if (breach.notListed > 0)
      text += fmt::format("      ... and {} more\n", breach.notListed);
  }
  return text;
}

} // namespace

std::string renderTable(const eval::Report& report, const plan::Program& program,
                        const RenderOptions& options) {
  std::string text;
  std::optional<MissExplainer> explainer;
  if (options.explain)
    explainer.emplace(program, report);
  int digits = options.precision;
  for (std::size_t a = 0; a < report.agreements.size(); ++a) {
    const eval::AgreementReport& agreementReport = report.agreements[a];
    const plan::Agreement& agreement = program.agreements[a];
    const values::Zone& zone = *values::findZone(agreement.zone);
    text += fmt::format("{}{}{}\n", a == 0 ? "" : "\n", agreementReport.name,
                        agreementReport.title.empty() ? "" : " \"" + agreementReport.title + "\"");
    Table facts;
    for (const Fact& fact : agreementFacts(agreementReport, program, zone))
      facts.add({fact.label + ":", fact.text});
    text += facts.render("  ");
    Table headings;
    for (const eval::ObjectiveHeading& heading : agreementReport.objectives)
      headings.add({heading.name, objectiveDescription(heading)});
    text += "  objectives:\n" + headings.render("    ");
    Table table;
    table.add(
        {"objective", "window", "group", "value", "target", "status", "budget left", "credit"});
    for (const eval::ObjectiveWindow& judged : agreementReport.windows) {
      const plan::Objective& objective = agreement.objectives[judged.objectiveIndex];
      std::string value = windowValueText(judged, objective, program, digits);
      if (judged.pendingRecords > 0)
        value += fmt::format(" ({} pending)", judged.pendingRecords);
      table.add({judged.objective, objectiveWindowLabel(judged, objective.period, zone),
                 judged.group.value_or("-"), value, targetText(judged, objective, program),
                 statusMark(judged.status), budgetText(judged), creditText(judged)});
    }
    text += table.render("  ");
    Table credits;
    for (const eval::CreditTotal& total : agreementReport.credits) {
      if (total.beforeCap.value.isZero())
        continue;
      std::string period = windowLabel(total.calendarPeriod, plan::Period{total.unit, 0}, zone);
      credits.add(
          {period, total.group.value_or("-"), amountText(total.owed),
           total.capped ? fmt::format("(capped from {})", amountText(total.beforeCap)) : ""});
    }
    std::string owed = credits.render("    ");
    text += owed.empty() ? "  credits owed: none\n" : "  credits owed:\n" + owed;
    for (const eval::TerminationRight& right : agreementReport.terminations)
      text += fmt::format("  right to terminate: `{}`{} breached {} consecutive times, from {}\n",
                          right.objective, right.group ? " for " + *right.group : "",
                          right.consecutive, calendar::formatInstant(right.reachedIn.end));
    if (explainer)
      text += explanationText(breachesOf(a, report, program, *explainer, options.explainLimit),
                              agreement, zone);
  }
  text +=
      fmt::format("\nevaluated at {}; {} records read, {} rejected",
                  calendar::formatInstant(report.at), report.recordsRead, report.recordsRejected);
  if (report.recordsAfterAt > 0)
    text += fmt::format(", {} after {} not counted", report.recordsAfterAt,
                        calendar::formatInstant(report.at));
  text += "\n";
  for (const auto& [reason, count] : report.rejectedByReason)
    text += fmt::format("  {} rejected: {}\n", reason, count);
  return text;
}

} // namespace slac::report
