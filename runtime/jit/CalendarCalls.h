#pragma once

// The calendar questions compiled kernels ask, through the calendar
// engine's unchecked paths. Each reports "cannot answer here" instead of an
// answer whenever the checked query could fail (an instant outside the
// prepared range, a reversed interval, a negative duration): the kernel then
// hands the record to the interpreter, which gives the error its message.

#include <cstdint>

namespace slac::calendar {
class Calendar;
}

extern "C" {
// The longest [from, to) around an instant in which a calendar stays open
// (open 1) or closed (open 0), cut to the instants it may be asked about:
// a kernel keeps the last one per calendar and asks again only outside it.
struct SlacCalendarStretch {
  std::int64_t from;
  std::int64_t to;
  std::int64_t open;
};
// 1 open, 0 closed, -1 cannot answer (then *stretch is left alone).
std::int32_t slac_calendar_stretch(const slac::calendar::Calendar* calendar, std::int64_t instant,
                                   SlacCalendarStretch* stretch) noexcept;
// Sets *failed to 1 when it cannot answer.
std::int64_t slac_calendar_elapsed(const slac::calendar::Calendar* calendar, std::int64_t start,
                                   std::int64_t end, std::uint8_t* failed) noexcept;
std::int64_t slac_calendar_deadline(const slac::calendar::Calendar* calendar, std::int64_t start,
                                    std::int64_t length, std::uint8_t* failed) noexcept;
}
