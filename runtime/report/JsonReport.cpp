#include "calendar/Calendar.h"
#include "eval/ExprInterpreter.h"
#include "report/JsonWriter.h"
#include "report/ReadableReport.h"
#include "report/Renderers.h"
#include "report/ValueFormat.h"
#include "values/Zones.h"

#include <map>
#include <optional>
#include <sstream>

namespace slac::report {

namespace {

// The report's parts, each written where it stands in docs/report.md's
// schema: the order of the members is the schema's.
class JsonReport {
public:
  JsonReport(std::ostream& out, const eval::Report& report, const plan::Program& program,
             const RenderOptions& options)
      : report_(report), program_(program), options_(options), json_(out) {}

  void write() {
    json_.beginObject();
    json_.key("at").string(calendar::formatInstant(report_.at));
    json_.key("records").beginObject();
    json_.key("read").number(report_.recordsRead);
    json_.key("rejected").number(report_.recordsRejected);
    json_.key("after_at").number(report_.recordsAfterAt);
    json_.key("rejected_by_reason").beginObject();
    for (const auto& [reason, count] : report_.rejectedByReason)
      json_.key(reason).number(count);
    json_.endObject();
    json_.endObject();
    json_.key("agreements").beginArray();
    std::optional<MissExplainer> explainer;
    if (options_.explain)
      explainer.emplace(program_, report_);
    for (std::size_t a = 0; a < report_.agreements.size(); ++a)
      agreement(a, explainer ? &*explainer : nullptr);
    json_.endArray();
    json_.endObject();
    json_.finish();
  }

private:
  void orNull(const std::string& text) {
    if (text.empty())
      json_.null();
    else
      json_.string(text);
  }

  void optionalText(const std::optional<std::string>& text) {
    if (text)
      json_.string(*text);
    else
      json_.null();
  }

  void optionalInstant(const std::optional<std::int64_t>& instant) {
    if (instant)
      json_.string(calendar::formatInstant(*instant));
    else
      json_.null();
  }

  // A window's `start` and `end` members (`[start, end)`).
  void bounds(const eval::Window& window) {
    json_.key("start").string(calendar::formatInstant(window.start));
    json_.key("end").string(calendar::formatInstant(window.end));
  }

  void optionalNumber(const std::optional<std::int64_t>& number) {
    if (number)
      json_.number(*number);
    else
      json_.null();
  }

  void amount(const eval::Amount& amount) {
    json_.beginObject();
    if (amount.percentOfFee) {
      json_.key("percent_of_fee").string(decimalText(amount.value));
    } else {
      json_.key("amount").string(amount.value.toDecimalString(minorUnitDigits(amount.currency)));
      json_.key("currency").string(plan::currencySpelling(amount.currency));
    }
    json_.endObject();
  }

  // Exact values as decimal strings (never JSON floats, which would round);
  // `exact` adds the fraction when the decimal had to be rounded.
  void value(const eval::Value& value, const plan::Type& type) {
    if (!value.isSet()) {
      json_.null();
      return;
    }
    json_.beginObject();
    json_.key("text").string(valueText(value, type, program_));
    switch (type.kind) {
    case plan::TypeKind::Duration:
    case plan::TypeKind::Time:
      json_.key("microseconds").number(static_cast<std::int64_t>(value.exact.floor()));
      break;
    case plan::TypeKind::Money:
      json_.key("amount").string(value.exact.toDecimalString(minorUnitDigits(type.detail)));
      json_.key("currency").string(plan::currencySpelling(type.detail));
      break;
    case plan::TypeKind::String:
    case plan::TypeKind::Enum:
    case plan::TypeKind::Bool:
      break;
    default:
      json_.key("decimal").string(decimalText(value.exact));
      if ((value.exact * eval::Rational(1'000'000)).denominator() != 1)
        json_.key("exact").string(eval::int128ToString(value.exact.numerator()) + "/" +
                                  eval::int128ToString(value.exact.denominator()));
      break;
    }
    json_.endObject();
  }

  void fee(const std::optional<plan::Fee>& fee) {
    if (!fee) {
      json_.null();
      return;
    }
    auto amount = [&](const plan::Decimal& value) {
      return eval::Rational::ofDecimal(value).toDecimalString(minorUnitDigits(fee->currency));
    };
    json_.beginObject();
    json_.key("amount");
    if (fee->byClass())
      json_.null();
    else
      json_.string(amount(fee->amount));
    json_.key("currency").string(plan::currencySpelling(fee->currency));
    json_.key("per").string(plan::periodUnitName(fee->per));
    json_.key("periods").number(static_cast<std::int64_t>(fee->count));
    if (fee->byClass()) {
      json_.key("by").string(fee->classField);
      json_.key("amounts").beginObject();
      for (std::size_t c = 0; c < fee->byCase.size(); ++c)
        json_.key(program_.enums[fee->classEnum].cases[c]).string(amount(fee->byCase[c]));
      json_.endObject();
    }
    json_.endObject();
  }

