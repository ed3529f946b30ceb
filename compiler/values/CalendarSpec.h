#pragma once

// The input of the calendar engine (runtime/calendar) as plain data, apart
// from the engine: the plan holds its calendars in this form and the engine
// is built from it, so the plan needs no runtime header
// (docs/architecture.md). The names stay in the engine's namespace, whose
// input they are.

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace slac::calendar {

using Instant = std::int64_t;  // microseconds since 1970-01-01T00:00:00Z
using Duration = std::int64_t; // microseconds

// A half-open wall-clock interval [start, end) of one local day, in minutes
// since local midnight; end may be 1440 (24:00).
struct LocalInterval {
  std::int32_t startMinute = 0;
  std::int32_t endMinute = 0;
  friend bool operator==(const LocalInterval&, const LocalInterval&) = default;
};

// Extra open hours on one local date (`open 2026-12-27 10:00-14:00`).
struct OpenDate {
  std::chrono::sys_days date;
  std::vector<LocalInterval> intervals;
};

// A one-off absolute interval [from, to) (`window ... to ...`).
struct AbsoluteWindow {
  Instant from = 0;
  Instant to = 0;
};

// What a `calendar` declaration says, independent of the AST. The open set is
//   (weekly hours on dates that are not closed) ∪ open dates ∪ windows,
// or every instant when `always` is set.
struct CalendarSpec {
  std::string zone = "UTC"; // IANA name
  bool always = false;
  std::array<std::vector<LocalInterval>, 7> weekly; // index 0 is Monday
  std::vector<std::chrono::sys_days> closedDates;   // local dates
  std::vector<OpenDate> openDates;
  std::vector<AbsoluteWindow> windows;
  std::optional<Duration> businessDay; // `business day = 8h`
};

} // namespace slac::calendar
