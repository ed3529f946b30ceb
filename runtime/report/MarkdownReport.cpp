#include "calendar/Calendar.h"
#include "report/ReadableReport.h"
#include "report/Renderers.h"
#include "report/ValueFormat.h"
#include "values/Zones.h"

#include <fmt/format.h>
#include <optional>

namespace slac::report {

namespace {

// A table cell: pipes escaped, line breaks as spaces.
std::string cell(std::string_view text) {
  std::string escaped;
  for (char c : text) {
    if (c == '|')
      escaped += "\\|";
    else if (c == '\n' || c == '\r')
      escaped += ' ';
    else
      escaped += c;
  }
  return escaped;
}

std::string row(const std::vector<std::string>& cells) {
  std::string text = "|";
  for (const std::string& text_ : cells)
    text += fmt::format(" {} |", cell(text_));
  return text + "\n";
}

std::string header(const std::vector<std::string>& cells) {
  std::string text = row(cells) + "|";
  for (std::size_t i = 0; i < cells.size(); ++i)
    text += "---|";
  return text + "\n";
}

} // namespace

std::string renderMarkdown(const eval::Report& report, const plan::Program& program,
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
    text += fmt::format("{}## {}{}\n\n", a == 0 ? "" : "\n", agreementReport.name,
                        agreementReport.title.empty() ? "" : " — " + agreementReport.title);
    std::vector<Fact> facts = agreementFacts(agreementReport, program, zone);
    if (!facts.empty()) {
      text += header({"", ""});
      for (const Fact& fact : facts)
        text += row({"**" + fact.label + "**", fact.text});
      text += "\n";
    }
    text += header({"objective", "what it measures"});
    for (const eval::ObjectiveHeading& heading : agreementReport.objectives)
      text += row({"`" + heading.name + "`", objectiveDescription(heading)});
    text += "\n";
    text += header(
        {"objective", "window", "group", "value", "target", "status", "budget left", "credit"});
    for (const eval::ObjectiveWindow& judged : agreementReport.windows) {
      const plan::Objective& objective = agreement.objectives[judged.objectiveIndex];
      std::string value = windowValueText(judged, objective, program, digits);
      if (judged.pendingRecords > 0)
        value += fmt::format(" ({} pending)", judged.pendingRecords);
      std::string status = statusMark(judged.status);
      if (judged.status == eval::Status::Breached)
        status = "**" + status + "**";
      text += row({judged.objective, objectiveWindowLabel(judged, objective.period, zone),
                   judged.group.value_or("-"), value, targetText(judged, objective, program),
                   status, budgetText(judged), creditText(judged)});
    }
    text += "\n";
    bool anyCredit = false;
    for (const eval::CreditTotal& total : agreementReport.credits) {
      if (total.beforeCap.value.isZero())
        continue;
      if (!anyCredit)
        text += "**Credits owed**\n\n" + header({"period", "group", "owed", "before cap"});
      anyCredit = true;
      text += row({windowLabel(total.calendarPeriod, plan::Period{total.unit, 0}, zone),
                   total.group.value_or("-"), amountText(total.owed),
                   total.capped ? amountText(total.beforeCap) + " (capped)" : "-"});
    }
    text += anyCredit ? "\n" : "**Credits owed:** none\n\n";
    for (const eval::TerminationRight& right : agreementReport.terminations)
      text += fmt::format("**Right to terminate:** `{}`{} breached {} consecutive times, from "
                          "{}\n\n",
                          right.objective, right.group ? " for " + *right.group : "",
                          right.consecutive, calendar::formatInstant(right.reachedIn.end));
    if (!explainer)
      continue;
    std::vector<BreachDetails> breaches =
        breachesOf(a, report, program, *explainer, options.explainLimit);
    text += breaches.empty() ? "**Misses of breached windows:** none\n\n"
                             : "**Misses of breached windows**\n\n";
    for (const BreachDetails& breach : breaches) {
      const eval::ObjectiveWindow& judged = *breach.judged;
      const plan::Objective& objective = agreement.objectives[judged.objectiveIndex];
      text += breachTitle(breach, objective, zone) + "\n\n";
      for (const eval::Window& span : breach.badSpans)
        text += fmt::format("- {}\n", spanText(span, zone));
      if (!breach.badSpans.empty())
        text += "\n";
      if (!breach.records.empty()) {
        text += header(missColumns(breach));
        for (const MissExplanation& miss : breach.records)
          text += row(missCells(miss, zone));
        text += "\n";
      }
      if (breach.notListed > 0)
        text += fmt::format("... and {} more\n\n", breach.notListed);
    }
  }
  text +=
      fmt::format("_Evaluated at {}; {} records read, {} rejected",
                  calendar::formatInstant(report.at), report.recordsRead, report.recordsRejected);
  if (report.recordsAfterAt > 0)
    text += fmt::format(", {} after {} not counted", report.recordsAfterAt,
                        calendar::formatInstant(report.at));
  text += "._\n";
  return text;
}

} // namespace slac::report
