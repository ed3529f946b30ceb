#include "values/Values.h"

#include <cstdlib>
#include <date/date.h>
#include <fmt/format.h>

namespace slac::values {

std::string Decimal::toString() const {
  std::uint64_t magnitude =
      units < 0 ? 0 - static_cast<std::uint64_t>(units) : static_cast<std::uint64_t>(units);
  const char* sign = units < 0 ? "-" : "";
  if (scale == 0)
    return fmt::format("{}{}", sign, magnitude);
  std::uint64_t divisor = 1;
  for (int i = 0; i < scale; ++i)
    divisor *= 10;
  return fmt::format("{}{}.{:0{}}", sign, magnitude / divisor, magnitude % divisor, int(scale));
}

std::string CivilDate::toString() const {
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

std::string TimeOfDay::toString() const {
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

std::string DateTime::toString() const {
  using namespace std::chrono;
  sys_time<microseconds> utc{microseconds(epochMicros)};
  auto local = utc + minutes(offsetMinutes);
  auto day = floor<days>(local);
  date::year_month_day ymd{day};
  date::hh_mm_ss<microseconds> time{local - day};
  std::string result = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", int(ymd.year()),
                                   unsigned(ymd.month()), unsigned(ymd.day()), time.hours().count(),
                                   time.minutes().count(), time.seconds().count());
  if (auto fraction = time.subseconds().count())
    result += fmt::format(".{:06}", fraction);
  if (offsetMinutes == 0)
    return result + "Z";
  int magnitude = std::abs(offsetMinutes);
  return result + fmt::format("{}{:02}:{:02}", offsetMinutes < 0 ? '-' : '+', magnitude / 60,
                              magnitude % 60);
}

std::string formatDuration(std::int64_t micros) {
  static constexpr struct {
    std::int64_t size;
    const char* unit;
  } kUnits[] = {{7 * 86'400'000'000LL, "w"},
                {86'400'000'000LL, "d"},
                {3'600'000'000LL, "h"},
                {60'000'000LL, "m"},
                {1'000'000LL, "s"},
                {1'000LL, "ms"},
                {1LL, "us"}};
  if (micros == 0)
    return "0s";
  std::string result = micros < 0 ? "-" : "";
  std::uint64_t rest = micros < 0 ? 0 - static_cast<std::uint64_t>(micros) : micros;
  for (const auto& unit : kUnits) {
    std::uint64_t size = static_cast<std::uint64_t>(unit.size);
    if (rest >= size) {
      result += fmt::format("{}{}", rest / size, unit.unit);
      rest %= size;
    }
  }
  return result;
}

const char* tierBoundSpelling(TierBound bound) {
  switch (bound) {
  case TierBound::Below:
    return "below";
  case TierBound::AtOrBelow:
    return "at or below";
  case TierBound::Above:
    return "above";
  case TierBound::AtOrAbove:
    return "at or above";
  }
  return "?";
}

} // namespace slac::values
