#pragma once

// The time covered by the records of an interval stream (`downtime`,
// `uptime`), measured exactly to the microsecond: the union of the
// intervals, inside a window, before the evaluation instant, and inside the
// objective's calendar filters (`during` keeps the calendar's open time,
// `outside` and `excluding` its closed time). Overlapping intervals count
// once. docs/evaluation.md, "Intervals".
//
// Pure functions over values; thread-compatible.

#include "calendar/Calendar.h"
#include "eval/Periods.h"
#include "plan/Plan.h"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace slac::eval {

// One record's interval [start, end); an open one (its end unset at `at`)
// ends at kOpenEnd until it is measured.
struct CoveredSpan {
  std::int64_t start = 0;
  std::int64_t end = 0;
};
inline constexpr std::int64_t kOpenEnd = INT64_MAX;

struct Coverage {
  std::int64_t covered = 0;  // µs of the union of the spans, under the filters
  std::int64_t measured = 0; // µs of the window before `at`, under the filters
};

// The instants measured in a window: [window.start, min(window.end, at))
// restricted by `filters`, as sorted, disjoint spans. An error is a
// calendar asked about instants it was not prepared for.
std::variant<std::vector<CoveredSpan>, std::string>
measuredSpans(const Window& window, std::int64_t at,
              const std::vector<plan::CalendarFilter>& filters,
              const std::vector<calendar::Calendar>& calendars);

// The union of `spans` inside `measured` (sorted, disjoint spans, as
// measuredSpans gives them): sorted, disjoint spans.
std::vector<CoveredSpan> coveredSpans(std::vector<CoveredSpan> spans,
                                      const std::vector<CoveredSpan>& measured);

// The µs of `spans` (disjoint).
std::int64_t lengthOf(const std::vector<CoveredSpan>& spans);

// Measures `spans` over [window.start, min(window.end, at)) restricted by
// `filters` (each a calendar of `calendars`). An error is a calendar asked
// about instants it was not prepared for.
std::variant<Coverage, std::string>
measureCoverage(std::vector<CoveredSpan> spans, const Window& window, std::int64_t at,
                const std::vector<plan::CalendarFilter>& filters,
                const std::vector<calendar::Calendar>& calendars);

} // namespace slac::eval
