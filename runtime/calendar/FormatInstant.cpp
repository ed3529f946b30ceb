#include "calendar/Calendar.h"

#include <date/date.h>
#include <fmt/format.h>

namespace slac::calendar {

std::string formatInstant(Instant t) {
  // Error messages name any instant a user's data holds; outside the years
  // a date can be written in, the chrono conversions would overflow.
  if (t < kEarliestInstant || t >= kLatestInstant)
    return fmt::format("1970-01-01T00:00:00Z{:+}us", t);
  constexpr Instant kMicrosPerSecond = 1'000'000;
  Instant fraction = ((t % kMicrosPerSecond) + kMicrosPerSecond) % kMicrosPerSecond;
  date::sys_seconds seconds{std::chrono::seconds((t - fraction) / kMicrosPerSecond)};
  std::string text = date::format("%FT%T", seconds);
  if (fraction != 0) {
    std::string digits = fmt::format(".{:06}", fraction);
    digits.erase(digits.find_last_not_of('0') + 1);
    text += digits;
  }
  return text + "Z";
}

} // namespace slac::calendar
