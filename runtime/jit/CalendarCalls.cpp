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
  return found.open ? 1 : 0;
}

std::int64_t slac_calendar_elapsed(const slac::calendar::Calendar* calendar, std::int64_t start,
                                   std::int64_t end, std::uint8_t* failed) noexcept {
  if (end < start || !inRange(*calendar, start) || !inRange(*calendar, end)) {
    *failed = 1;
    return 0;
  }
  return calendar->elapsedInRange(start, end);
}

std::int64_t slac_calendar_deadline(const slac::calendar::Calendar* calendar, std::int64_t start,
                                    std::int64_t length, std::uint8_t* failed) noexcept {
  std::optional<std::int64_t> deadline;
  if (length >= 0 && inRange(*calendar, start))
    deadline = calendar->deadlineInRange(start, length);
  if (!deadline) {
    *failed = 1;
    return 0;
  }
  return *deadline;
}
