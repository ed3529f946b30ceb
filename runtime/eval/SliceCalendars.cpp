#include "eval/SliceCalendars.h"

#include <variant>

namespace slac::eval {

std::optional<SliceCalendars> SliceCalendars::over(const std::vector<plan::CalendarFilter>& filters,
                                                   const std::vector<calendar::Calendar>& calendars,
                                                   std::int64_t from, std::int64_t to) {
  SliceCalendars result;
  for (const plan::CalendarFilter& filter : filters) {
    auto spans = calendars[filter.calendar].openSpans(from, to);
    if (std::holds_alternative<calendar::CalendarError>(spans))
      return std::nullopt;
    result.walks_.push_back(
        {filter.mode, std::get<std::vector<calendar::Calendar::OpenSpan>>(std::move(spans)), 0});
  }
  return result;
}

} // namespace slac::eval
