#include "eval/Windows.h"

#include "values/Zones.h"

#include <algorithm>
#include <date/date.h>
#include <fmt/format.h>
#include <limits>

namespace slac::eval {

namespace {

constexpr std::int64_t kMicrosPerDay = 86'400'000'000;

std::int64_t localMidnightOf(const plan::CivilDate& date, const values::Zone& zone) {
  std::chrono::sys_days day{
      date::sys_days(date::year(date.year) / date::month(date.month) / date::day(date.day))};
  return periodStartingOn(day, plan::PeriodUnit::Day, zone).start;
}

} // namespace

Window clipped(const Window& window, const Window& bounds) {
  std::int64_t start = std::max(window.start, bounds.start);
  std::int64_t end = std::min(window.end, bounds.end);
  return {start, std::max(start, end)};
}

std::variant<AgreementWindows, std::string> AgreementWindows::of(const plan::Agreement& agreement) {
  const values::Zone* zone = values::findZone(agreement.zone);
  if (!zone)
    return fmt::format("agreement `{}`: unknown time zone `{}`", agreement.name, agreement.zone);
  return AgreementWindows(agreement, *zone);
}

AgreementWindows::AgreementWindows(const plan::Agreement& agreement, const values::Zone& zone)
    : agreement_(&agreement), zone_(&zone), effective_{std::numeric_limits<std::int64_t>::min(),
                                                       std::numeric_limits<std::int64_t>::max()} {
  if (agreement.effectiveFrom)
    effective_.start = localMidnightOf(*agreement.effectiveFrom, zone);
  if (agreement.effectiveTo)
    effective_.end = localMidnightOf(*agreement.effectiveTo, zone) + kMicrosPerDay;
  for (const plan::Revision& revision : agreement.revisions)
    revisionStarts_.push_back(localMidnightOf(revision.from, zone));
}

plan::Terms AgreementWindows::termsAt(std::int64_t instant) const {
  auto after = std::upper_bound(revisionStarts_.begin(), revisionStarts_.end(), instant);
  if (after == revisionStarts_.begin())
    return agreement_->termsOf(nullptr);
  return agreement_->termsOf(&agreement_->revisions[after - revisionStarts_.begin() - 1]);
}

std::vector<ReportedWindow> AgreementWindows::windowsToReport(const plan::Period& period,
                                                              const std::optional<Window>& range,
                                                              std::int64_t at) const {
  std::vector<ReportedWindow> result;
  if (!period.unit) {
    Window rolling = rollingWindow(at, period.rollingMicros);
    Window window = clipped(rolling, effective_);
    if (window.start < window.end)
      result.push_back({rolling, window});
    return result;
  }
  if (!range)
    return result;
  for (Window calendarPeriod = periodContaining(range->start, *period.unit, *zone_);
       calendarPeriod.start < range->end;
       calendarPeriod = periodAfter(calendarPeriod, *period.unit, *zone_))
    result.push_back({calendarPeriod, clipped(calendarPeriod, effective_)});
  return result;
}

} // namespace slac::eval
