#include "calendar/Calendar.h"

#include <date/date.h>
#include <fmt/format.h>

namespace slac::calendar {

namespace {

// `value` in `width` digits, zero-padded, at `at`.
void putDigits(char* at, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i, value /= 10)
    at[i] = static_cast<char>('0' + value % 10);
}

} // namespace

// Every window of a report writes two or three instants: date::format's
// stream and locale made them a third of writing a year of cloud windows.
std::string formatInstant(Instant t) {
  // Error messages name any instant a user's data holds; outside the years
  // a date can be written in, the chrono conversions would overflow.
  if (t < kEarliestInstant || t >= kLatestInstant)
    return fmt::format("1970-01-01T00:00:00Z{:+}us", t);
  Instant micros = t % kMicrosPerDay;
  Instant days = t / kMicrosPerDay;
  if (micros < 0) {
    micros += kMicrosPerDay;
    --days;
  }
  date::year_month_day date{date::sys_days{date::days{days}}};
  auto seconds = static_cast<unsigned>(micros / 1'000'000);
  auto fraction = static_cast<unsigned>(micros % 1'000'000);
  // `YYYY-MM-DDTHH:MM:SS.ffffffZ`, the fraction without its trailing zeros.
  char text[28] = "0000-00-00T00:00:00.000000Z";
  putDigits(text, static_cast<unsigned>(static_cast<int>(date.year())), 4);
  putDigits(text + 5, static_cast<unsigned>(date.month()), 2);
  putDigits(text + 8, static_cast<unsigned>(date.day()), 2);
  putDigits(text + 11, seconds / 3600, 2);
  putDigits(text + 14, seconds / 60 % 60, 2);
  putDigits(text + 17, seconds % 60, 2);
  std::size_t size = 19;
  if (fraction != 0) {
    putDigits(text + 20, fraction, 6);
    for (size = 26; text[size - 1] == '0'; --size) {
    }
  }
  text[size] = 'Z';
  return std::string(text, size + 1);
}

} // namespace slac::calendar
