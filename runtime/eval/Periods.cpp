#include "eval/Periods.h"

#include "calendar/LocalTime.h"

#include <date/date.h>

namespace slac::eval {

namespace {

using std::chrono::sys_days;

// date's sys_days counts days in an int, the standard's in a long.
sys_days daysOf(const date::year_month_day& ymd) {
  return sys_days(date::sys_days(ymd));
}

sys_days addMonths(sys_days day, int months) {
  date::year_month_day ymd{day};
  return daysOf(date::year_month_day{ymd.year() / ymd.month() / 1} + date::months{months});
}

sys_days nextFirstDay(sys_days first, plan::PeriodUnit unit) {
  switch (unit) {
  case plan::PeriodUnit::Day:
    return first + date::days{1};
  case plan::PeriodUnit::Week:
    return first + date::days{7};
  case plan::PeriodUnit::Month:
    return addMonths(first, 1);
  case plan::PeriodUnit::Quarter:
    return addMonths(first, 3);
  case plan::PeriodUnit::Year:
    return addMonths(first, 12);
  }
  return first;
}

std::int64_t localMidnight(sys_days day, const values::Zone& zone) {
  return calendar::resolveLocalTime(zone, day, 0);
}

} // namespace

sys_days periodFirstDay(sys_days day, plan::PeriodUnit unit) {
  date::year_month_day ymd{day};
  switch (unit) {
  case plan::PeriodUnit::Day:
    return day;
  case plan::PeriodUnit::Week:
    return day - (date::weekday{day} - date::Monday);
  case plan::PeriodUnit::Month:
    return daysOf(ymd.year() / ymd.month() / 1);
  case plan::PeriodUnit::Quarter: {
    unsigned firstMonth = (static_cast<unsigned>(ymd.month()) - 1) / 3 * 3 + 1;
    return daysOf(ymd.year() / date::month{firstMonth} / 1);
  }
  case plan::PeriodUnit::Year:
    return daysOf(ymd.year() / date::January / 1);
  }
  return day;
}

Window periodStartingOn(sys_days first, plan::PeriodUnit unit, const values::Zone& zone) {
  return {localMidnight(first, zone), localMidnight(nextFirstDay(first, unit), zone)};
}

Window periodContaining(std::int64_t instant, plan::PeriodUnit unit, const values::Zone& zone) {
  using Micros = std::chrono::microseconds;
  date::local_time<Micros> local{Micros{zone.toLocalMicros(instant)}};
  sys_days localDay{std::chrono::floor<date::days>(local).time_since_epoch()};
  return periodStartingOn(periodFirstDay(localDay, unit), unit, zone);
}

Window periodAfter(const Window& window, plan::PeriodUnit unit, const values::Zone& zone) {
  return periodContaining(window.end, unit, zone);
}

} // namespace slac::eval
