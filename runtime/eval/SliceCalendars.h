#pragma once

// Whether the slices of one window pass an objective's calendars (`during`,
// `outside`, `excluding`), asked in increasing order of slice start. Each
// calendar lists its open spans over the window once and the walk moves
// along them, where asking the calendar about every slice (43,200 minutes
// in a month) cost a lookup each. The answer is the same as
// Calendar::contains per slice start, by the definition of openSpans.

#include "calendar/Calendar.h"
#include "plan/Plan.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace slac::eval {

class SliceCalendars {
public:
  // The walk over [from, to) for `filters`; unset when a calendar cannot
  // list that span (outside its prepared range), where asking slice by
  // slice reports the error.
  static std::optional<SliceCalendars> over(const std::vector<plan::CalendarFilter>& filters,
                                            const std::vector<calendar::Calendar>& calendars,
                                            std::int64_t from, std::int64_t to);

  // Whether a slice starting at `start` passes every filter; `start` must
  // not decrease from one call to the next and lies in [from, to).
  // Inline: a year of minute slices asks 525,600 times.
  bool passes(std::int64_t start) {
    for (Walk& walk : walks_) {
      while (walk.next < walk.spans.size() && walk.spans[walk.next].end <= start)
        ++walk.next;
      bool open = walk.next < walk.spans.size() && walk.spans[walk.next].start <= start;
      if ((walk.mode == plan::CalendarFilter::Mode::During) != open)
        return false;
    }
    return true;
  }

  // The same for `count` (at most 64) slices of `width` from `start`: bit
  // i says whether the slice starting at start + i × width passes. Starts
  // must not decrease from one call to the next.
  std::uint64_t passing(std::int64_t start, std::int64_t width, int count);

  // The same for `slices` slices of `width` from `start` at once, a word
  // of 64 an element of `words` (which holds (slices + 63) / 64), bits
  // past the last slice clear: one pass over the spans that overlap them,
  // where a call of passing() a word cost a year of minute slices 8,213
  // calls (passing() is this for one word). Starts must not decrease from
  // one call to the next.
  void passingWords(std::int64_t start, std::int64_t width, std::int64_t slices,
                    std::uint64_t* words);

private:
  struct Walk {
    plan::CalendarFilter::Mode mode;
    std::vector<calendar::Calendar::OpenSpan> spans;
    std::size_t next = 0; // the first span that does not end at or before the last start
  };
  std::vector<Walk> walks_;
};

} // namespace slac::eval
