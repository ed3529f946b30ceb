#include "calendar/Calendar.h"

#include "calendar/LocalTime.h"
#include "values/Zones.h"

#include <algorithm>
#include <date/date.h>
#include <fmt/format.h>
#include <limits>

namespace slac::calendar {

// The open time of the prepared range as sorted, disjoint, non-adjacent
// intervals with the open time before each, and an index from each UTC day
// of the range to the first interval that ends after the day starts. A query
// finds its interval through the index, then counts the day's intervals that
// end by the query instant (a handful in any real calendar; more are
// bisected).
struct Calendar::Tables {
  struct Interval {
    Instant start;
    Instant end;
    Duration openBefore;
  };
  // Days with at most this many intervals ending in them are searched by
  // counting ends, without branches that random instants would mispredict.
  static constexpr std::size_t kCountedPerDay = 4;

  Instant from = 0;
  Instant to = 0;
  std::optional<Duration> businessDay;
  // The open intervals, then kCountedPerDay sentinels that start and end
  // after every instant and have all of the open time before them, so that
  // neither the count nor "no interval left" needs a bounds check.
  std::vector<Interval> intervals;
  std::size_t openIntervals = 0;
  Duration totalOpen = 0;
  Instant dayIndexOrigin = 0; // midnight UTC on or before `from`
  std::vector<std::uint32_t> firstEndingInDay;

  // The first interval that ends after t (a sentinel if none).
  std::size_t firstEndingAfter(Instant t) const {
    std::size_t day = static_cast<std::uint64_t>(t - dayIndexOrigin) / kMicrosPerDay;
    std::size_t first = firstEndingInDay[day];
    std::size_t last = firstEndingInDay[day + 1];
    if (last - first > kCountedPerDay) [[unlikely]]
      return static_cast<std::size_t>(
          std::upper_bound(
              intervals.begin() + static_cast<std::ptrdiff_t>(first),
              intervals.begin() + static_cast<std::ptrdiff_t>(last), t,
              [](Instant value, const Interval& interval) { return value < interval.end; }) -
          intervals.begin());
    // Ends increase, and intervals[last] and its successors (sentinels
    // included) end after the next day starts, so after t: the count stops
    // at the right interval by itself.
    std::size_t endedByT = 0;
    for (std::size_t i = 0; i < kCountedPerDay; ++i)
      endedByT += intervals[first + i].end <= t;
    return first + endedByT;
  }

  // The open time in [from, t), given i = firstEndingAfter(t).
  Duration openUntil(Instant t, std::size_t i) const {
    return intervals[i].openBefore + std::max<Duration>(0, t - intervals[i].start);
  }
  Duration openUntil(Instant t) const { return openUntil(t, firstEndingAfter(t)); }

  // The open time before the end of interval i.
  Duration openAtEnd(std::size_t i) const { return intervals[i + 1].openBefore; }

