#include "ingest/FieldValue.h"

#include "calendar/LocalTime.h"
#include "parse/Literals.h"
#include "values/Zones.h"

#include <charconv>
#include <chrono>
#include <date/date.h>
#include <fmt/format.h>

namespace slac::ingest {

namespace {

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

bool allDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), isDigit);
}

// `12`, `12.5`: the shape the literal decoders expect.
bool isUnsignedDecimal(std::string_view text) {
  std::size_t dot = text.find('.');
  if (dot == std::string_view::npos)
    return allDigits(text);
  return allDigits(text.substr(0, dot)) && allDigits(text.substr(dot + 1));
}

std::string shown(std::string_view text) {
  constexpr std::size_t kLongest = 40;
  std::string result(text.substr(0, kLongest));
  return text.size() > kLongest ? result + "..." : result;
}

// A signed decimal scaled to an integer of `10^-digits` units, exactly.
std::optional<std::int64_t> scaledDecimal(std::string_view text, int digits, std::string& error) {
  bool negative = !text.empty() && text.front() == '-';
  std::string_view magnitude = negative ? text.substr(1) : text;
  if (!isUnsignedDecimal(magnitude)) {
    error = "not a number";
    return std::nullopt;
  }
  auto decoded = parse::decodeDecimal(magnitude);
  if (!decoded.ok()) {
    error = decoded.error();
    return std::nullopt;
  }
  plan::Decimal value = decoded.value();
  if (value.scale > digits) {
    error = fmt::format("at most {} digits after the point", digits);
    return std::nullopt;
  }
  plan::Int128 scaled = value.units;
  for (int i = value.scale; i < digits; ++i)
    scaled *= 10;
  if (scaled > std::numeric_limits<std::int64_t>::max()) {
    error = "too large";
    return std::nullopt;
  }
  return static_cast<std::int64_t>(negative ? -scaled : scaled);
}

// A decimal `[-+]digits[.digits][e[-+]digits]` as the exact value
// significand x 10^exponent: numbers are never rounded to a float, so sums
// and means of them are exact and independent of the order of the records.
bool exactNumber(std::string_view text, FieldValue& value, std::string& problem) {
  constexpr int kMaxDigits = 18;
  constexpr int kMaxExponent = 18;
  bool negative = text.starts_with('-');
  std::size_t pos = negative || text.starts_with('+') ? 1 : 0;
  std::string digits;
  long exponent = 0;
  std::size_t integerDigits = 0, fractionDigits = 0;
  for (; pos < text.size() && isDigit(text[pos]); ++pos, ++integerDigits)
    digits.push_back(text[pos]);
  if (pos < text.size() && text[pos] == '.')
    for (++pos; pos < text.size() && isDigit(text[pos]); ++pos, ++fractionDigits)
      digits.push_back(text[pos]);
  if (integerDigits + fractionDigits == 0) {
    problem = "no digits";
    return false;
  }
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    std::string_view written = text.substr(pos + 1);
    if (!written.empty() && written.front() == '+')
      written.remove_prefix(1);
    int parsed = 0;
    auto [end, status] = std::from_chars(written.data(), written.data() + written.size(), parsed);
    if (status != std::errc() || end != written.data() + written.size()) {
      problem = "a bad exponent";
      return false;
    }
    exponent = parsed;
    pos = text.size();
  }
  if (pos != text.size()) {
    problem = fmt::format("unexpected `{}`", text[pos]);
    return false;
  }
  exponent -= static_cast<long>(fractionDigits);
  std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) {
    value.integer = 0;
    value.exponent = 0;
    return true;
  }
  std::size_t last = digits.find_last_not_of('0');
  exponent += static_cast<long>(digits.size() - 1 - last);
  std::string significant = digits.substr(first, last - first + 1);
  if (significant.size() > kMaxDigits) {
    problem = fmt::format("more than {} significant digits", kMaxDigits);
    return false;
  }
  if (exponent < -kMaxExponent || exponent > kMaxExponent) {
    problem = "too large or too small to be exact";
    return false;
  }
  std::from_chars(significant.data(), significant.data() + significant.size(), value.integer);
  value.integer = negative ? -value.integer : value.integer;
  value.exponent = static_cast<std::int8_t>(exponent);
  return true;
}

