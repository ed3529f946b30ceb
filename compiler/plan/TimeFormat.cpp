#include "plan/TimeFormat.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <date/date.h>
#include <fmt/format.h>

namespace slac::plan {

namespace {

constexpr std::array<std::string_view, 12> kMonthNames{
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

bool continuesCodePoint(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The 1-based number of the character (not the byte) at byte `at`.
std::size_t characterAt(std::string_view text, std::size_t at) {
  std::size_t character = 1;
  for (std::size_t i = 0; i < at; ++i)
    character += !continuesCodePoint(text[i]);
  return character;
}

// What the text holds from byte `at` on, for messages: a few characters,
// cut between code points, and where they start.
std::string restOf(std::string_view text, std::size_t at) {
  if (at >= text.size())
    return "the end of the value";
  constexpr std::size_t kShown = 12;
  std::size_t end = std::min(text.size(), at + kShown);
  while (end < text.size() && continuesCodePoint(text[end]))
    ++end;
  return fmt::format("`{}{}` (character {})", text.substr(at, end - at),
                     end < text.size() ? "..." : "", characterAt(text, at));
}

// Reads one to `maxDigits` digits at `at`.
std::optional<int> digits(std::string_view text, std::size_t& at, std::size_t maxDigits) {
  std::size_t begin = at;
  int value = 0;
  while (at < text.size() && at - begin < maxDigits && isDigit(text[at]))
    value = value * 10 + (text[at++] - '0');
  if (at == begin)
    return std::nullopt;
  return value;
}

} // namespace

std::optional<TimeFormat> TimeFormat::compile(std::string_view pattern, std::string& problem) {
  TimeFormat format;
  format.pattern_ = std::string(pattern);
  bool year = false, month = false, day = false, hour = false, hour12 = false, ampm = false;
  auto add = [&](Part part, std::string text = {}) {
    if (part == Part::Literal && !format.steps_.empty() &&
        format.steps_.back().part == Part::Literal)
      format.steps_.back().text += text;
    else
      format.steps_.push_back({part, std::move(text)});
  };
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == ' ') {
      if (format.steps_.empty() || format.steps_.back().part != Part::Blanks)
        add(Part::Blanks);
      continue;
    }
    if (c != '%') {
      add(Part::Literal, std::string(1, c));
      continue;
    }
    if (++i == pattern.size()) {
      problem = "it ends with a lone `%`; write `%%` for a percent sign";
      return std::nullopt;
    }
    switch (pattern[i]) {
    case 'Y':
      add(Part::Year), year = true;
      break;
    case 'y':
      add(Part::ShortYear), year = true;
      break;
    case 'm':
      add(Part::Month), month = true;
      break;
    case 'b':
    case 'B':
    case 'h':
      add(Part::MonthName), month = true;
      break;
    case 'd':
    case 'e':
      add(Part::Day), day = true;
      break;
    case 'H':
      add(Part::Hour), hour = true;
      break;
    case 'I':
      add(Part::Hour12), hour12 = true;
      break;
    case 'p':
      add(Part::AmPm), ampm = true;
      break;
    case 'M':
      add(Part::Minute);
      break;
    case 'S':
      add(Part::Second);
      break;
    case 'z':
      add(Part::Offset), format.hasOffset_ = true;
      break;
    case 'F':
      add(Part::Year), add(Part::Literal, "-"), add(Part::Month), add(Part::Literal, "-");
      add(Part::Day), year = month = day = true;
      break;
    case 'T':
      add(Part::Hour), add(Part::Literal, ":"), add(Part::Minute), add(Part::Literal, ":");
      add(Part::Second), hour = true;
      break;
    case 'R':
      add(Part::Hour), add(Part::Literal, ":"), add(Part::Minute), hour = true;
      break;
    case '%':
      add(Part::Literal, "%");
      break;
    case 'Z':
      problem = "a zone abbreviation (`%Z`) does not name one zone (CST is three); read the "
                "offset with `%z`, or say the zone with `local in`";
      return std::nullopt;
    default:
      problem = fmt::format("`%{}` is not a specifier slac reads; use {}", pattern[i], kSpecifiers);
      return std::nullopt;
    }
  }
  if (!year || !month || !day) {
    problem = "it does not read a whole date; it needs a year (`%Y` or `%y`), a month (`%m` or "
              "`%b`) and a day (`%d`)";
    return std::nullopt;
  }
  if (hour && hour12) {
    problem = "it reads the hour twice (`%H` and `%I`)";
    return std::nullopt;
  }
  if (hour12 != ampm) {
    problem = hour12 ? "`%I` is an hour from 1 to 12 and needs `%p` (AM or PM)"
                     : "`%p` (AM or PM) needs a 12-hour clock `%I`";
    return std::nullopt;
  }
  return format;
}

std::optional<WrittenTime> TimeFormat::read(std::string_view text, std::string& problem) const {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, micros = 0;
  bool pm = false, twelveHour = false;
  WrittenTime written;
  std::size_t at = 0;
  auto expected = [&](std::string_view what) {
    problem = fmt::format("expected {} at {}", what, restOf(text, at));
    return std::nullopt;
  };
  auto inRange = [&](std::size_t begin, int value, int low, int high, std::string_view what) {
    if (value >= low && value <= high)
      return true;
    problem =
        fmt::format("{} {} is out of range (character {})", what, value, characterAt(text, begin));
    return false;
  };
  for (const Step& step : steps_) {
    std::size_t begin = at;
    switch (step.part) {
    case Part::Literal:
      if (text.substr(at, step.text.size()) != step.text)
        return expected(fmt::format("`{}`", step.text));
      at += step.text.size();
      break;
    case Part::Blanks:
      if (at >= text.size() || text[at] != ' ')
        return expected("a space");
      while (at < text.size() && text[at] == ' ')
        ++at;
      break;
    case Part::Year: {
      auto value = digits(text, at, 4);
      if (!value || at - begin != 4)
        return (at = begin), expected("a four-digit year");
      year = *value;
      break;
    }
    case Part::ShortYear: {
      auto value = digits(text, at, 2);
      if (!value || at - begin != 2)
        return (at = begin), expected("a two-digit year");
      year = *value < 69 ? 2000 + *value : 1900 + *value;
      break;
    }
    case Part::Month: {
      auto value = digits(text, at, 2);
      if (!value)
        return expected("a month (1-12)");
      if (!inRange(begin, *value, 1, 12, "month"))
        return std::nullopt;
      month = *value;
      break;
    }
    case Part::MonthName: {
      std::size_t end = at;
      while (end < text.size() && ((text[end] | 0x20) >= 'a' && (text[end] | 0x20) <= 'z'))
        ++end;
      std::string word;
      for (char c : text.substr(at, end - at))
        word += lower(c);
      for (std::size_t i = 0; i < kMonthNames.size() && month == 0; ++i)
        if (word == kMonthNames[i] || (word.size() == 3 && kMonthNames[i].starts_with(word)))
          month = static_cast<int>(i) + 1;
      if (month == 0)
        return expected("an English month name (Jan or January)");
      at = end;
      break;
    }
    case Part::Day: {
      if (at < text.size() && text[at] == ' ')
        ++at; // `%e` pads with a space
      auto value = digits(text, at, 2);
      if (!value)
        return expected("a day of the month");
      if (!inRange(begin, *value, 1, 31, "day"))
        return std::nullopt;
      day = *value;
      break;
    }
    case Part::Hour:
    case Part::Hour12: {
      auto value = digits(text, at, 2);
      if (!value)
        return expected("an hour");
      bool twelve = step.part == Part::Hour12;
      if (!inRange(begin, *value, twelve ? 1 : 0, twelve ? 12 : 23, "hour"))
        return std::nullopt;
      hour = *value;
      break;
    }
    case Part::AmPm: {
      std::string word;
      for (char c : text.substr(at, 2))
        word += lower(c);
      if (word != "am" && word != "pm")
        return expected("AM or PM");
      pm = word == "pm";
      twelveHour = true;
      at += 2;
      break;
    }
    case Part::Minute: {
      auto value = digits(text, at, 2);
      if (!value || at - begin != 2)
        return (at = begin), expected("two digits of minutes");
      if (!inRange(begin, *value, 0, 59, "minute"))
        return std::nullopt;
      minute = *value;
      break;
    }
    case Part::Second: {
      auto value = digits(text, at, 2);
      if (!value || at - begin != 2)
        return (at = begin), expected("two digits of seconds");
      if (!inRange(begin, *value, 0, 59, "second"))
        return std::nullopt;
      second = *value;
      if (at < text.size() && text[at] == '.') {
        std::size_t fraction = ++at;
        auto fractionDigits = digits(text, at, 7);
        if (!fractionDigits)
          return expected("digits after the `.`");
        if (at - fraction > 6)
          return (at = fraction + 6), expected("no digit finer than a microsecond");
        micros = *fractionDigits;
        for (std::size_t i = at - fraction; i < 6; ++i)
          micros *= 10;
      }
      break;
    }
    case Part::Offset: {
      if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
        ++at;
        written.offsetMinutes = 0;
        break;
      }
      if (at >= text.size() || (text[at] != '+' && text[at] != '-'))
        return expected("an offset like +0100, +01:00 or Z");
      int sign = text[at++] == '-' ? -1 : 1;
      std::size_t hoursAt = at;
      auto hours = digits(text, at, 2);
      if (!hours || at - hoursAt != 2)
        return (at = begin), expected("an offset like +0100, +01:00 or Z");
      if (at < text.size() && text[at] == ':')
        ++at;
      std::size_t minutesAt = at;
      auto minutes = digits(text, at, 2);
      if (!minutes || at - minutesAt != 2 || *hours > 23 || *minutes > 59)
        return (at = begin), expected("an offset like +0100, +01:00 or Z");
      written.offsetMinutes = sign * (*hours * 60 + *minutes);
      break;
    }
    }
  }
  if (at != text.size()) {
    problem = fmt::format("unexpected {} after the time", restOf(text, at));
    return std::nullopt;
  }
  date::year_month_day date{date::year(year), date::month(static_cast<unsigned>(month)),
                            date::day(static_cast<unsigned>(day))};
  if (year < 1) {
    problem = "the year 0 is before the first year a time can have (0001)";
    return std::nullopt;
  }
  if (!date.ok()) {
    problem = fmt::format("{:04}-{:02}-{:02} is not a date", year, month, day);
    return std::nullopt;
  }
  if (twelveHour) // 12 AM is midnight, 12 PM noon
    hour = hour % 12 + (pm ? 12 : 0);
  using std::chrono::hours;
  using std::chrono::microseconds;
  using std::chrono::minutes;
  using std::chrono::seconds;
  auto local = date::sys_days(date).time_since_epoch() + hours(hour) + minutes(minute) +
               seconds(second) + microseconds(micros);
  written.localMicros = std::chrono::duration_cast<microseconds>(local).count();
  return written;
}

} // namespace slac::plan
