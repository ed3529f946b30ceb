#include "ingest/CommonSpelling.h"

#include <charconv>
#include <cstring>

namespace slac::ingest {

namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;
// Years 0001-9999, the calendar engine's range, as timeValue checks it.
constexpr std::int64_t kFirstMicros = -62'135'596'800'000'000;
constexpr std::int64_t kLastMicros = 253'402'300'799'999'999;

constexpr std::int64_t kPowersOfTen[] = {1,
                                         10,
                                         100,
                                         1'000,
                                         10'000,
                                         100'000,
                                         1'000'000,
                                         10'000'000,
                                         100'000'000,
                                         1'000'000'000,
                                         10'000'000'000,
                                         100'000'000'000,
                                         1'000'000'000'000,
                                         10'000'000'000'000,
                                         100'000'000'000'000,
                                         1'000'000'000'000'000,
                                         10'000'000'000'000'000,
                                         100'000'000'000'000'000,
                                         1'000'000'000'000'000'000};

unsigned digitAt(const char* at) {
  return static_cast<unsigned>(static_cast<unsigned char>(*at)) - '0';
}

// `count` digits at `at`; false when one is not a digit.
bool readDigits(const char* at, int count, unsigned& value) {
  value = 0;
  for (int i = 0; i < count; ++i) {
    unsigned digit = digitAt(at + i);
    if (digit > 9)
      return false;
    value = value * 10 + digit;
  }
  return true;
}

// Digits from `at` up to the first non-digit, at most `most` of them:
// their value and how many there were (0 when more than `most`).
int readRun(std::string_view text, std::size_t& at, int most, std::int64_t& value) {
  value = 0;
  int count = 0;
  for (; at < text.size(); ++at, ++count) {
    unsigned digit = digitAt(&text[at]);
    if (digit > 9)
      break;
    if (count == most)
      return 0;
    value = value * 10 + digit;
  }
  return count;
}

bool isLeapYear(unsigned year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

unsigned daysInMonth(unsigned year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

// Days since 1970-01-01 of a valid date (H. Hinnant, days_from_civil).
std::int64_t daysFromCivil(unsigned year, unsigned month, unsigned day) {
  int y = static_cast<int>(year) - (month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  auto yearOfEra = static_cast<unsigned>(y - era * 400);
  unsigned dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
  return std::int64_t{era} * 146'097 + static_cast<std::int64_t>(dayOfEra) - 719'468;
}

// `YYYY-MM-DD` at the start of `text`, a date of the years 0001-9999.
bool readDate(const char* text, std::int64_t& days) {
  unsigned year = 0, month = 0, day = 0;
  if (!readDigits(text, 4, year) || text[4] != '-' || !readDigits(text + 5, 2, month) ||
      text[7] != '-' || !readDigits(text + 8, 2, day))
    return false;
  if (year == 0 || month == 0 || month > 12 || day == 0 || day > daysInMonth(year, month))
    return false;
  days = daysFromCivil(year, month, day);
  return true;
}

// `2026-03-01T08:00:00Z`, `2026-03-01T08:00:00.25+01:00`: what parseInstant
// reads, for fractions of up to 6 digits and valid fields.
bool readInstant(std::string_view text, std::int64_t& micros) {
  if (text.size() < 20)
    return false;
  const char* at = text.data();
  std::int64_t days = 0;
  unsigned hours = 0, minutes = 0, seconds = 0;
  if (!readDate(at, days) || (at[10] != 'T' && at[10] != 't') || !readDigits(at + 11, 2, hours) ||
      at[13] != ':' || !readDigits(at + 14, 2, minutes) || at[16] != ':' ||
      !readDigits(at + 17, 2, seconds) || hours > 23 || minutes > 59 || seconds > 59)
    return false;
  std::size_t pos = 19;
  std::int64_t fraction = 0;
  if (text[pos] == '.') {
    ++pos;
    int digits = readRun(text, pos, 6, fraction);
    if (digits == 0)
      return false;
    fraction *= kPowersOfTen[6 - digits];
  }
  std::string_view zone = text.substr(pos);
  std::int64_t offsetMinutes = 0;
  if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    unsigned offsetHours = 0, offsetRest = 0;
    if (!readDigits(zone.data() + 1, 2, offsetHours) ||
        !readDigits(zone.data() + 4, 2, offsetRest) || offsetRest > 59 ||
        offsetHours * 60 + offsetRest > 14 * 60)
      return false;
    offsetMinutes = (zone[0] == '-' ? -1 : 1) * std::int64_t{offsetHours * 60 + offsetRest};
  } else if (zone != "Z" && zone != "z") {
    return false;
  }
  micros =
      days * kMicrosPerDay +
      ((std::int64_t{hours} * 60 + minutes - offsetMinutes) * 60 + seconds) * kMicrosPerSecond +
      fraction;
  return true;
}

// `[-]digits[<mark>digits]` with at most `wholeDigits` digits before the
// mark, `fractionDigits` after it (none: no mark) and 18 in all: the digits
// as one integer, exactly, and how many follow the mark.
bool readDecimal(std::string_view text, char mark, int wholeDigits, int fractionDigits,
                 std::int64_t& units, int& scale, bool& negative) {
  negative = !text.empty() && text.front() == '-';
  std::size_t pos = negative ? 1 : 0;
  int whole = readRun(text, pos, wholeDigits, units);
  if (whole == 0)
    return false;
  scale = 0;
  if (fractionDigits > 0 && pos < text.size() && text[pos] == mark) {
    ++pos;
    std::int64_t fraction = 0;
    scale = readRun(text, pos, fractionDigits, fraction);
    if (scale == 0 || whole + scale > 18)
      return false;
    units = units * kPowersOfTen[scale] + fraction;
  }
  return pos == text.size();
}

bool isAscii(std::string_view text) {
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, 8);
    if ((word & 0x8080808080808080) != 0)
      return false;
  }
  for (; i < text.size(); ++i)
    if (static_cast<unsigned char>(text[i]) >= 0x80)
      return false;
  return true;
}

bool isLetter(char written, char lower) {
  return written == lower || written == lower - ('a' - 'A');
}

bool spelledIgnoringCase(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size())
    return false;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (!isLetter(text[i], lower[i]))
      return false;
  return true;
}

} // namespace

