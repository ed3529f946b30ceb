#pragma once

// Turning a zone's wall-clock times into instants, by the rules of brief
// section 4: a local time that does not exist (spring forward) is the
// instant after the gap; an ambiguous one (fall back) the earlier instant.

#include "calendar/Calendar.h"

#include <date/tz.h>

namespace slac::calendar {

// `minute` may be 1440: midnight at the end of `day`.
Instant resolveLocalTime(const date::time_zone& zone, std::chrono::sys_days day,
                         std::int32_t minute);

} // namespace slac::calendar
