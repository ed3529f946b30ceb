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
// 1 open, 0 closed, -1 cannot answer.
std::int32_t slac_calendar_contains(const slac::calendar::Calendar* calendar,
                                    std::int64_t instant) noexcept;
// Sets *failed to 1 when it cannot answer.
std::int64_t slac_calendar_elapsed(const slac::calendar::Calendar* calendar, std::int64_t start,
                                   std::int64_t end, std::uint8_t* failed) noexcept;
std::int64_t slac_calendar_deadline(const slac::calendar::Calendar* calendar, std::int64_t start,
                                    std::int64_t length, std::uint8_t* failed) noexcept;
}
