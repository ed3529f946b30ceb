#include "calendar/LocalTime.h"

namespace slac::calendar {

Instant resolveLocalInstant(const values::Zone& zone, std::int64_t localMicros) {
  constexpr std::int64_t kMicrosPerSecond = 1'000'000;
  std::int64_t localSeconds =
      std::chrono::floor<std::chrono::seconds>(std::chrono::microseconds(localMicros)).count();
  values::Zone::LocalPeriods periods = zone.periodsAtLocal(localSeconds);
  switch (periods.kind) {
  case values::Zone::LocalPeriods::Kind::Unique:
  case values::Zone::LocalPeriods::Kind::Ambiguous: // `first` is the offset in force earlier
    return localMicros - periods.first.offset * kMicrosPerSecond;
  case values::Zone::LocalPeriods::Kind::Nonexistent: // the gap ends where `second` begins
    return periods.second.begin * kMicrosPerSecond;
  }
  return localMicros;
}

Instant resolveLocalTime(const values::Zone& zone, std::chrono::sys_days day, std::int32_t minute) {
  using std::chrono::microseconds;
  using std::chrono::minutes;
  return resolveLocalInstant(
      zone,
      std::chrono::duration_cast<microseconds>((day + minutes(minute)).time_since_epoch()).count());
}

} // namespace slac::calendar
