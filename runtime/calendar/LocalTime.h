#pragma once

// Turning a zone's wall-clock times into instants, by the rules of brief
// section 4: a local time that does not exist (spring forward) is the
// instant after the gap; an ambiguous one (fall back) the earlier instant.

#include "calendar/Calendar.h"
#include "values/Zone.h"

#include <chrono>

namespace slac::calendar {

// `minute` may be 1440: midnight at the end of `day`.
Instant resolveLocalTime(const values::Zone& zone, std::chrono::sys_days day, std::int32_t minute);

// The same rule to the microsecond, for times in the data written without
// an offset: `localMicros` counts from 1970-01-01T00:00 on the zone's clock.
Instant resolveLocalInstant(const values::Zone& zone, std::int64_t localMicros);

} // namespace slac::calendar
