#pragma once

// One line of `slac calendar` input: `in T`, `elapsed A B` or
// `deadline A DURATION`, where times are RFC 3339 instants with an offset
// and durations are written as in the language (`90m`, `1h30m`,
// `2 business days`).

#include "calendar/Calendar.h"

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace slac::driver {

struct ContainsQuery {
  calendar::Instant t;
};
struct ElapsedQuery {
  calendar::Instant a;
  calendar::Instant b;
};
struct DeadlineQuery {
  calendar::Instant a = 0;
  calendar::Duration duration = 0;
  std::optional<std::int64_t> businessDays; // `2 business days`, instead of a duration
};
using CalendarQuery = std::variant<ContainsQuery, ElapsedQuery, DeadlineQuery>;

struct QueryError {
  std::size_t column; // 1-based
  std::string message;
};

// Nothing for a blank line or a `#` comment.
std::variant<std::monostate, CalendarQuery, QueryError> parseCalendarQuery(std::string_view line);

} // namespace slac::driver
