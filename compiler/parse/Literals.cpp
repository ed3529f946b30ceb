#include "parse/Literals.h"

#include <charconv>
#include <chrono>
#include <date/date.h>
#include <fmt/format.h>
#include <limits>

namespace slac::parse {

namespace {

// Wide enough that sums and scalings of 64-bit values cannot overflow.
using values::Int128;

constexpr std::int64_t kMaxInt = std::numeric_limits<std::int64_t>::max();

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

// Reads the digits at `text[pos]`, as many as there are; false if none.
bool readNumber(std::string_view text, std::size_t& pos, std::int64_t& value) {
  std::size_t begin = pos;
  while (pos < text.size() && isDigit(text[pos]))
    ++pos;
  auto [end, error] = std::from_chars(text.data() + begin, text.data() + pos, value);
  return pos > begin && error == std::errc() && end == text.data() + pos;
}

const char* kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                             "July",    "August",   "September", "October", "November", "December"};

std::string dateError(std::int64_t year, std::int64_t month, std::int64_t day) {
  if (year < 1 || year > 9999)
    return "years go from 0001 to 9999";
  if (month < 1 || month > 12)
    return fmt::format("month {:02} is not between 01 and 12", month);
  unsigned lastDay =
      unsigned(date::year_month_day_last(date::year(int(year)),
                                         date::month_day_last(date::month(unsigned(month))))
                   .day());
  if (day < 1 || day > lastDay)
    return fmt::format("{} {} has {} days", kMonthNames[month - 1], year, lastDay);
  return {};
}

// `YYYY-MM-DD` at the start of `text`; the error or an empty string.
std::string readDate(std::string_view text, values::CivilDate& date) {
  std::int64_t year = std::stoll(std::string(text.substr(0, 4)));
  std::int64_t month = std::stoll(std::string(text.substr(5, 2)));
  std::int64_t day = std::stoll(std::string(text.substr(8, 2)));
  std::string error = dateError(year, month, day);
  if (error.empty())
    date = {static_cast<std::int32_t>(year), static_cast<std::uint8_t>(month),
            static_cast<std::uint8_t>(day)};
  return error;
}

std::int64_t unitMicros(std::string_view unit) {
  if (unit == "us")
    return 1;
  if (unit == "ms")
    return 1'000;
  if (unit == "s")
    return 1'000'000;
  if (unit == "m")
    return 60'000'000;
  if (unit == "h")
    return 3'600'000'000;
  if (unit == "d")
    return 86'400'000'000;
  if (unit == "w")
    return 604'800'000'000;
  return 0;
}

} // namespace

Decoded<std::int64_t> decodeInt(std::string_view spelling) {
  std::int64_t value = 0;
  std::size_t pos = 0;
  if (!readNumber(spelling, pos, value) || pos != spelling.size())
    return {fmt::format("integers go up to {}", kMaxInt)};
  return {value};
}

Decoded<values::Decimal> decodeDecimal(std::string_view spelling) {
  std::size_t dot = spelling.find('.');
  std::string digits(spelling.substr(0, dot));
  std::size_t scale = 0;
  if (dot != std::string_view::npos) {
    std::string_view fraction = spelling.substr(dot + 1);
    digits += fraction;
    scale = fraction.size();
  }
  std::size_t firstSignificant = digits.find_first_not_of('0');
  if (firstSignificant != std::string::npos && digits.size() - firstSignificant > 18)
    return {"a number has at most 18 significant digits"};
  if (scale > 18)
    return {"a number has at most 18 digits after the point"};
  std::int64_t units = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), units);
  return {values::Decimal{units, static_cast<std::uint8_t>(scale)}};
}

Decoded<values::CivilDate> decodeDate(std::string_view spelling) {
  values::CivilDate date;
  std::string error = readDate(spelling, date);
  if (!error.empty())
    return {error};
  return {date};
}

Decoded<values::TimeOfDay> decodeTimeOfDay(std::string_view spelling) {
  std::size_t colon = spelling.find(':');
  int hours = std::stoi(std::string(spelling.substr(0, colon)));
  int minutes = std::stoi(std::string(spelling.substr(colon + 1)));
  if (hours > 24)
    return {"hours go from 00 to 24"};
  if (minutes > 59)
    return {"minutes go from 00 to 59"};
  if (hours == 24 && minutes != 0)
    return {"the day ends at 24:00"};
  return {values::TimeOfDay{hours * 60 + minutes}};
}

