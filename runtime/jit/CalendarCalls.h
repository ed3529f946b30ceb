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
// 0 with *stretch set, -1 when the instant cannot be asked about (then
// *stretch is left alone).
std::int32_t slac_calendar_stretch(const slac::calendar::Calendar* calendar, std::int64_t instant,
                                   SlacCalendarStretch* stretch) noexcept;
// Calendar::Position and Calendar::Reach, for kernels that compute elapsed
// and deadline inline from the last ones they were given.
struct SlacCalendarPosition {
  std::int64_t from;
  std::int64_t to;
  std::int64_t start;
  std::int64_t openBefore;
};
struct SlacCalendarReach {
  std::int64_t above;
  std::int64_t upTo;
  std::int64_t start;
};
// 0 with *position set, -1 when the instant cannot be asked about (then
// *position is left alone).
std::int32_t slac_calendar_position(const slac::calendar::Calendar* calendar, std::int64_t instant,
                                    SlacCalendarPosition* position) noexcept;
// 0 with *reach set, -1 unless 0 < open <= the calendar's open time.
std::int32_t slac_calendar_reach(const slac::calendar::Calendar* calendar, std::int64_t open,
                                 SlacCalendarReach* reach) noexcept;
}