// `2026-03-01T08:00:00Z`, `2026-03-01T08:00:00.250+01:00`.
bool isRfc3339(std::string_view text) {
  auto digitsAt = [&](std::size_t at, std::size_t count) {
    return text.size() >= at + count && allDigits(text.substr(at, count));
  };
  if (!digitsAt(0, 4) || text[4] != '-' || !digitsAt(5, 2) || text[7] != '-' || !digitsAt(8, 2) ||
      text.size() < 20 || (text[10] != 'T' && text[10] != 't') || !digitsAt(11, 2) ||
      text[13] != ':' || !digitsAt(14, 2) || text[16] != ':' || !digitsAt(17, 2))
    return false;
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    std::size_t begin = ++pos;
    while (pos < text.size() && isDigit(text[pos]))
      ++pos;
    if (pos == begin)
      return false;
  }
  std::string_view zone = text.substr(pos);
  return zone == "Z" || zone == "z" ||
         (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && allDigits(zone.substr(1, 2)) &&
          zone[3] == ':' && allDigits(zone.substr(4, 2)));
}

// `250ms`, `1h30m`, `1.5s`: numbers each followed by a unit.
bool isDurationSpelling(std::string_view text) {
  if (text.empty())
    return false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t begin = pos;
    while (pos < text.size() && (isDigit(text[pos]) || text[pos] == '.'))
      ++pos;
    if (!isUnsignedDecimal(text.substr(begin, pos - begin)))
      return false;
    std::size_t unit = pos;
    while (pos < text.size() && !isDigit(text[pos]) && text[pos] != '.')
      ++pos;
    std::string_view name = text.substr(unit, pos - unit);
    if (name != "us" && name != "ms" && name != "s" && name != "m" && name != "h" && name != "d" &&
        name != "w")
      return false;
  }
  return true;
}

// The decimals a number of `micros`-long units may have and stay exact.
int digitsOf(std::int64_t micros) {
  int digits = 0;
  for (; micros >= 10; micros /= 10)
    ++digits;
  return digits;
}

// A time read by `format` or, with `local in`, written without an offset.
std::optional<std::int64_t> writtenTimeValue(const plan::Field& field,
                                             const FieldSpelling& spelling, std::string_view text,
                                             std::string& error) {
  std::string problem;
  for (const plan::TimeFormat& format : spelling.timeFormats) {
    std::optional<plan::WrittenTime> written = format.read(text, problem);
    if (!written)
      continue;
    if (written->offsetMinutes)
      return written->localMicros - std::int64_t{*written->offsetMinutes} * 60'000'000;
    return calendar::resolveLocalInstant(*spelling.localZone, written->localMicros);
  }
  if (!field.timeFormat.empty())
    error = fmt::format("`{}` does not match `format \"{}\"`: {}", shown(text), field.timeFormat,
                        problem);
  else
    error = fmt::format("`{}` is not a time; expected 2026-03-01 08:00, 2026-03-01 08:00:00 "
                        "(in {}) or RFC 3339 with an offset",
                        shown(text), field.localZone);
  return std::nullopt;
}

std::optional<std::int64_t> timeValue(const plan::Field& field, const FieldSpelling& spelling,
                                      std::string_view text, std::string& error) {
  if (!field.timeFormat.empty())
    return writtenTimeValue(field, spelling, text, error);
  if (field.format == plan::FieldFormat::Default && !spelling.timeFormats.empty() &&
      !isRfc3339(text))
    return writtenTimeValue(field, spelling, text, error);
  if (field.format == plan::FieldFormat::Default)
    return parseInstant(text, error);
  std::int64_t unit = microsPerUnit(field.format);
  std::string problem;
  auto value = scaledDecimal(text, digitsOf(unit), problem);
  if (!value) {
    error = fmt::format("`{}` is not a Unix time in {}: {}", shown(text),
                        plan::fieldFormatName(field.format), problem);
    return std::nullopt;
  }
  // With as many decimals as the unit has powers of ten, `value` counts
  // microseconds already.
  plan::Int128 micros = *value;
  // Years 0001-9999, the calendar engine's range.
  if (micros < -62'135'596'800'000'000 || micros > 253'402'300'799'999'999) {
    error = fmt::format("`{}` lies outside the years 0001-9999", shown(text));
    return std::nullopt;
  }
  return static_cast<std::int64_t>(micros);
}

