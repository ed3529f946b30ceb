// Civil dates and Europe/Berlin local times of 2026 for the hand-written
// programs (HandWrittenTickets.cpp, HandWrittenCloud.cpp): just what they
// need, in integer microseconds since the Unix epoch.
#pragma once

#include <cstdint>

namespace handwritten {

constexpr std::int64_t kSecond = 1'000'000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

// Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil).
inline std::int64_t daysFromCivil(std::int64_t year, unsigned month, unsigned day) {
  year -= month <= 2;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto yearOfEra = static_cast<unsigned>(year - era * 400);
  const unsigned dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
  return era * 146097 + static_cast<std::int64_t>(dayOfEra) - 719468;
}

// 0 = Monday.
inline int weekday(std::int64_t days) {
  return static_cast<int>(((days % 7) + 10) % 7);
}

inline std::int64_t lastSunday(std::int64_t year, unsigned month) {
  const std::int64_t day = daysFromCivil(year, month, 31);
  return day - (weekday(day) + 1) % 7;
}

// Europe/Berlin in 2026 (and the winters around it): CEST from the last
// Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC.
inline const std::int64_t kSummerStart = lastSunday(2026, 3) * kDay + kHour;
inline const std::int64_t kSummerEnd = lastSunday(2026, 10) * kDay + kHour;

inline std::int64_t berlinOffset(std::int64_t utc) {
  return utc >= kSummerStart && utc < kSummerEnd ? 2 * kHour : kHour;
}

// A Berlin wall-clock time as slac resolves it (docs/language.md,
// "Calendars"): a time in the spring gap is the instant after the gap, an
// ambiguous one in autumn the earlier instant.
inline std::int64_t berlinToUtc(std::int64_t days, std::int64_t localMicros) {
  const std::int64_t local = days * kDay + localMicros;
  if (berlinOffset(local - 2 * kHour) == 2 * kHour)
    return local - 2 * kHour;
  if (berlinOffset(local - kHour) == kHour)
    return local - kHour;
  return kSummerStart;
}

} // namespace handwritten
