#include "calendar/Calendar.h"

#include <date/date.h>
#include <fmt/format.h>

namespace slac::calendar {

std::string formatInstant(Instant t) {
  using namespace std::chrono;
  sys_time<microseconds> instant{microseconds(t)};
  auto seconds = floor<std::chrono::seconds>(instant);
  std::string text = date::format("%FT%T", seconds);
  auto fraction = (instant - seconds).count();
  if (fraction != 0) {
    std::string digits = fmt::format(".{:06}", fraction);
    digits.erase(digits.find_last_not_of('0') + 1);
    text += digits;
  }
  return text + "Z";
}

} // namespace slac::calendar
