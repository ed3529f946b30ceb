#include "calendar/Calendar.h"
#include "eval/ExprInterpreter.h"
#include "report/ReadableReport.h"
#include "report/Renderers.h"
#include "report/ValueFormat.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

namespace slac::report {

namespace {

using Json = nlohmann::ordered_json;

Json amountJson(const eval::Amount& amount) {
  if (amount.percentOfFee)
    return {{"percent_of_fee", decimalText(amount.value)}};
  return {{"amount", amount.value.toDecimalString(minorUnitDigits(amount.currency))},
          {"currency", plan::currencySpelling(amount.currency)}};
}

// Exact values as decimal strings (never JSON floats, which would round);
// `exact` adds the fraction when the decimal had to be rounded.
Json valueJson(const eval::Value& value, const plan::Type& type, const plan::Program& program) {
  if (!value.isSet())
    return nullptr;
  Json json = {{"text", valueText(value, type, program)}};
  switch (type.kind) {
  case plan::TypeKind::Duration:
  case plan::TypeKind::Time:
    json["microseconds"] = static_cast<std::int64_t>(value.exact.floor());
    break;
  case plan::TypeKind::Money:
    json["amount"] = value.exact.toDecimalString(minorUnitDigits(type.detail));
    json["currency"] = plan::currencySpelling(type.detail);
    break;
  case plan::TypeKind::String:
  case plan::TypeKind::Enum:
  case plan::TypeKind::Bool:
    break;
  default:
    json["decimal"] = decimalText(value.exact);
    if ((value.exact * eval::Rational(1'000'000)).denominator() != 1)
      json["exact"] = eval::int128ToString(value.exact.numerator()) + "/" +
                      eval::int128ToString(value.exact.denominator());
    break;
  }
  return json;
}

Json feeJson(const std::optional<plan::Fee>& fee, const plan::Program& program) {
  if (!fee)
    return nullptr;
  auto amount = [&](const plan::Decimal& value) {
    return eval::Rational::ofDecimal(value).toDecimalString(minorUnitDigits(fee->currency));
  };
  Json json = {{"amount", fee->byClass() ? Json(nullptr) : Json(amount(fee->amount))},
               {"currency", plan::currencySpelling(fee->currency)},
               {"per", plan::periodUnitName(fee->per)},
               {"periods", fee->count}};
  if (fee->byClass()) {
    Json classes = Json::object();
    for (std::size_t c = 0; c < fee->byCase.size(); ++c)
      classes[program.enums[fee->classEnum].cases[c]] = amount(fee->byCase[c]);
    json["by"] = fee->classField;
    json["amounts"] = std::move(classes);
  }
  return json;
}

Json optionalInstant(const std::optional<std::int64_t>& instant) {
  return instant ? Json(calendar::formatInstant(*instant)) : Json(nullptr);
}

// The misses of a breached window (`--explain`).
Json breachJson(const BreachDetails& breach) {
  Json records = Json::array();
  for (const MissExplanation& miss : breach.records) {
    if (miss.covered) {
      records.push_back({{"record", miss.record},
                         {"at", calendar::formatInstant(miss.eventTime)},
                         {"end", optionalInstant(miss.end)},
                         {"covered_microseconds", *miss.covered}});
      continue;
    }
    records.push_back(
        {{"record", miss.record},
         {"at", calendar::formatInstant(miss.eventTime)},
         {"due", optionalInstant(miss.due)},
         {"done", miss.notDone ? Json(nullptr) : optionalInstant(miss.done)},
         {"late_microseconds", miss.late ? Json(*miss.late) : Json(nullptr)},
         {"late_calendar", miss.lateCalendar.empty() ? Json(nullptr) : Json(miss.lateCalendar)},
         {"measured", miss.measured.empty() ? Json(nullptr) : Json(miss.measured)}});
  }
  Json spans = Json::array();
  for (const eval::Window& span : breach.badSpans)
    spans.push_back({{"start", calendar::formatInstant(span.start)},
                     {"end", calendar::formatInstant(span.end)}});
  return {{"count", breach.count},
          {"records", std::move(records)},
          {"bad_slices", std::move(spans)},
          {"not_listed", breach.notListed}};
}

} // namespace

std::string renderJson(const eval::Report& report, const plan::Program& program,
                       const RenderOptions& options) {
  Json root;
  root["at"] = calendar::formatInstant(report.at);
  Json records = {{"read", report.recordsRead},
                  {"rejected", report.recordsRejected},
                  {"after_at", report.recordsAfterAt}};
  records["rejected_by_reason"] = Json::object();
  for (const auto& [reason, count] : report.rejectedByReason)
    records["rejected_by_reason"][reason] = count;
  root["records"] = std::move(records);
  root["agreements"] = Json::array();
  std::optional<MissExplainer> explainer;
  if (options.explain)
    explainer.emplace(program, report);
  for (std::size_t a = 0; a < report.agreements.size(); ++a) {
    const eval::AgreementReport& agreementReport = report.agreements[a];
    const plan::Agreement& agreement = program.agreements[a];
    const date::time_zone& zone = *date::locate_zone(agreement.zone);
    Json agreementJson = {{"name", agreementReport.name}, {"title", agreementReport.title}};
    auto orNull = [](const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); };
    agreementJson["provider"] = orNull(agreementReport.provider);
    agreementJson["customer"] = orNull(agreementReport.customer);
    agreementJson["fee"] = feeJson(agreementReport.fee, program);
    agreementJson["effective"] = {
        {"from", agreementReport.effectiveFrom ? Json(agreementReport.effectiveFrom->toString())
                                               : Json(nullptr)},
        {"to", agreementReport.effectiveTo ? Json(agreementReport.effectiveTo->toString())
                                           : Json(nullptr)}};
    if (!agreement.revisions.empty()) {
      Json revisions = Json::array();
      for (const plan::Revision& revision : agreement.revisions)
        revisions.push_back({{"name", revision.name},
                             {"title", orNull(revision.title)},
                             {"from", revision.from.toString()},
                             {"fee", feeJson(revision.fee, program)}});
      agreementJson["revisions"] = std::move(revisions);
    }
    Json headings = Json::array();
    for (const eval::ObjectiveHeading& heading : agreementReport.objectives)
      headings.push_back({{"name", heading.name},
                          {"title", orNull(heading.title)},
                          {"metric", heading.metric},
                          {"metric_title", orNull(heading.metricTitle)}});
    agreementJson["objective_headings"] = std::move(headings);
    std::map<const eval::ObjectiveWindow*, Json> explained;
    if (explainer)
      for (const BreachDetails& breach :
           breachesOf(a, report, program, *explainer, options.explainLimit))
        explained[breach.judged] = breachJson(breach);
    Json windows = Json::array();
    for (const eval::ObjectiveWindow& judged : agreementReport.windows) {
      const plan::Objective& objective = agreement.objectives[judged.objectiveIndex];
      Json window = {{"objective", judged.objective}};
      window["window"] = {{"label", objectiveWindowLabel(judged, objective.period, zone)},
                          {"start", calendar::formatInstant(judged.window.start)},
                          {"end", calendar::formatInstant(judged.window.end)}};
      if (judged.partial())
        window["window"]["partial_of"] = {{"start", calendar::formatInstant(judged.period.start)},
                                          {"end", calendar::formatInstant(judged.period.end)}};
      window["group"] = judged.group ? Json(*judged.group) : Json(nullptr);
      if (!judged.groupValues.empty()) {
        Json values = Json::object();
        for (std::size_t f = 0; f < judged.groupValues.size(); ++f)
          values[objective.groupFields[f]] = judged.groupValues[f];
        window["group_values"] = std::move(values);
      }
      if (!agreement.revisions.empty())
        window["revision"] = judged.revision ? Json(*judged.revision) : Json(nullptr);
      window["value"] = valueJson(judged.value, objective.targetType, program);
      window["target"] = {
          {"comparison", plan::comparisonSpelling(objective.comparison)},
          {"text", valueText(eval::valueOfConstant(objective.targetType, judged.target),
                             objective.targetType, program)}};
      window["status"] = eval::statusName(judged.status);
      window["pending_records"] = judged.pendingRecords;
      if (judged.budget) {
        const eval::ErrorBudget& budget = *judged.budget;
        Json remaining =
            budget.remainingPercent ? Json(decimalText(*budget.remainingPercent)) : Json(nullptr);
        // A duration as duration values are written; the allowance is
        // rounded down to the microsecond.
        auto duration = [](std::int64_t micros) {
          return Json{{"text", durationText(micros)}, {"microseconds", micros}};
        };
        if (budget.unit == eval::ErrorBudget::Unit::Time)
          window["budget"] = {{"measured", duration(budget.total)},
                              {"downtime", duration(budget.misses)},
                              {"allowed_downtime",
                               duration(static_cast<std::int64_t>(budget.allowedMisses.floor()))},
                              {"remaining_percent", remaining}};
        else
          window["budget"] = {{"decided", budget.total},
                              {"misses", budget.misses},
                              {"allowed_misses", decimalText(budget.allowedMisses)},
                              {"remaining_percent", remaining}};
      } else {
        window["budget"] = nullptr;
      }
      Json remedies = Json::array();
      for (const eval::RemedyResult& remedy : judged.remedies)
        remedies.push_back({{"remedy", remedy.remedy},
                            {"credit", amountJson(remedy.credit)},
                            {"bonus", amountJson(remedy.bonus)},
                            {"tier", remedy.tier ? Json(*remedy.tier) : Json(nullptr)},
                            {"per_breach", remedy.perBreach},
                            {"capped", remedy.capped}});
      window["remedies"] = std::move(remedies);
      if (explainer) {
        auto found = explained.find(&judged);
        window["misses"] = found == explained.end() ? Json(nullptr) : found->second;
      }
      windows.push_back(std::move(window));
    }
    agreementJson["objectives"] = std::move(windows);
    Json credits = Json::array();
    for (const eval::CreditTotal& total : agreementReport.credits)
      credits.push_back({{"period_start", calendar::formatInstant(total.period.start)},
                         {"period_end", calendar::formatInstant(total.period.end)},
                         {"group", total.group ? Json(*total.group) : Json(nullptr)},
                         {"before_cap", amountJson(total.beforeCap)},
                         {"owed", amountJson(total.owed)},
                         {"capped", total.capped}});
    agreementJson["credits"] = std::move(credits);
    Json terminations = Json::array();
    for (const eval::TerminationRight& right : agreementReport.terminations)
      terminations.push_back({{"objective", right.objective},
                              {"group", right.group ? Json(*right.group) : Json(nullptr)},
                              {"consecutive_breaches", right.consecutive},
                              {"reached_in", calendar::formatInstant(right.reachedIn.start)}});
    agreementJson["terminations"] = std::move(terminations);
    root["agreements"].push_back(std::move(agreementJson));
  }
  // Ingestion lets only UTF-8 text through; should anything else reach a
  // report, it shows as U+FFFD instead of aborting the run.
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

} // namespace slac::report
