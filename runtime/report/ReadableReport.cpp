#include "report/ReadableReport.h"

#include "eval/ExprInterpreter.h"
#include "report/ValueFormat.h"

#include <algorithm>
#include <fmt/format.h>

namespace slac::report {

std::vector<Fact> agreementFacts(const eval::AgreementReport& agreement,
                                 const plan::Program& program, const values::Zone& zone) {
  std::vector<Fact> facts;
  if (!agreement.provider.empty())
    facts.push_back({"provider", agreement.provider});
  if (!agreement.customer.empty())
    facts.push_back({"customer", agreement.customer});
  if (agreement.fee)
    facts.push_back({"fee", feeText(*agreement.fee, program)});
  if (agreement.effectiveFrom || agreement.effectiveTo)
    facts.push_back(
        {"effective", fmt::format("{} to {}",
                                  agreement.effectiveFrom ? agreement.effectiveFrom->toString()
                                                          : std::string("the start"),
                                  agreement.effectiveTo ? agreement.effectiveTo->toString()
                                                        : std::string("further notice"))});
  if (const plan::Agreement* planned = program.findAgreement(agreement.name))
    for (const plan::Revision& revision : planned->revisions)
      facts.push_back(
          {"revision",
           fmt::format("{} from {}{}{}", revision.name, revision.from.toString(),
                       revision.title.empty() ? "" : fmt::format(" \"{}\"", revision.title),
                       revision.fee ? fmt::format(", fee {}", feeText(*revision.fee, program))
                                    : "")});
  if (!agreement.windows.empty()) {
    std::int64_t start = agreement.windows.front().window.start;
    std::int64_t end = agreement.windows.front().window.end;
    for (const eval::ObjectiveWindow& judged : agreement.windows) {
      start = std::min(start, judged.window.start);
      end = std::max(end, judged.window.end);
    }
    plan::Period day{plan::PeriodUnit::Day, 0};
    facts.push_back({"reported", fmt::format("{} to {}", windowLabel({start, start}, day, zone),
                                             windowLabel({end - 1, end - 1}, day, zone))});
  }
  return facts;
}

std::string objectiveDescription(const eval::ObjectiveHeading& heading) {
  std::string metric = heading.metric;
  if (!heading.metricTitle.empty())
    metric += ": " + heading.metricTitle;
  if (heading.title.empty())
    return metric;
  return fmt::format("{} ({})", heading.title, metric);
}

std::string windowValueText(const eval::ObjectiveWindow& judged, const plan::Objective& objective,
                            const plan::Program& program, int digits) {
  const eval::Value& value = judged.value;
  bool rounded = objective.targetType.is(plan::TypeKind::Percent) ||
                 objective.targetType.is(plan::TypeKind::Number);
  if (!value.isSet() || !rounded)
    return valueText(value, objective.targetType, program, digits);
  std::string target =
      decimalText(eval::valueOfConstant(objective.targetType, judged.target).exact);
  std::string exact = decimalText(value.exact);
  bool percent = objective.targetType.is(plan::TypeKind::Percent);
  auto misleads = [&](int places) {
    std::string shown = decimalText(value.exact, places);
    bool boundary = shown == target || (percent && (shown == "100" || shown == "0"));
    return boundary && shown != exact;
  };
  int places = digits;
  while (places < kExactDigits && misleads(places))
    ++places;
  return valueText(value, objective.targetType, program, places);
}

const char* statusMark(eval::Status status) {
  switch (status) {
  case eval::Status::Met:
    return "✓ met";
  case eval::Status::Breached:
    return "✗ breached";
  case eval::Status::Pending:
    return "… pending";
  case eval::Status::NoData:
    return "– no data";
  }
  return "?";
}

std::string creditText(const eval::ObjectiveWindow& judged) {
  std::string text;
  for (const eval::RemedyResult& remedy : judged.remedies) {
    if (!text.empty())
      text += ", ";
    text += amountText(remedy.credit);
    if (!remedy.bonus.value.isZero())
      text += fmt::format(" (bonus {})", amountText(remedy.bonus));
  }
  return text.empty() ? "-" : text;
}

std::string budgetText(const eval::ObjectiveWindow& judged) {
  if (!judged.budget)
    return "-";
  const eval::ErrorBudget& budget = *judged.budget;
  std::string left = budget.remainingPercent
                         ? decimalText(eval::Rational(budget.remainingPercent->floor())) + "%"
                         : "none";
  if (budget.unit == eval::ErrorBudget::Unit::Time)
    return fmt::format("{} ({} of {} downtime allowed)", left, durationText(budget.misses),
                       durationText(static_cast<std::int64_t>(budget.allowedMisses.floor())));
  return fmt::format("{} ({} of {} misses allowed)", left, budget.misses,
                     decimalText(budget.allowedMisses));
}

std::vector<BreachDetails> breachesOf(std::size_t agreementIndex, const eval::Report& report,
                                      const plan::Program& program, const MissExplainer& explainer,
                                      std::size_t limit) {
  std::vector<BreachDetails> breaches;
  const eval::AgreementReport& agreement = report.agreements[agreementIndex];
  for (const eval::ObjectiveWindow& judged : agreement.windows) {
    if (judged.status != eval::Status::Breached)
      continue;
    BreachDetails details;
    details.judged = &judged;
    if (!judged.misses) {
      breaches.push_back(std::move(details));
      continue;
    }
    details.listed = true;
    details.count = judged.misses->count;
    const plan::Objective& objective =
        program.agreements[agreementIndex].objectives[judged.objectiveIndex];
    const plan::Expr* whole = program.metrics[objective.metric].value;
    const plan::Aggregate* aggregate =
        whole->kind == plan::ExprKind::Aggregate ? &program.aggregates[whole->slot] : nullptr;
    if (aggregate && aggregate->stream == plan::kNoSlot) {
      for (std::int64_t start : judged.misses->times) {
        if (!details.badSpans.empty() && details.badSpans.back().end == start)
          details.badSpans.back().end += aggregate->sliceMicros;
        else
          details.badSpans.push_back({start, start + aggregate->sliceMicros});
      }
    }
    std::vector<eval::MissedRecord> records = judged.misses->records;
    std::stable_sort(records.begin(), records.end(),
                     [](const eval::MissedRecord& a, const eval::MissedRecord& b) {
                       return a.eventTime < b.eventTime;
                     });
    for (const eval::MissedRecord& record : records) {
      if (details.records.size() >= limit)
        break;
      details.records.push_back(explainer.explain(agreementIndex, judged, record));
    }
    if (details.badSpans.size() > limit) {
      details.notListed = static_cast<std::int64_t>(details.badSpans.size() - limit);
      details.badSpans.resize(limit);
    } else if (details.badSpans.empty()) {
      details.notListed = details.count - static_cast<std::int64_t>(details.records.size());
    }
    breaches.push_back(std::move(details));
  }
  return breaches;
}

std::string breachTitle(const BreachDetails& breach, const plan::Objective& objective,
                        const values::Zone& zone) {
  const eval::ObjectiveWindow& judged = *breach.judged;
  std::string title = fmt::format("{} {}{}: ", judged.objective,
                                  objectiveWindowLabel(judged, objective.period, zone),
                                  judged.group ? " " + *judged.group : "");
  if (breach.listed && judged.budget && judged.budget->unit == eval::ErrorBudget::Unit::Time)
    return title + fmt::format("{} {} covering {} of downtime in {} measured", breach.count,
                               breach.count == 1 ? "interval" : "intervals",
                               durationText(judged.budget->misses),
                               durationText(judged.budget->total));
  if (!breach.listed)
    return title + "no records to list (a count, a sum or a metric of several aggregates misses "
                   "as a whole, not record by record)";
  const char* noun = breach.badSpans.empty() ? (breach.count == 1 ? "miss" : "misses")
                                             : (breach.count == 1 ? "bad slice" : "bad slices");
  return title + fmt::format("{} {}", breach.count, noun);
}

std::string lateText(const MissExplanation& explanation) {
  if (!explanation.late)
    return "-";
  std::string text = hoursText(*explanation.late);
  if (!explanation.lateCalendar.empty())
    text += fmt::format(" in {}", explanation.lateCalendar);
  return text;
}

std::string dueText(const MissExplanation& explanation, const values::Zone& zone) {
  return explanation.due ? localTimeText(*explanation.due, zone) : "-";
}

std::string doneText(const MissExplanation& explanation, const values::Zone& zone) {
  if (explanation.notDone)
    return "not yet";
  return explanation.done ? localTimeText(*explanation.done, zone) : "-";
}

std::vector<std::string> missColumns(const BreachDetails& breach) {
  if (breach.records.empty())
    return {};
  const MissExplanation& first = breach.records.front();
  if (first.covered)
    return {"record", first.eventField, first.endField, "covered"};
  return {"record", first.eventField, "due", "done", "late by", "measured"};
}

std::vector<std::string> missCells(const MissExplanation& explanation, const values::Zone& zone) {
  std::string start = localTimeText(explanation.eventTime, zone);
  if (explanation.covered)
    return {explanation.record, start,
            explanation.end ? localTimeText(*explanation.end, zone) : "open",
            durationText(*explanation.covered)};
  return {explanation.record,         start,
          dueText(explanation, zone), doneText(explanation, zone),
          lateText(explanation),      explanation.measured.empty() ? "-" : explanation.measured};
}

std::string spanText(const eval::Window& span, const values::Zone& zone) {
  std::string start = localTimeText(span.start, zone);
  std::string end = localTimeText(span.end, zone);
  // The same day: the end's time is enough.
  if (start.substr(0, 11) == end.substr(0, 11))
    end = end.substr(11);
  return fmt::format("{} to {} ({})", start, end, durationText(span.end - span.start));
}

} // namespace slac::report
