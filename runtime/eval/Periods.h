#pragma once

// The windows objectives are judged over (brief §5): calendar periods in the
// agreement's zone — a day, a week from Monday, the real month, a quarter, a
// year — from local midnight to local midnight, and rolling windows that end
// at the evaluation instant. Local midnights that fall in a DST gap begin at
// the instant after the gap (the calendar engine's rule), so consecutive
// periods always tile the time line without overlap or hole.

#include "plan/Plan.h"
#include "values/Zone.h"

#include <chrono>
#include <cstdint>

namespace slac::eval {

// [start, end) in UTC microseconds.
struct Window {
  std::int64_t start = 0;
  std::int64_t end = 0;

  bool contains(std::int64_t instant) const { return start <= instant && instant < end; }
  friend bool operator==(const Window&, const Window&) = default;
};

// The period of `unit` that contains `instant`, in `zone`.
Window periodContaining(std::int64_t instant, plan::PeriodUnit unit, const values::Zone& zone);

// The period of `unit` that begins on the local date `first` (which must be
// the first day of such a period: a Monday for weeks, the 1st of January,
// April, July or October for quarters, ...).
Window periodStartingOn(std::chrono::sys_days first, plan::PeriodUnit unit,
                        const values::Zone& zone);

// The period right after `window`, of the same unit.
Window periodAfter(const Window& window, plan::PeriodUnit unit, const values::Zone& zone);

// The local date a period of `unit` containing local date `day` starts on.
std::chrono::sys_days periodFirstDay(std::chrono::sys_days day, plan::PeriodUnit unit);

// `over rolling 7d` evaluated at `at`: [at - length, at).
inline Window rollingWindow(std::int64_t at, std::int64_t length) {
  return {at - length, at};
}

} // namespace slac::eval
