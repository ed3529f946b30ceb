#include "jit/CalendarCalls.h"

#include "calendar/Calendar.h"

namespace {

bool inRange(const slac::calendar::Calendar& calendar, std::int64_t instant) {
  return instant >= calendar.rangeStart() && instant <= calendar.rangeEnd();
}

} // namespace

std::int32_t slac_calendar_contains(const slac::calendar::Calendar* calendar,
                                    std::int64_t instant) noexcept {
  if (!inRange(*calendar, instant))
    return -1;
  // Records come mostly in order of time, so most fall in the stretch the
  // same calendar answered last: a few slots per thread, by calendar.
  struct Answered {
    std::uint64_t calendar = 0; // Calendar::identity(); 0 is none
    slac::calendar::Calendar::Stretch stretch{0, 0, false};
  };
  thread_local Answered answered[4];
  std::uint64_t identity = calendar->identity();
  Answered& slot = answered[identity % 4];
  if (slot.calendar != identity || instant < slot.stretch.from || instant >= slot.stretch.to)
    slot = {identity, calendar->stretchInRange(instant)};
  return slot.stretch.open ? 1 : 0;
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