  // The misses of a breached window (`--explain`).
  void breach(const BreachDetails& breach) {
    json_.beginObject();
    json_.key("count").number(breach.count);
    json_.key("records").beginArray();
    for (const MissExplanation& miss : breach.records) {
      json_.beginObject();
      json_.key("record").string(miss.record);
      json_.key("at").string(calendar::formatInstant(miss.eventTime));
      if (miss.covered) {
        json_.key("end");
        optionalInstant(miss.end);
        json_.key("covered_microseconds").number(*miss.covered);
      } else {
        json_.key("due");
        optionalInstant(miss.due);
        json_.key("done");
        optionalInstant(miss.notDone ? std::nullopt : miss.done);
        json_.key("late_microseconds");
        optionalNumber(miss.late);
        json_.key("late_calendar");
        orNull(miss.lateCalendar);
        json_.key("measured");
        orNull(miss.measured);
      }
      json_.endObject();
    }
    json_.endArray();
    json_.key("bad_slices").beginArray();
    for (const eval::Window& span : breach.badSpans) {
      json_.beginObject();
      bounds(span);
      json_.endObject();
    }
    json_.endArray();
    json_.key("not_listed").number(breach.notListed);
    json_.endObject();
  }

  void agreement(std::size_t a, const MissExplainer* explainer) {
    const eval::AgreementReport& agreementReport = report_.agreements[a];
    const plan::Agreement& agreement = program_.agreements[a];
    const values::Zone& zone = *values::findZone(agreement.zone);
    json_.beginObject();
    json_.key("name").string(agreementReport.name);
    json_.key("title").string(agreementReport.title);
    json_.key("provider");
    orNull(agreementReport.provider);
    json_.key("customer");
    orNull(agreementReport.customer);
    json_.key("fee");
    fee(agreementReport.fee);
    json_.key("effective").beginObject();
    json_.key("from");
    optionalText(agreementReport.effectiveFrom
                     ? std::optional<std::string>(agreementReport.effectiveFrom->toString())
                     : std::nullopt);
    json_.key("to");
    optionalText(agreementReport.effectiveTo
                     ? std::optional<std::string>(agreementReport.effectiveTo->toString())
                     : std::nullopt);
    json_.endObject();
    if (!agreement.revisions.empty()) {
      json_.key("revisions").beginArray();
      for (const plan::Revision& revision : agreement.revisions) {
        json_.beginObject();
        json_.key("name").string(revision.name);
        json_.key("title");
        orNull(revision.title);
        json_.key("from").string(revision.from.toString());
        json_.key("fee");
        fee(revision.fee);
        json_.endObject();
      }
      json_.endArray();
    }
    json_.key("objective_headings").beginArray();
    for (const eval::ObjectiveHeading& heading : agreementReport.objectives) {
      json_.beginObject();
      json_.key("name").string(heading.name);
      json_.key("title");
      orNull(heading.title);
      json_.key("metric").string(heading.metric);
      json_.key("metric_title");
      orNull(heading.metricTitle);
      json_.endObject();
    }
    json_.endArray();
    std::map<const eval::ObjectiveWindow*, BreachDetails> explained;
    if (explainer)
      for (BreachDetails& details :
           breachesOf(a, report_, program_, *explainer, options_.explainLimit))
        explained.emplace(details.judged, std::move(details));
    json_.key("objectives").beginArray();
    for (const eval::ObjectiveWindow& judged : agreementReport.windows) {
      // A stream that failed takes nothing more (a full disk, a closed
      // pipe): the windows left, perhaps hundreds of megabytes, would be
      // formatted for nothing.
      if (json_.failed())
        break;
      window(judged, agreement, zone, explainer ? &explained : nullptr);
    }
    json_.endArray();
    json_.key("credits").beginArray();
    for (const eval::CreditTotal& total : agreementReport.credits) {
      json_.beginObject();
      json_.key("period_start").string(calendar::formatInstant(total.period.start));
      json_.key("period_end").string(calendar::formatInstant(total.period.end));
      json_.key("group");
      optionalText(total.group);
      json_.key("before_cap");
      amount(total.beforeCap);
      json_.key("owed");
      amount(total.owed);
      json_.key("capped").boolean(total.capped);
      json_.endObject();
    }
    json_.endArray();
    json_.key("terminations").beginArray();
    for (const eval::TerminationRight& right : agreementReport.terminations) {
      json_.beginObject();
      json_.key("objective").string(right.objective);
      json_.key("group");
      optionalText(right.group);
      json_.key("consecutive_breaches").number(right.consecutive);
      json_.key("reached_in").string(calendar::formatInstant(right.reachedIn.start));
      json_.endObject();
    }
    json_.endArray();
    json_.endObject();
  }