std::int64_t microsPerDurationUnit(std::string_view name) {
  static constexpr std::pair<std::string_view, std::int64_t> kUnits[] = {{"us", 1},
                                                                         {"ms", 1'000},
                                                                         {"s", 1'000'000},
                                                                         {"m", 60'000'000},
                                                                         {"h", 3'600'000'000},
                                                                         {"d", 86'400'000'000},
                                                                         {"w", 604'800'000'000}};
  for (const auto& [unitName, micros] : kUnits)
    if (unitName == name)
      return micros;
  return 0;
}

// `amount` (an unsigned decimal) of `unit`-long units in microseconds,
// exactly and in 128 bits, so that every duration is reachable in every
// unit: nothing and why when it is finer than a microsecond or longer than
// any duration. (Scaling by a fixed 10^9 first, as before, overflowed at
// 2h33m in microseconds.)
std::optional<plan::Int128> unitsInMicros(std::string_view amount, std::int64_t unit,
                                          std::string& problem) {
  if (!isUnsignedDecimal(amount)) {
    problem = "not a number";
    return std::nullopt;
  }
  std::size_t dot = amount.find('.');
  std::string_view whole = amount.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : amount.substr(dot + 1);
  whole.remove_prefix(std::min(whole.find_first_not_of('0'), whole.size()));
  while (!fraction.empty() && fraction.back() == '0')
    fraction.remove_suffix(1);
  // 10^19 microseconds already exceed the longest duration.
  if (whole.size() > 19) {
    problem = "too large";
    return std::nullopt;
  }
  // No unit has 18 factors of ten: such a fraction is finer than a µs.
  if (fraction.size() > 18) {
    problem = "finer than a microsecond";
    return std::nullopt;
  }
  auto digitsValue = [](std::string_view digits) {
    plan::Int128 value = 0;
    for (char digit : digits)
      value = value * 10 + (digit - '0');
    return value;
  };
  plan::Int128 divisor = 1;
  for (std::size_t i = 0; i < fraction.size(); ++i)
    divisor *= 10;
  plan::Int128 fractionMicros = digitsValue(fraction) * unit;
  if (fractionMicros % divisor != 0) {
    problem = "finer than a microsecond";
    return std::nullopt;
  }
  return digitsValue(whole) * unit + fractionMicros / divisor;
}

constexpr plan::Int128 kLongestDuration = std::numeric_limits<std::int64_t>::max();

std::string tooLong(std::string_view text) {
  return fmt::format("`{}` is too large: a duration goes up to 9223372036854775807us "
                     "(about 292,000 years)",
                     shown(text));
}

std::optional<std::int64_t> durationValue(const plan::Field& field, std::string_view text,
                                          std::string& error) {
  if (field.format == plan::FieldFormat::Default) {
    if (!isDurationSpelling(text)) {
      error = fmt::format("`{}` is not a duration; expected a number with its unit, like "
                          "250ms, 1h30m or 2d",
                          shown(text));
      return std::nullopt;
    }
    plan::Int128 total = 0;
    for (std::size_t pos = 0; pos < text.size();) {
      std::size_t numberEnd = text.find_first_not_of("0123456789.", pos);
      std::size_t unitEnd = text.find_first_of("0123456789.", numberEnd);
      if (unitEnd == std::string_view::npos)
        unitEnd = text.size();
      std::string problem;
      auto micros = unitsInMicros(
          text.substr(pos, numberEnd - pos),
          microsPerDurationUnit(text.substr(numberEnd, unitEnd - numberEnd)), problem);
      if (!micros) {
        error = problem == "too large"
                    ? tooLong(text)
                    : fmt::format("`{}` is not a duration: {}", shown(text), problem);
        return std::nullopt;
      }
      total += *micros;
      if (total > kLongestDuration) {
        error = tooLong(text);
        return std::nullopt;
      }
      pos = unitEnd;
    }
    return static_cast<std::int64_t>(total);
  }
  bool negative = text.starts_with('-');
  std::string problem;
  auto micros =
      unitsInMicros(negative ? text.substr(1) : text, microsPerUnit(field.format), problem);
  if (micros && *micros > kLongestDuration + (negative ? 1 : 0))
    problem = "too large";
  if (!micros || !problem.empty()) {
    error = problem == "too large" ? tooLong(text)
                                   : fmt::format("`{}` is not a number of {}: {}", shown(text),
                                                 plan::fieldFormatName(field.format), problem);
    return std::nullopt;
  }
  return static_cast<std::int64_t>(negative ? -*micros : *micros);
}

bool isBlank(char c) {
  return c == ' ' || c == '\t';
}

// `12.50`, `-3`, `12.50 EUR` (blanks before the code, as in a money
// literal): the amount in millionths of the field's currency, exact, as a
// kernel adds them. A code other than the field's is refused, never
// converted: the contract says no rate.
std::optional<std::int64_t> moneyValue(const plan::Field& field, std::string_view text,
                                       std::string& error) {
  std::string currency = plan::currencySpelling(field.type.detail);
  std::string_view amount = text;
  std::size_t blank = text.find_first_of(" \t");
  if (blank != std::string_view::npos) {
    std::size_t code = blank;
    while (code < text.size() && isBlank(text[code]))
      ++code;
    std::string_view written = text.substr(code);
    bool isCode = written.size() == 3 && std::all_of(written.begin(), written.end(),
                                                     [](char c) { return c >= 'A' && c <= 'Z'; });
    if (isCode && written != currency) {
      error = fmt::format("`{}` is in {}, but `{}` is money in {}; amounts in different "
                          "currencies never mix",
                          shown(text), written, field.name, currency);
      return std::nullopt;
    }
    if (!isCode) {
      error = fmt::format("`{}` is not an amount of money; expected a decimal, like 12.50, or "
                          "one with its currency, like 12.50 {}",
                          shown(text), currency);
      return std::nullopt;
    }
    amount = text.substr(0, blank);
  }
  // A decimal as numbers are read (a JSON writer may use an exponent),
  // then scaled: exact, or refused.
  FieldValue decimal;
  std::string problem;
  if (exactNumber(amount, decimal, problem)) {
    std::int64_t millionths = decimal.integer;
    if (decimal.exponent < -6)
      problem = "at most 6 digits after the point";
    for (int digit = -6; digit < decimal.exponent && problem.empty(); ++digit)
      if (__builtin_mul_overflow(millionths, 10, &millionths))
        problem = "too large";
    if (problem.empty())
      return millionths;
  }
  error = fmt::format("`{}` is not an amount of money ({}); expected a decimal, like 12.50, "
                      "or one with its currency, like 12.50 {}",
                      shown(text), problem, currency);
  return std::nullopt;
}

// ASCII letters in either case; other bytes exactly.
bool equalIgnoringCase(std::string_view a, std::string_view b) {
  auto folded = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [&](char x, char y) { return folded(x) == folded(y); });
}

std::optional<FieldValue> enumValue(const plan::Enum& enumeration, std::string_view text,
                                    std::string& error) {
  for (std::size_t i = 0; i < enumeration.cases.size(); ++i)
    for (const std::string& spelling : enumeration.spellings[i])
      if (enumeration.ignoreCase ? equalIgnoringCase(spelling, text) : spelling == text) {
        FieldValue value;
        value.integer = static_cast<std::int64_t>(i);
        return value;
      }
  std::vector<std::string> accepted;
  for (const std::vector<std::string>& spellings : enumeration.spellings)
    for (const std::string& spelling : spellings)
      accepted.push_back(spelling);
  error =
      fmt::format("`{}` is not a case of `{}`; expected one of {}{}", shown(text), enumeration.name,
                  fmt::join(accepted, ", "), enumeration.ignoreCase ? " (in any case)" : "");
  return std::nullopt;
}

// The types whose spelling may hold a decimal mark.
bool hasDecimals(const plan::Field& field) {
  switch (field.type.kind) {
  case plan::TypeKind::Number:
  case plan::TypeKind::Percent:
  case plan::TypeKind::Duration:
    return true;
  case plan::TypeKind::Money:
    return field.format != plan::FieldFormat::CurrencyColumn;
  case plan::TypeKind::Time:
    return field.format != plan::FieldFormat::Default;
  default:
    return false;
  }
}

} // namespace

std::int64_t microsPerUnit(plan::FieldFormat format) {
  switch (format) {
  case plan::FieldFormat::Milliseconds:
  case plan::FieldFormat::EpochMillis:
    return 1'000;
  case plan::FieldFormat::Seconds:
  case plan::FieldFormat::EpochSeconds:
    return 1'000'000;
  case plan::FieldFormat::Minutes:
    return 60'000'000;
  case plan::FieldFormat::Hours:
    return 3'600'000'000;
  default:
    return 1;
  }
}

std::optional<FieldSpelling> prepareSpelling(const plan::Field& field, char decimalMark,
                                             std::string& error) {
  FieldSpelling spelling;
  spelling.decimalMark = decimalMark;
  if (!field.localZone.empty()) {
    spelling.localZone = values::findZone(field.localZone);
    if (!spelling.localZone) {
      error = fmt::format("the zone `{}` of field `{}` is not in this machine's time zone "
                          "database",
                          field.localZone, field.name);
      return std::nullopt;
    }
  }
  std::vector<std::string> patterns;
  if (!field.timeFormat.empty())
    patterns.push_back(field.timeFormat);
  else if (spelling.localZone)
    patterns = {"%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"};
  for (const std::string& pattern : patterns) {
    std::optional<plan::TimeFormat> format = plan::TimeFormat::compile(pattern, error);
    if (!format)
      return std::nullopt;
    spelling.timeFormats.push_back(std::move(*format));
  }
  return spelling;
}

std::optional<FieldValue> convertValue(const plan::Program& program, const plan::Field& field,
                                       const FieldSpelling& spelling, std::string_view text,
                                       std::string& error) {
  std::string withPoint;
  if (spelling.decimalMark != '.' && hasDecimals(field)) {
    if (text.find('.') != std::string_view::npos) {
      error = fmt::format("`{}` has a `.`, but this stream writes decimals with `{}` (`csv "
                          "decimal \"{}\"`)",
                          shown(text), spelling.decimalMark, spelling.decimalMark);
      return std::nullopt;
    }
    withPoint = std::string(text);
    std::replace(withPoint.begin(), withPoint.end(), spelling.decimalMark, '.');
    text = withPoint;
  }
  FieldValue value;
  switch (field.type.kind) {
  case plan::TypeKind::Bool: {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "true" || lower == "1")
      value.integer = 1;
    else if (lower != "false" && lower != "0") {
      error = fmt::format("`{}` is not a bool; expected true, false, 1 or 0", shown(text));
      return std::nullopt;
    }
    return value;
  }
  case plan::TypeKind::Int: {
    auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), value.integer);
    if (status != std::errc() || end != text.data() + text.size()) {
      error = status == std::errc::result_out_of_range
                  ? fmt::format("`{}` is too large for an int (64 bits)", shown(text))
                  : fmt::format("`{}` is not an int; expected digits, like 42 or -7", shown(text));
      return std::nullopt;
    }
    return value;
  }
  case plan::TypeKind::Number: {
    std::string problem;
    if (!exactNumber(text, value, problem)) {
      error = fmt::format("`{}` is not a number ({}); expected a decimal like 4.2 or -1.5e3",
                          shown(text), problem);
      return std::nullopt;
    }
    return value;
  }
  case plan::TypeKind::Percent: {
    std::string_view digits = text.ends_with('%') ? text.substr(0, text.size() - 1) : text;
    std::string problem;
    auto micro = scaledDecimal(digits, 6, problem);
    if (!micro) {
      error = fmt::format("`{}` is not a percent ({}); expected e.g. 99.5% or 99.5", shown(text),
                          problem);
      return std::nullopt;
    }
    value.integer = *micro;
    return value;
  }
  case plan::TypeKind::Duration: {
    auto micros = durationValue(field, text, error);
    if (!micros)
      return std::nullopt;
    value.integer = *micros;
    return value;
  }
  case plan::TypeKind::Time: {
    auto micros = timeValue(field, spelling, text, error);
    if (!micros)
      return std::nullopt;
    value.integer = *micros;
    return value;
  }
  case plan::TypeKind::Date: {
    auto days = parseDate(text, error);
    if (!days)
      return std::nullopt;
    value.integer = *days;
    return value;
  }
  case plan::TypeKind::Enum:
    return enumValue(program.enums[field.type.detail], text, error);
  case plan::TypeKind::Money: {
    if (field.format == plan::FieldFormat::CurrencyColumn) {
      std::string currency = plan::currencySpelling(field.type.detail);
      if (text != currency) {
        error = fmt::format("`{}` is not {}, the currency the field's amounts are declared in; "
                            "amounts in different currencies never mix",
                            shown(text), currency);
        return std::nullopt;
      }
      return value;
    }
    auto millionths = moneyValue(field, text, error);
    if (!millionths)
      return std::nullopt;
    value.integer = *millionths;
    return value;
  }
  default:
    value.text = std::string(text);
    return value;
  }
}

