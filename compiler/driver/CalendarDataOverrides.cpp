#include "driver/CalendarDataOverrides.h"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace slac::driver {

namespace {

using Kind = plan::CalendarFile::Kind;

const char* kindWord(Kind kind) {
  return kind == Kind::Windows ? "window" : "closed";
}

// `NAME`, `NAME.window` or `NAME.closed`: the calendar's name and the kind,
// when written.
std::pair<std::string, std::optional<Kind>> target(const std::string& written) {
  for (Kind kind : {Kind::Windows, Kind::ClosedDates}) {
    std::string suffix = fmt::format(".{}", kindWord(kind));
    if (written.size() > suffix.size() && written.ends_with(suffix))
      return {written.substr(0, written.size() - suffix.size()), kind};
  }
  return {written, std::nullopt};
}

} // namespace

std::optional<std::string> overrideCalendarData(std::vector<DataSource>& files,
                                                const std::vector<std::string>& calendarNames,
                                                const std::vector<std::string>& overrides) {
  // The files each (calendar, kind) reads from the command line, in order.
  std::vector<DataSource> replacements;
  std::set<std::pair<std::uint32_t, Kind>> replaced;
  for (const std::string& written : overrides) {
    std::size_t equals = written.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == written.size())
      return fmt::format("`--calendar-data {}`: expected NAME=PATH, NAME.window=PATH or "
                         "NAME.closed=PATH",
                         written);
    auto [name, kind] = target(written.substr(0, equals));
    std::set<Kind> kinds; // that the calendar reads from files
    std::optional<std::uint32_t> calendar;
    for (const DataSource& file : files)
      if (file.calendar && calendarNames.at(*file.calendar) == name) {
        calendar = file.calendar;
        kinds.insert(file.calendarKind);
      }
    if (!calendar)
      return fmt::format("`--calendar-data {}`: no calendar `{}` reads a file (`window from` or "
                         "`closed from`) in what is evaluated",
                         written, name);
    if (!kind && kinds.size() > 1)
      return fmt::format("`--calendar-data {}`: calendar `{}` reads windows and closed dates; "
                         "write `{}.window=PATH` or `{}.closed=PATH`",
                         written, name, name, name);
    Kind chosen = kind.value_or(*kinds.begin());
    if (!kinds.count(chosen))
      return fmt::format("`--calendar-data {}`: calendar `{}` reads no `{} from` file to replace",
                         written, name, kindWord(chosen));
    replaced.insert({*calendar, chosen});
    DataSource& source = replacements.emplace_back();
    source.path = written.substr(equals + 1);
    source.origin = fmt::format("named by `--calendar-data {}`", written);
    source.calendar = calendar;
    source.calendarKind = chosen;
  }
  std::erase_if(files, [&](const DataSource& file) {
    return file.calendar && replaced.count({*file.calendar, file.calendarKind});
  });
  // Calendar files are read before any measurement, wherever they stand.
  files.insert(files.begin(), replacements.begin(), replacements.end());
  return std::nullopt;
}

} // namespace slac::driver
