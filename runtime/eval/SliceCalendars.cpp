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

bool SliceCalendars::passes(std::int64_t start) {
  for (Walk& walk : walks_) {
    while (walk.next < walk.spans.size() && walk.spans[walk.next].end <= start)
      ++walk.next;
    bool open = walk.next < walk.spans.size() && walk.spans[walk.next].start <= start;
    if ((walk.mode == plan::CalendarFilter::Mode::During) != open)
      return false;
  }
  return true;
}

} // namespace slac::eval
