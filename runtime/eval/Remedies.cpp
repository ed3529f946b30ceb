#include "eval/Remedies.h"

#include "eval/ExprInterpreter.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>

namespace slac::eval {

namespace {

bool sameMonthUnit(plan::PeriodUnit unit) {
  return unit == plan::PeriodUnit::Month || unit == plan::PeriodUnit::Quarter ||
         unit == plan::PeriodUnit::Year;
}

int monthsOf(plan::PeriodUnit unit) {
  return unit == plan::PeriodUnit::Year ? 12 : unit == plan::PeriodUnit::Quarter ? 3 : 1;
}

// What an amount is owed for: the judged `window`, inside the calendar
// `period` of `unit` it belongs to (the same window unless the agreement
// starts or ends inside the period).
struct Span {
  Window window;
  Window period;
  std::optional<plan::PeriodUnit> unit;
  std::uint32_t feeClass = 0;     // with a fee per class, the case of the group's class
  const plan::Fee* fee = nullptr; // the fee in force, if any
};

// The share of the fee that `span` is worth; a fee `per 3 months` is a
// third of it for each month.
Rational feeShare(const AgreementWindows& windows, const Span& span) {
  plan::PeriodUnit feeUnit = span.fee ? span.fee->per : plan::PeriodUnit::Month;
  Rational periods(span.fee ? span.fee->count : 1);
  Rational share;
  if (span.unit && sameMonthUnit(*span.unit) && sameMonthUnit(feeUnit)) {
    share = Rational(monthsOf(*span.unit), monthsOf(feeUnit)) / periods;
  } else {
    Window feePeriod = periodContaining(span.period.start, feeUnit, windows.zone());
    share =
        Rational(span.period.end - span.period.start, feePeriod.end - feePeriod.start) / periods;
  }
  if (span.window == span.period)
    return share;
  return share * Rational(span.window.end - span.window.start, span.period.end - span.period.start);
}

// The fee of a window: whole months scale by months (a quarter is three
// monthly fees), anything else pro rata by time within the fee's period;
// a window cut by the effective period gets the part of its period's fee
// that it covers, pro rata by time.
std::optional<Rational> feeFor(const AgreementWindows& windows, const Span& span) {
  if (!span.fee)
    return std::nullopt;
  return Rational::ofDecimal(span.fee->amountOf(span.feeClass)) * feeShare(windows, span);
}

Amount amountFor(const AgreementWindows& windows, const plan::Amount& amount, const Span& span) {
  Rational value = Rational::ofDecimal(amount.value);
  if (!amount.percentOfFee)
    return {value, false, amount.currency};
  if (auto fee = feeFor(windows, span))
    return {*fee * value / Rational(100), false, span.fee->currency};
  // Without a fee, a percent of the fee of a whole period: a cut window
  // owes its share of it.
  Rational share = span.window == span.period ? Rational(1)
                                              : Rational(span.window.end - span.window.start,
                                                         span.period.end - span.period.start);
  return {value * share, true, 0};
}

bool passesLimit(const plan::TierLimit& limit, const Value& value) {
  Value threshold = valueOfConstant({}, limit.threshold);
  switch (limit.bound) {
  case plan::TierBound::Below:
    return compareValues(plan::Comparison::Lt, value, threshold);
  case plan::TierBound::AtOrBelow:
    return compareValues(plan::Comparison::Le, value, threshold);
  case plan::TierBound::Above:
    return compareValues(plan::Comparison::Gt, value, threshold);
  case plan::TierBound::AtOrAbove:
    return compareValues(plan::Comparison::Ge, value, threshold);
  }
  return false;
}

// The period credits are owed per under `terms`: the shortest of the
// fee's period (a month without a fee) and the caps' periods, so that a
// yearly cap still shows what each month owes.
plan::PeriodUnit billingUnitOf(const plan::Terms& terms) {
  plan::PeriodUnit feeUnit = terms.fee ? terms.fee->per : plan::PeriodUnit::Month;
  plan::PeriodUnit unit = feeUnit;
  for (const plan::CreditCap& cap : terms.caps)
    unit = std::min(unit, cap.per.value_or(feeUnit));
  return unit;
}

} // namespace

RemedyResult judgeRemedy(const AgreementWindows& windows, const plan::Remedy& remedy,
                         const plan::Objective& objective, const std::optional<plan::Fee>& fee,
                         const ObjectiveWindow& judged) {
  RemedyResult result;
  result.remedy = remedy.name;
  Span span{judged.window, judged.period, objective.period.unit, judged.feeClass.value_or(0),
            fee ? &*fee : nullptr};
  Amount zero = amountFor(windows, {true, {0, 0}, 0}, span);
  result.credit = zero;
  result.bonus = zero;
  if (judged.status != Status::Met && judged.status != Status::Breached)
    return result;
  // Tiers go by the value; a window met or breached by its `when no data`
  // policy has none, and only `per breach` applies to it.
  for (std::size_t i = 0; judged.value.isSet() && i < remedy.tiers.size(); ++i) {
    const plan::Tier& tier = remedy.tiers[i];
    if (!passesLimit(tier.limit, judged.value) ||
        (tier.otherLimit && !passesLimit(*tier.otherLimit, judged.value)))
      continue;
    Amount amount = amountFor(windows, tier.amount, span);
    Amount& target = tier.payout == plan::Payout::Credit ? result.credit : result.bonus;
    if (amount.value > target.value) {
      target = amount;
      if (tier.payout == plan::Payout::Credit)
        result.tier = i;
    }
  }
  if (judged.status == Status::Breached)
    for (const auto& [payout, planned] : remedy.perBreach) {
      Amount amount = amountFor(windows, planned, span);
      Amount& target = payout == plan::Payout::Credit ? result.credit : result.bonus;
      target = {target.value + amount.value, amount.percentOfFee, amount.currency};
      result.perBreach = true;
    }
  if (remedy.cap) {
    Amount cap = amountFor(windows, *remedy.cap, span);
    if (result.credit.value > cap.value) {
      result.credit = cap;
      result.capped = true;
    }
  }
  return result;
}

// What each group owes per billing period: the shortest of the fee's
// period (a month without a fee) and the caps' periods, so that a yearly
// cap still shows what each month owes. Every cap applies: in each of its
// periods, the rows owe in order of time until its amount is used up.
void addCreditTotals(const plan::Agreement& agreement, const AgreementWindows& windows,
                     AgreementReport& report) {
  const values::Zone& zone = windows.zone();
  plan::PeriodUnit unit = billingUnitOf(agreement.termsOf(nullptr));
  for (const plan::Revision& revision : agreement.revisions)
    unit = std::min(unit, billingUnitOf(agreement.termsOf(&revision)));
  // By period start, then group: each group's rows in order of time.
  std::map<std::pair<std::int64_t, std::string>, CreditTotal> totals;
  for (const ObjectiveWindow& judged : report.windows)
    for (const RemedyResult& remedy : judged.remedies) {
      Window period = periodContaining(judged.window.start, unit, zone);
      CreditTotal& total = totals[{period.start, judged.group.value_or("")}];
      total.calendarPeriod = period;
      total.period = clipped(period, windows.effective());
      total.unit = unit;
      total.group = judged.group;
      total.feeClass = judged.feeClass;
      total.beforeCap = {total.beforeCap.value + remedy.credit.value, remedy.credit.percentOfFee,
                         remedy.credit.currency};
    }
  // What has been let through so far, per (cap period, group): a cap of a
  // revision counts what was owed in its period under earlier terms too.
  std::map<std::tuple<plan::PeriodUnit, std::int64_t, std::string>, Rational> used;
  for (auto& [key, total] : totals) {
    plan::Terms terms = windows.termsAt(total.period.start);
    plan::PeriodUnit feeUnit = terms.fee ? terms.fee->per : plan::PeriodUnit::Month;
    total.owed = total.beforeCap;
    std::set<Rational*> spent;
    for (const plan::CreditCap& cap : terms.caps) {
      plan::PeriodUnit per = cap.per.value_or(feeUnit);
      Window capPeriod = periodContaining(total.period.start, per, zone);
      Amount limit = amountFor(windows, cap.amount,
                               {clipped(capPeriod, windows.effective()), capPeriod, per,
                                total.feeClass.value_or(0), terms.fee ? &*terms.fee : nullptr});
      Rational& through = used[{per, capPeriod.start, key.second}];
      Rational room = std::max(limit.value - through, Rational(0));
      if (total.owed.value > room) {
        total.owed.value = room;
        total.capped = true;
      }
      spent.insert(&through);
    }
    for (Rational* through : spent)
      *through = *through + total.owed.value;
    report.credits.push_back(total);
  }
}

// A run of breached windows, counted across revisions, grants the right
// to terminate under the terms in force in the window that completes it.
void addTerminations(const plan::Agreement& agreement, const AgreementWindows& windows,
                     AgreementReport& report) {
  std::map<std::pair<std::uint32_t, std::string>, std::int64_t> runs;
  std::set<std::tuple<std::uint32_t, std::string, std::int64_t>> granted;
  for (const ObjectiveWindow& judged : report.windows) {
    const plan::Objective& objective = agreement.objectives[judged.objectiveIndex];
    std::pair<std::uint32_t, std::string> key{judged.objectiveIndex, judged.group.value_or("")};
    std::int64_t& run = runs[key];
    run = judged.status == Status::Breached ? run + 1 : 0;
    for (const plan::Termination& termination : windows.termsAt(judged.window.start).terminations)
      if (termination.objective == judged.objectiveIndex &&
          objective.period.unit == termination.unit && run >= termination.consecutive &&
          granted.insert({key.first, key.second, termination.consecutive}).second)
        report.terminations.push_back({objective.name, judged.group, run, judged.window});
  }
}

} // namespace slac::eval
