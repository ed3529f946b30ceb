#pragma once

// The reference the calendar engine is tested against: it walks time minute
// by minute, asks the tz database for each minute's wall-clock time, and
// decides from the spec alone whether that minute is open. It shares no
// code with the engine.

#include "calendar/Calendar.h"

#include <algorithm>
#include <date/tz.h>

namespace slac::calendar::testing {

class BruteForceCalendar {
public:
  explicit BruteForceCalendar(const CalendarSpec& spec);

  // Whether the minute starting at `minuteStart` (a whole minute) is open.
  bool minuteIsOpen(Instant minuteStart) const;
  // The open time in [a, b), summed over the minutes that overlap it.
  Duration elapsed(Instant a, Instant b) const;
  // Calls visit(start, end, open) for each minute that overlaps [a, b), in
  // order, with [start, end) the part of the minute inside [a, b).
  template <typename Visit> void forEachMinute(Instant a, Instant b, Visit visit) const {
    Instant minute = a - ((a % kMicrosPerMinute) + kMicrosPerMinute) % kMicrosPerMinute;
    for (; minute < b; minute += kMicrosPerMinute)
      visit(std::max(a, minute), std::min(b, minute + kMicrosPerMinute), minuteIsOpen(minute));
  }

private:
  bool openOnLocalDate(std::chrono::sys_days date, date::local_seconds wall,
                       std::optional<date::local_seconds> repeatedHourEnd) const;

  const CalendarSpec& spec_;
  const date::time_zone* zone_;
};

} // namespace slac::calendar::testing