Decoded<values::DateTime> decodeDateTime(std::string_view spelling) {
  values::CivilDate date;
  std::string error = readDate(spelling, date);
  if (!error.empty())
    return {error};
  std::size_t pos = 11;
  std::int64_t hours = 0, minutes = 0, seconds = 0, micros = 0;
  readNumber(spelling, pos, hours);
  ++pos;
  readNumber(spelling, pos, minutes);
  if (pos < spelling.size() && spelling[pos] == ':') {
    ++pos;
    readNumber(spelling, pos, seconds);
    if (pos < spelling.size() && spelling[pos] == '.') {
      std::size_t begin = ++pos;
      while (pos < spelling.size() && isDigit(spelling[pos]))
        ++pos;
      std::string_view fraction = spelling.substr(begin, pos - begin);
      while (!fraction.empty() && fraction.back() == '0')
        fraction.remove_suffix(1);
      if (fraction.size() > 6)
        return {"instants are exact to the microsecond; drop the further digits"};
      std::string padded(fraction);
      padded.resize(6, '0');
      micros = std::stoll(padded);
    }
  }
  if (hours > 23)
    return {"hours go from 00 to 23"};
  if (minutes > 59)
    return {"minutes go from 00 to 59"};
  if (seconds > 59)
    return {"seconds go from 00 to 59"};
  std::int64_t offsetMinutes = 0;
  if (spelling[pos] != 'Z') {
    int sign = spelling[pos] == '-' ? -1 : 1;
    ++pos;
    std::int64_t offsetHours = 0, offsetRest = 0;
    readNumber(spelling, pos, offsetHours);
    ++pos;
    readNumber(spelling, pos, offsetRest);
    if (offsetHours > 14 || offsetRest > 59 || offsetHours * 60 + offsetRest > 14 * 60)
      return {"UTC offsets go from -14:00 to +14:00"};
    offsetMinutes = sign * (offsetHours * 60 + offsetRest);
  }
  using namespace std::chrono;
  auto day = date::sys_days(date::year(date.year) / date.month / date.day);
  std::int64_t epochMicros = duration_cast<microseconds>(day.time_since_epoch()).count() +
                             ((hours * 60 + minutes - offsetMinutes) * 60 + seconds) * 1'000'000 +
                             micros;
  return {values::DateTime{epochMicros, static_cast<std::int32_t>(offsetMinutes)}};
}

Decoded<std::int64_t> decodeDuration(std::string_view spelling) {
  // Summed in 128 bits so that overflow is seen, not wrapped.
  Int128 total = 0;
  std::size_t pos = 0;
  while (pos < spelling.size()) {
    std::size_t numberBegin = pos;
    while (pos < spelling.size() && (isDigit(spelling[pos]) || spelling[pos] == '.'))
      ++pos;
    std::string_view number = spelling.substr(numberBegin, pos - numberBegin);
    std::size_t unitBegin = pos;
    while (pos < spelling.size() && !isDigit(spelling[pos]))
      ++pos;
    std::int64_t unit = unitMicros(spelling.substr(unitBegin, pos - unitBegin));
    Decoded<values::Decimal> amount = decodeDecimal(number);
    if (!amount.ok())
      return {amount.error()};
    Int128 scaled = static_cast<Int128>(amount.value().units) * unit;
    Int128 divisor = 1;
    for (int i = 0; i < amount.value().scale; ++i)
      divisor *= 10;
    if (scaled % divisor != 0)
      return {"finer than a microsecond"};
    total += scaled / divisor;
    if (total > kMaxInt)
      return {"durations go up to about 292,000 years"};
  }
  return {static_cast<std::int64_t>(total)};
}

Decoded<values::Money> decodeMoney(std::string_view spelling) {
  std::size_t space = spelling.find_first_of(" \t");
  Decoded<values::Decimal> amount = decodeDecimal(spelling.substr(0, space));
  if (!amount.ok())
    return {amount.error()};
  return {values::Money{amount.value(), std::string(spelling.substr(spelling.size() - 3))}};
}

std::size_t unitStart(std::string_view spelling) {
  std::size_t pos = 0;
  while (pos < spelling.size() && (isDigit(spelling[pos]) || spelling[pos] == '.'))
    ++pos;
  return pos;
}

DecodedString decodeString(std::string_view spelling) {
  DecodedString decoded;
  // An unterminated string (already reported) has no closing quote.
  bool closed = spelling.size() >= 2 && spelling.back() == '"';
  std::string_view body = spelling.substr(1, spelling.size() - (closed ? 2 : 1));
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\' || i + 1 == body.size()) {
      decoded.value += body[i];
      continue;
    }
    char escaped = body[++i];
    switch (escaped) {
    case '"':
    case '\\':
      decoded.value += escaped;
      break;
    case 'n':
      decoded.value += '\n';
      break;
    case 't':
      decoded.value += '\t';
      break;
    default:
      if (decoded.badEscapeOffset == std::string::npos)
        decoded.badEscapeOffset = i; // the backslash, counted in `spelling`
      decoded.value += escaped;
    }
  }
  return decoded;
}

} // namespace slac::parse
