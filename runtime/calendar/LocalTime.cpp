#include "calendar/LocalTime.h"

namespace slac::calendar {

Instant resolveLocalTime(const date::time_zone& zone, std::chrono::sys_days day,
                         std::int32_t minute) {
  using std::chrono::duration_cast;
  using std::chrono::microseconds;
  using std::chrono::minutes;
  date::local_seconds local{(day + minutes(minute)).time_since_epoch()};
  date::local_info info = zone.get_info(local);
  date::sys_seconds instant;
  switch (info.result) {
  case date::local_info::unique:
  case date::local_info::ambiguous: // `first` is the offset in force earlier
    instant = date::sys_seconds{local.time_since_epoch() - info.first.offset};
    break;
  case date::local_info::nonexistent: // the gap ends where `second` begins
    instant = info.second.begin;
    break;
  }
  return duration_cast<microseconds>(instant.time_since_epoch()).count();
}

} // namespace slac::calendar
