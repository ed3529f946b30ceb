#include "eval/SliceCalendars.h"

#include <algorithm>
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

std::uint64_t SliceCalendars::passing(std::int64_t start, std::int64_t width, int count) {
  std::uint64_t word;
  passingWords(start, width, count, &word);
  return word;
}

void SliceCalendars::passingWords(std::int64_t start, std::int64_t width, std::int64_t slices,
                                  std::uint64_t* words) {
  auto count = static_cast<std::size_t>((slices + 63) / 64);
  std::int64_t end = start + slices * width;
  // The first slice whose start is at or after `instant`, in [0, slices].
  auto firstFrom = [&](std::int64_t instant) -> std::int64_t {
    if (instant <= start)
      return 0;
    return instant >= end ? slices : (instant - start + width - 1) / width;
  };
  std::fill_n(words, count, ~std::uint64_t{0});
  if (slices % 64 != 0)
    words[count - 1] = (std::uint64_t{1} << (slices % 64)) - 1;
  for (Walk& walk : walks_) {
    while (walk.next < walk.spans.size() && walk.spans[walk.next].end <= start)
      ++walk.next;
    // A slice in a span is open: it passes `during`, fails the others.
    // The spans are sorted and apart (Calendar::openSpans), so the slices
    // from the end of one to the first of the next are closed.
    bool during = walk.mode == plan::CalendarFilter::Mode::During;
    auto fail = [&](std::int64_t first, std::int64_t last) {
      for (std::int64_t slice = first; slice < last;) {
        auto word = static_cast<std::size_t>(slice / 64);
        int bit = static_cast<int>(slice % 64);
        int run = static_cast<int>(std::min<std::int64_t>(64 - bit, last - slice));
        words[word] &= ~((run == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << run) - 1) << bit);
        slice += run;
      }
    };
    std::int64_t closedFrom = 0; // the first slice after the spans so far
    for (std::size_t span = walk.next; span < walk.spans.size() && walk.spans[span].start < end;
         ++span) {
      std::int64_t first = firstFrom(walk.spans[span].start);
      std::int64_t last = firstFrom(walk.spans[span].end);
      if (during)
        fail(closedFrom, first);
      else
        fail(first, last);
      closedFrom = std::max(closedFrom, last);
    }
    if (during)
      fail(closedFrom, slices);
  }
}

} // namespace slac::eval
