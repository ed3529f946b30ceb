#include "calendar/LocalTime.h"

namespace slac::calendar {

Instant resolveLocalInstant(const date::time_zone& zone, std::int64_t localMicros) {
  using std::chrono::duration_cast;
  using std::chrono::microseconds;
  date::local_time<microseconds> local{microseconds(localMicros)};
  date::local_info info = zone.get_info(date::floor<std::chrono::seconds>(local));
  date::sys_time<microseconds> instant;
  switch (info.result) {
  case date::local_info::unique:
  case date::local_info::ambiguous: // `first` is the offset in force earlier
    instant = date::sys_time<microseconds>{local.time_since_epoch() - info.first.offset};
    break;
  case date::local_info::nonexistent: // the gap ends where `second` begins
    instant = info.second.begin;
    break;
  }
  return instant.time_since_epoch().count();
}

Instant resolveLocalTime(const date::time_zone& zone, std::chrono::sys_days day,
                         std::int32_t minute) {
  using std::chrono::microseconds;
  using std::chrono::minutes;
  return resolveLocalInstant(
      zone,
      std::chrono::duration_cast<microseconds>((day + minutes(minute)).time_since_epoch()).count());
}

} // namespace slac::calendar