CommonSpelling::CommonSpelling(const plan::Program& program, const plan::Field& field,
                               const FieldSpelling& spelling)
    : decimalMark_(spelling.decimalMark) {
  switch (field.type.kind) {
  case plan::TypeKind::Time:
    if (!field.timeFormat.empty())
      break;
    if (field.format == plan::FieldFormat::Default)
      shape_ = Shape::Instant;
    else if (field.format == plan::FieldFormat::EpochSeconds)
      shape_ = Shape::Epoch, epochDigits_ = 6;
    else if (field.format == plan::FieldFormat::EpochMillis)
      shape_ = Shape::Epoch, epochDigits_ = 3;
    else if (field.format == plan::FieldFormat::EpochMicros)
      shape_ = Shape::Epoch, epochDigits_ = 0;
    break;
  case plan::TypeKind::Bool:
    shape_ = Shape::Bool;
    break;
  case plan::TypeKind::Int:
    shape_ = Shape::Int;
    break;
  case plan::TypeKind::Number:
    shape_ = Shape::Number;
    break;
  case plan::TypeKind::Percent:
    shape_ = Shape::Percent;
    break;
  case plan::TypeKind::Date:
    shape_ = Shape::Date;
    break;
  case plan::TypeKind::Enum:
    shape_ = Shape::Enum;
    enum_ = &program.enums[field.type.detail];
    break;
  case plan::TypeKind::String:
    shape_ = Shape::Text;
    break;
  default:
    break;
  }
}

bool CommonSpelling::enumCase(std::string_view text, FieldValue& value) const {
  for (std::size_t i = 0; i < enum_->spellings.size(); ++i)
    for (const std::string& spelling : enum_->spellings[i])
      if (spelling == text) {
        value.integer = static_cast<std::int64_t>(i);
        return true;
      }
  // Other cases are found by convertValue, which folds ASCII letters.
  return false;
}

bool CommonSpelling::convert(std::string_view text, FieldValue& value) const {
  switch (shape_) {
  case Shape::None:
    return false;
  case Shape::Instant:
    return readInstant(text, value.integer);
  case Shape::Epoch: {
    std::int64_t units = 0;
    int scale = 0;
    bool negative = false;
    if (!readDecimal(text, '\0', 18 - epochDigits_, 0, units, scale, negative))
      return false;
    std::int64_t micros = (negative ? -units : units) * kPowersOfTen[epochDigits_];
    if (micros < kFirstMicros || micros > kLastMicros)
      return false;
    value.integer = micros;
    return true;
  }
  case Shape::Bool:
    if (text == "1" || text == "0") {
      value.integer = text == "1";
      return true;
    }
    if (spelledIgnoringCase(text, "true") || spelledIgnoringCase(text, "false")) {
      value.integer = text.size() == 4;
      return true;
    }
    return false;
  case Shape::Int: {
    auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), value.integer);
    return status == std::errc() && end == text.data() + text.size();
  }
  case Shape::Number: {
    std::int64_t units = 0;
    int scale = 0;
    bool negative = false;
    if (!readDecimal(text, decimalMark_, 18, 18, units, scale, negative))
      return false;
    int exponent = -scale;
    if (units == 0) {
      exponent = 0;
    } else {
      for (; units % 10 == 0; units /= 10)
        ++exponent;
    }
    value.integer = negative ? -units : units;
    value.exponent = static_cast<std::int8_t>(exponent);
    return true;
  }
  case Shape::Percent: {
    std::string_view digits = text.ends_with('%') ? text.substr(0, text.size() - 1) : text;
    std::int64_t units = 0;
    int scale = 0;
    bool negative = false;
    if (!readDecimal(digits, decimalMark_, 12, 6, units, scale, negative))
      return false;
    units *= kPowersOfTen[6 - scale];
    value.integer = negative ? -units : units;
    return true;
  }
  case Shape::Date:
    return text.size() == 10 && readDate(text.data(), value.integer);
  case Shape::Enum:
    return enumCase(text, value);
  case Shape::Text:
    if (!isAscii(text))
      return false;
    value.text.assign(text);
    return true;
  }
  return false;
}

} // namespace slac::ingest