std::optional<std::int64_t> parseInstant(std::string_view text, std::string& error) {
  if (!isRfc3339(text)) {
    error = fmt::format("`{}` is not an RFC 3339 instant; expected e.g. "
                        "2026-03-01T08:00:00+01:00 or 2026-03-01T07:00:00Z",
                        shown(text));
    return std::nullopt;
  }
  std::string normalized(text);
  normalized[10] = 'T';
  if (normalized.back() == 'z')
    normalized.back() = 'Z';
  auto decoded = parse::decodeDateTime(normalized);
  if (!decoded.ok()) {
    error = fmt::format("`{}` is not an instant: {}", shown(text), decoded.error());
    return std::nullopt;
  }
  return decoded.value().epochMicros;
}

std::optional<std::int64_t> parseDate(std::string_view text, std::string& error) {
  bool shaped = text.size() == 10 && allDigits(text.substr(0, 4)) && text[4] == '-' &&
                allDigits(text.substr(5, 2)) && text[7] == '-' && allDigits(text.substr(8, 2));
  auto decoded = shaped ? parse::decodeDate(text) : parse::Decoded<plan::CivilDate>{"not a date"};
  if (!decoded.ok()) {
    error =
        fmt::format("`{}` is not a date ({}); expected YYYY-MM-DD", shown(text), decoded.error());
    return std::nullopt;
  }
  const plan::CivilDate& date = decoded.value();
  return date::sys_days(date::year(date.year) / date::month(date.month) / date::day(date.day))
      .time_since_epoch()
      .count();
}

std::string missingValueMessage(const plan::Field& field) {
  if (field.format == plan::FieldFormat::CurrencyColumn)
    return fmt::format("`{}` has no value; the amount needs its currency in column `{}`",
                       field.name, field.column);
  return fmt::format("`{}` has no value, but it is not optional (declare it `{}: ...?` if it may "
                     "be missing)",
                     field.name, field.name);
}

void appendValue(const plan::Field& field, const FieldValue& value, Column& column) {
  if (field.type.optional)
    column.present.push_back(value.set ? 1 : 0);
  switch (field.type.kind) {
  case plan::TypeKind::Number:
    column.integers.push_back(value.integer);
    column.exponents.push_back(value.exponent);
    break;
  case plan::TypeKind::String:
    column.strings.push_back(value.text);
    break;
  case plan::TypeKind::Bool:
    column.bools.push_back(value.integer != 0 ? 1 : 0);
    break;
  default:
    column.integers.push_back(value.integer);
    break;
  }
}

} // namespace slac::ingest