  void window(const eval::ObjectiveWindow& judged, const plan::Agreement& agreement,
              const values::Zone& zone,
              const std::map<const eval::ObjectiveWindow*, BreachDetails>* explained) {
    const plan::Objective& objective = agreement.objectives[judged.objectiveIndex];
    json_.beginObject();
    json_.key("objective").string(judged.objective);
    json_.key("window").beginObject();
    json_.key("label").string(objectiveWindowLabel(judged, objective.period, zone));
    bounds(judged.window);
    if (judged.partial()) {
      json_.key("partial_of").beginObject();
      bounds(judged.period);
      json_.endObject();
    }
    json_.endObject();
    json_.key("group");
    optionalText(judged.group);
    if (!judged.groupValues.empty()) {
      json_.key("group_values").beginObject();
      for (std::size_t f = 0; f < judged.groupValues.size(); ++f)
        json_.key(objective.groupFields[f]).string(judged.groupValues[f]);
      json_.endObject();
    }
    if (!agreement.revisions.empty()) {
      json_.key("revision");
      optionalText(judged.revision);
    }
    json_.key("value");
    value(judged.value, objective.targetType);
    json_.key("target").beginObject();
    json_.key("comparison").string(plan::comparisonSpelling(objective.comparison));
    json_.key("text").string(valueText(eval::valueOfConstant(objective.targetType, judged.target),
                                       objective.targetType, program_));
    json_.endObject();
    json_.key("status").string(eval::statusName(judged.status));
    json_.key("pending_records").number(judged.pendingRecords);
    json_.key("budget");
    if (judged.budget)
      budget(*judged.budget);
    else
      json_.null();
    json_.key("remedies").beginArray();
    for (const eval::RemedyResult& remedy : judged.remedies) {
      json_.beginObject();
      json_.key("remedy").string(remedy.remedy);
      json_.key("credit");
      amount(remedy.credit);
      json_.key("bonus");
      amount(remedy.bonus);
      json_.key("tier");
      if (remedy.tier)
        json_.number(static_cast<std::uint64_t>(*remedy.tier));
      else
        json_.null();
      json_.key("per_breach").boolean(remedy.perBreach);
      json_.key("capped").boolean(remedy.capped);
      json_.endObject();
    }
    json_.endArray();
    if (explained) {
      json_.key("misses");
      auto found = explained->find(&judged);
      if (found == explained->end())
        json_.null();
      else
        breach(found->second);
    }
    json_.endObject();
  }

  void budget(const eval::ErrorBudget& budget) {
    // A duration as duration values are written; the allowance is rounded
    // down to the microsecond.
    auto duration = [&](std::int64_t micros) {
      json_.beginObject();
      json_.key("text").string(durationText(micros));
      json_.key("microseconds").number(micros);
      json_.endObject();
    };
    json_.beginObject();
    if (budget.unit == eval::ErrorBudget::Unit::Time) {
      json_.key("measured");
      duration(budget.total);
      json_.key("downtime");
      duration(budget.misses);
      json_.key("allowed_downtime");
      duration(static_cast<std::int64_t>(budget.allowedMisses.floor()));
    } else {
      json_.key("decided").number(budget.total);
      json_.key("misses").number(budget.misses);
      json_.key("allowed_misses").string(decimalText(budget.allowedMisses));
    }
    json_.key("remaining_percent");
    if (budget.remainingPercent)
      json_.string(decimalText(*budget.remainingPercent));
    else
      json_.null();
    json_.endObject();
  }

  const eval::Report& report_;
  const plan::Program& program_;
  const RenderOptions& options_;
  JsonWriter json_;
};

} // namespace

void writeJson(std::ostream& out, const eval::Report& report, const plan::Program& program,
               const RenderOptions& options) {
  JsonReport(out, report, program, options).write();
}

std::string renderJson(const eval::Report& report, const plan::Program& program,
                       const RenderOptions& options) {
  std::ostringstream text;
  writeJson(text, report, program, options);
  return std::move(text).str();
}

} // namespace slac::report