  // The interval where `target` open time is reached: the first with at
  // least that much at its end, searched from interval `low` on (the caller
  // knows that no interval before `low` reaches it). 0 < target <=
  // totalOpen. Deadlines are usually a few intervals away, so gallop
  // forward, then bisect.
  std::size_t reaching(Duration target, std::size_t low) const {
    std::size_t high = low;
    for (std::size_t step = 1; openAtEnd(high) < target; step *= 2) {
      low = high + 1;
      high = std::min(high + step, openIntervals - 1);
    }
    while (low < high) {
      std::size_t middle = low + (high - low) / 2;
      if (openAtEnd(middle) < target)
        low = middle + 1;
      else
        high = middle;
    }
    return low;
  }
};

namespace {

constexpr Duration kMaxRange = 100 * 366 * kMicrosPerDay;

CalendarError error(CalendarErrorKind kind, std::string message) {
  return CalendarError{kind, std::move(message)};
}

std::string describeDuration(Duration d) {
  if (d % kMicrosPerMinute == 0)
    return fmt::format("{}m", d / kMicrosPerMinute);
  return fmt::format("{}us", d);
}

std::string describeDay(std::chrono::sys_days day) {
  return date::format("%F", day);
}

std::optional<CalendarError> validate(const std::vector<LocalInterval>& intervals,
                                      std::string_view where) {
  for (const LocalInterval& interval : intervals)
    if (interval.startMinute < 0 || interval.endMinute > 1440 ||
        interval.startMinute >= interval.endMinute)
      return error(CalendarErrorKind::InvalidInterval,
                   fmt::format("the interval {:02}:{:02}-{:02}:{:02} {} is empty or outside "
                               "00:00-24:00",
                               interval.startMinute / 60, interval.startMinute % 60,
                               interval.endMinute / 60, interval.endMinute % 60, where));
  return std::nullopt;
}

std::optional<CalendarError> validate(const CalendarSpec& spec) {
  static constexpr std::array<std::string_view, 7> kDayNames = {"mon", "tue", "wed", "thu",
                                                                "fri", "sat", "sun"};
  for (std::size_t day = 0; day < 7; ++day)
    if (auto problem = validate(spec.weekly[day], fmt::format("on {}", kDayNames[day])))
      return problem;
  for (const OpenDate& open : spec.openDates)
    if (auto problem = validate(open.intervals, fmt::format("on {}", describeDay(open.date))))
      return problem;
  for (const AbsoluteWindow& window : spec.windows)
    if (window.from >= window.to)
      return error(CalendarErrorKind::InvalidInterval,
                   fmt::format("the window {} to {} is empty", formatInstant(window.from),
                               formatInstant(window.to)));
  return std::nullopt;
}

struct RawInterval {
  Instant start;
  Instant end;
};

// The open intervals of every local day that can touch [from, to), before
// merging: weekly hours on days that are not closed, then the extra hours
// of open dates.
std::vector<RawInterval> localDayIntervals(const CalendarSpec& spec, const values::Zone& zone,
                                           Instant from, Instant to) {
  using std::chrono::days;
  // Local dates are within a day of UTC dates; two days of margin on either
  // side cover every offset and an interval ending at 24:00.
  auto utcDay = [](Instant t) {
    return std::chrono::floor<days>(
        std::chrono::sys_time<std::chrono::microseconds>(std::chrono::microseconds(t)));
  };
  std::chrono::sys_days first = utcDay(from) - days(2);
  std::chrono::sys_days last = utcDay(to) + days(2);

  std::vector<std::chrono::sys_days> closed = spec.closedDates;
  std::sort(closed.begin(), closed.end());
  std::vector<RawInterval> result;
  auto add = [&](std::chrono::sys_days day, const std::vector<LocalInterval>& intervals) {
    for (const LocalInterval& interval : intervals) {
      Instant start = resolveLocalTime(zone, day, interval.startMinute);
      Instant end = resolveLocalTime(zone, day, interval.endMinute);
      // An interval inside a spring-forward gap has no real time.
      if (start < end)
        result.push_back({start, end});
    }
  };
  for (std::chrono::sys_days day = first; day <= last; day += days(1)) {
    if (std::binary_search(closed.begin(), closed.end(), day))
      continue;
    unsigned weekday = std::chrono::weekday(day).iso_encoding() - 1;
    add(day, spec.weekly[weekday]);
  }
  for (const OpenDate& open : spec.openDates)
    if (open.date >= first && open.date <= last)
      add(open.date, open.intervals);
  return result;
}

} // namespace

CalendarResult<Calendar> Calendar::prepare(const CalendarSpec& spec, Instant from, Instant to) {
  // Within the years RFC 3339 can write, the range and its margin of local
  // days stay far inside int64 microseconds and the tz library's years.
  if (from >= to || from < kEarliestInstant || to > kLatestInstant || to - from > kMaxRange)
    return error(CalendarErrorKind::InvalidRange,
                 fmt::format("cannot prepare a calendar for {} to {}: the range must be "
                             "non-empty, at most 100 years long and within the years 0001-9999",
                             formatInstant(from), formatInstant(to)));
  if (auto problem = validate(spec))
    return *problem;
  const values::Zone* zone = values::findZone(spec.zone);
  if (!zone)
    return error(CalendarErrorKind::UnknownZone,
                 fmt::format("unknown time zone `{}`; zones are IANA names like "
                             "`Europe/Berlin` or `America/New_York`",
                             spec.zone));

  std::vector<RawInterval> raw;
  if (spec.always)
    raw.push_back({from, to});
  else
    raw = localDayIntervals(spec, *zone, from, to);
  for (const AbsoluteWindow& window : spec.windows)
    raw.push_back({window.from, window.to});
  std::sort(raw.begin(), raw.end(),
            [](const RawInterval& a, const RawInterval& b) { return a.start < b.start; });

  auto tables = std::make_unique<Tables>();
  tables->from = from;
  tables->to = to;
  tables->businessDay = spec.businessDay;
  std::vector<Tables::Interval>& intervals = tables->intervals;
  Duration open = 0;
  for (RawInterval interval : raw) {
    interval.start = std::max(interval.start, from);
    interval.end = std::min(interval.end, to);
    if (interval.start >= interval.end)
      continue;
    if (!intervals.empty() && interval.start <= intervals.back().end) {
      if (interval.end > intervals.back().end) {
        open += interval.end - intervals.back().end;
        intervals.back().end = interval.end;
      }
      continue;
    }
    intervals.push_back({interval.start, interval.end, open});
    open += interval.end - interval.start;
  }
  tables->totalOpen = open;
  tables->openIntervals = intervals.size();
  constexpr Instant kNever = std::numeric_limits<Instant>::max();
  intervals.insert(intervals.end(), Tables::kCountedPerDay, {kNever, kNever, open});

  tables->dayIndexOrigin = from - ((from % kMicrosPerDay) + kMicrosPerDay) % kMicrosPerDay;
  std::size_t days = static_cast<std::size_t>((to - tables->dayIndexOrigin) / kMicrosPerDay) + 2;
  tables->firstEndingInDay.resize(days + 1);
  std::size_t interval = 0;
  for (std::size_t day = 0; day <= days; ++day) {
    Instant dayStart = tables->dayIndexOrigin + static_cast<Instant>(day) * kMicrosPerDay;
    while (interval < tables->openIntervals && intervals[interval].end <= dayStart)
      ++interval;
    tables->firstEndingInDay[day] = static_cast<std::uint32_t>(interval);
  }
  return Calendar(std::move(tables));
}

Calendar::Calendar(std::unique_ptr<Tables> tables)
    : tables_(std::move(tables)), from_(tables_->from), to_(tables_->to) {
  openThroughout_ = tables_->openIntervals == 1 && tables_->intervals[0].start == from_ &&
                    tables_->intervals[0].end == to_;
}
Calendar::Calendar(Calendar&&) noexcept = default;
Calendar& Calendar::operator=(Calendar&&) noexcept = default;
Calendar::~Calendar() = default;

const std::optional<Duration>& Calendar::businessDay() const {
  return tables_->businessDay;
}

std::size_t Calendar::intervalCount() const {
  return tables_->openIntervals;
}

std::optional<CalendarError> Calendar::checkInRange(Instant t) const {
  if (t < tables_->from)
    return error(CalendarErrorKind::BeforeRange,
                 fmt::format("{} is before {}, where this calendar's prepared range begins",
                             formatInstant(t), formatInstant(tables_->from)));
  if (t > tables_->to)
    return error(CalendarErrorKind::AfterRange,
                 fmt::format("{} is after {}, where this calendar's prepared range ends",
                             formatInstant(t), formatInstant(tables_->to)));
  return std::nullopt;
}

std::optional<CalendarError> Calendar::checkSpan(Instant a, Instant b) const {
  if (auto problem = checkInRange(a))
    return problem;
  if (auto problem = checkInRange(b))
    return problem;
  if (b < a)
    return error(
        CalendarErrorKind::ReversedInterval,
        fmt::format("the end {} is before the start {}", formatInstant(b), formatInstant(a)));
  return std::nullopt;
}

CalendarResult<bool> Calendar::contains(Instant t) const {
  if (t < tables_->from || t > tables_->to) [[unlikely]]
    return *checkInRange(t);
  return containsInRange(t);
}

CalendarResult<Duration> Calendar::elapsed(Instant a, Instant b) const {
  if (a < tables_->from || b > tables_->to || b < a) [[unlikely]]
    return *checkSpan(a, b);
  return elapsedInRange(a, b);
}

CalendarResult<Instant> Calendar::deadline(Instant a, Duration d) const {
  if (a < tables_->from || a > tables_->to) [[unlikely]]
    return *checkInRange(a);
  if (d < 0) [[unlikely]]
    return error(
        CalendarErrorKind::NegativeDuration,
        fmt::format("a deadline needs a duration of at least 0, not {}", describeDuration(d)));
  std::optional<Instant> t = deadlineInRange(a, d);
  if (!t) [[unlikely]]
    return error(CalendarErrorKind::AfterRange,
                 fmt::format("the deadline for {} from {} lies after {}, where this "
                             "calendar's prepared range ends",
                             describeDuration(d), formatInstant(a), formatInstant(tables_->to)));
  return *t;
}

CalendarResult<std::vector<Calendar::OpenSpan>> Calendar::openSpans(Instant a, Instant b) const {
  if (a < tables_->from || b > tables_->to || b < a) [[unlikely]]
    return *checkSpan(a, b);
  std::vector<OpenSpan> spans;
  // The sentinels start after every instant, so the walk stops by itself.
  for (std::size_t i = tables_->firstEndingAfter(a); tables_->intervals[i].start < b; ++i)
    spans.push_back(
        {std::max(a, tables_->intervals[i].start), std::min(b, tables_->intervals[i].end)});
  return spans;
}

bool Calendar::containsInRange(Instant t) const noexcept {
  std::size_t i = tables_->firstEndingAfter(t);
  return tables_->intervals[i].start <= t;
}

Calendar::Stretch Calendar::stretchInRange(Instant t) const noexcept {
  std::size_t i = tables_->firstEndingAfter(t);
  const Tables::Interval& next = tables_->intervals[i];
  if (next.start <= t)
    return {next.start, next.end, true};
  // Sentinels start after every instant, so a gap before one runs to the
  // end of time.
  return {i == 0 ? std::numeric_limits<Instant>::min() : tables_->intervals[i - 1].end, next.start,
          false};
}

Duration Calendar::elapsedInRange(Instant a, Instant b) const noexcept {
  return tables_->openUntil(b) - tables_->openUntil(a);
}

std::optional<Instant> Calendar::deadlineInRange(Instant a, Duration d) const noexcept {
  if (d == 0)
    return a;
  const Tables& tables = *tables_;
  std::size_t low = tables.firstEndingAfter(a);
  Duration openBeforeA = tables.openUntil(a, low);
  // Compared as the remainder so that a huge d cannot overflow the target.
  if (d > tables.totalOpen - openBeforeA)
    return std::nullopt;
  Duration target = openBeforeA + d;
  const Tables::Interval& interval = tables.intervals[tables.reaching(target, low)];
  return interval.start + (target - interval.openBefore);
}

Calendar::Position Calendar::positionInRange(Instant t) const noexcept {
  std::size_t i = tables_->firstEndingAfter(t);
  const Tables::Interval& interval = tables_->intervals[i];
  return {i == 0 ? std::numeric_limits<Instant>::min() : tables_->intervals[i - 1].end,
          interval.end, interval.start, interval.openBefore};
}

Calendar::Reach Calendar::reachInRange(Duration open) const noexcept {
  std::size_t i = tables_->reaching(open, 0);
  return {tables_->intervals[i].openBefore, tables_->openAtEnd(i), tables_->intervals[i].start};
}

Duration Calendar::totalOpen() const noexcept {
  return tables_->totalOpen;
}

} // namespace slac::calendar
