#pragma once

#include "calendar/Calendar.h"

#include <gtest/gtest.h>
#include <string>
#include <variant>

namespace slac::calendar::testing {

// `2026-03-06T17:30:00+01:00` as an instant; fails the test on a typo.
Instant at(const std::string& rfc3339);

std::chrono::sys_days day(const std::string& isoDate);

constexpr Duration minutes(std::int64_t count) {
  return count * kMicrosPerMinute;
}
constexpr Duration hours(std::int64_t count) {
  return count * 60 * kMicrosPerMinute;
}

// Mon-Fri with the same intervals every day.
CalendarSpec weekdays(const std::string& zone, std::vector<LocalInterval> intervals);

Calendar prepareOrFail(const CalendarSpec& spec, Instant from = at("2024-01-01T00:00:00Z"),
                       Instant to = at("2030-01-01T00:00:00Z"));

template <typename T> T valueOrFail(const CalendarResult<T>& result) {
  if (const auto* problem = std::get_if<CalendarError>(&result)) {
    ADD_FAILURE() << problem->message;
    return T{};
  }
  return std::get<T>(result);
}

} // namespace slac::calendar::testing
