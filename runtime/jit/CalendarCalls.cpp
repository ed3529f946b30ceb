#include "jit/CalendarCalls.h"

#include "calendar/Calendar.h"

#include <algorithm>

namespace {

bool inRange(const slac::calendar::Calendar& calendar, std::int64_t instant) {
  return instant >= calendar.rangeStart() && instant <= calendar.rangeEnd();
}

} // namespace

std::int32_t slac_calendar_stretch(const slac::calendar::Calendar* calendar, std::int64_t instant,
                                   SlacCalendarStretch* stretch) noexcept {
  if (!inRange(*calendar, instant))
    return -1;
  slac::calendar::Calendar::Stretch found = calendar->stretchInRange(instant);
  // rangeEnd() may be asked about: the stretch ends after it at the latest.
  *stretch = {std::max(found.from, calendar->rangeStart()),
              std::min(found.to, calendar->rangeEnd() + 1), found.open ? 1 : 0};
  return 0;
}

std::int32_t slac_calendar_position(const slac::calendar::Calendar* calendar, std::int64_t instant,
                                    SlacCalendarPosition* position) noexcept {
  if (!inRange(*calendar, instant))
    return -1;
  slac::calendar::Calendar::Position found = calendar->positionInRange(instant);
  *position = {found.from, found.to, found.start, found.openBefore};
  return 0;
}

std::int32_t slac_calendar_reach(const slac::calendar::Calendar* calendar, std::int64_t open,
                                 SlacCalendarReach* reach) noexcept {
  if (open <= 0 || open > calendar->totalOpen())
    return -1;
  slac::calendar::Calendar::Reach found = calendar->reachInRange(open);
  *reach = {found.above, found.upTo, found.start};
  return 0;
}
