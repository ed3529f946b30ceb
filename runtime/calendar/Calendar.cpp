#include "calendar/Calendar.h"

#include "calendar/LocalTime.h"

#include <algorithm>
#include <date/tz.h>
#include <fmt/format.h>
#include <stdexcept>

namespace slac::calendar {

// The open time of the prepared range as sorted, disjoint, non-adjacent
// intervals [starts[i], ends[i]), with the open time before each, and an
// index from each UTC day of the range to the first interval that ends after
// the day starts. A query finds its interval through the index and a binary
// search among that day's few intervals.
struct Calendar::Tables {
  Instant from = 0;
  Instant to = 0;
  std::optional<Duration> businessDay;
  std::vector<Instant> starts;
  std::vector<Instant> ends;
  std::vector<Duration> openBefore; // size n + 1: the last is the total
  Instant dayIndexOrigin = 0;       // midnight UTC on or before `from`
  std::vector<std::uint32_t> firstEndingInDay;

  std::size_t intervalCount() const { return starts.size(); }

  // The first interval that ends after t (intervalCount() if none).
  std::size_t firstEndingAfter(Instant t) const {
    std::size_t day = static_cast<std::size_t>((t - dayIndexOrigin) / kMicrosPerDay);
    auto begin = ends.begin() + firstEndingInDay[day];
    auto end = ends.begin() + firstEndingInDay[day + 1];
    return static_cast<std::size_t>(std::upper_bound(begin, end, t) - ends.begin());
  }

  // The open time in [from, t).
  Duration openUntil(Instant t) const {
    std::size_t i = firstEndingAfter(t);
    if (i == intervalCount())
      return openBefore.back();
    return openBefore[i] + std::max<Duration>(0, t - starts[i]);
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
    if (auto problem = validate(open.intervals, "on " + describeDay(open.date)))
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
std::vector<RawInterval> localDayIntervals(const CalendarSpec& spec, const date::time_zone& zone,
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
  if (from >= to || to - from > kMaxRange)
    return error(CalendarErrorKind::InvalidRange,
                 fmt::format("cannot prepare a calendar for {} to {}: the range must be "
                             "non-empty and at most 100 years long",
                             formatInstant(from), formatInstant(to)));
  if (auto problem = validate(spec))
    return *problem;
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(spec.zone);
  } catch (const std::runtime_error&) {
    return error(CalendarErrorKind::UnknownZone,
                 fmt::format("unknown time zone `{}`; zones are IANA names like "
                             "`Europe/Berlin` or `America/New_York`",
                             spec.zone));
  }

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
  Duration open = 0;
  for (RawInterval interval : raw) {
    interval.start = std::max(interval.start, from);
    interval.end = std::min(interval.end, to);
    if (interval.start >= interval.end)
      continue;
    if (!tables->ends.empty() && interval.start <= tables->ends.back()) {
      if (interval.end > tables->ends.back()) {
        open += interval.end - tables->ends.back();
        tables->ends.back() = interval.end;
      }
      continue;
    }
    tables->openBefore.push_back(open);
    tables->starts.push_back(interval.start);
    tables->ends.push_back(interval.end);
    open += interval.end - interval.start;
  }
  tables->openBefore.push_back(open);

  tables->dayIndexOrigin = from - ((from % kMicrosPerDay) + kMicrosPerDay) % kMicrosPerDay;
  std::size_t days = static_cast<std::size_t>((to - tables->dayIndexOrigin) / kMicrosPerDay) + 2;
  tables->firstEndingInDay.resize(days + 1);
  std::size_t interval = 0;
  for (std::size_t day = 0; day <= days; ++day) {
    Instant dayStart = tables->dayIndexOrigin + static_cast<Instant>(day) * kMicrosPerDay;
    while (interval < tables->intervalCount() && tables->ends[interval] <= dayStart)
      ++interval;
    tables->firstEndingInDay[day] = static_cast<std::uint32_t>(interval);
  }
  return Calendar(std::move(tables));
}

Calendar::Calendar(std::unique_ptr<Tables> tables) : tables_(std::move(tables)) {}
Calendar::Calendar(Calendar&&) noexcept = default;
Calendar& Calendar::operator=(Calendar&&) noexcept = default;
Calendar::~Calendar() = default;

Instant Calendar::rangeStart() const {
  return tables_->from;
}
Instant Calendar::rangeEnd() const {
  return tables_->to;
}
const std::optional<Duration>& Calendar::businessDay() const {
  return tables_->businessDay;
}

std::size_t Calendar::intervalCount() const {
  return tables_->intervalCount();
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

CalendarResult<bool> Calendar::contains(Instant t) const {
  if (auto problem = checkInRange(t))
    return *problem;
  return containsInRange(t);
}

CalendarResult<Duration> Calendar::elapsed(Instant a, Instant b) const {
  if (auto problem = checkInRange(a))
    return *problem;
  if (auto problem = checkInRange(b))
    return *problem;
  if (b < a)
    return error(
        CalendarErrorKind::ReversedInterval,
        fmt::format("the end {} is before the start {}", formatInstant(b), formatInstant(a)));
  return elapsedInRange(a, b);
}

CalendarResult<Instant> Calendar::deadline(Instant a, Duration d) const {
  if (auto problem = checkInRange(a))
    return *problem;
  if (d < 0)
    return error(CalendarErrorKind::NegativeDuration,
                 fmt::format("a deadline needs a duration of at least 0, not {} µs", d));
  std::optional<Instant> t = deadlineInRange(a, d);
  if (!t)
    return error(CalendarErrorKind::AfterRange,
                 fmt::format("the deadline for {} from {} lies after {}, where this "
                             "calendar's prepared range ends",
                             describeDuration(d), formatInstant(a), formatInstant(tables_->to)));
  return *t;
}

bool Calendar::containsInRange(Instant t) const noexcept {
  std::size_t i = tables_->firstEndingAfter(t);
  return i < tables_->intervalCount() && tables_->starts[i] <= t;
}

Duration Calendar::elapsedInRange(Instant a, Instant b) const noexcept {
  return tables_->openUntil(b) - tables_->openUntil(a);
}

std::optional<Instant> Calendar::deadlineInRange(Instant a, Duration d) const noexcept {
  if (d == 0)
    return a;
  const Tables& tables = *tables_;
  std::size_t i = tables.firstEndingAfter(a);
  Duration target = tables.openUntil(a) + d;
  if (target > tables.openBefore.back())
    return std::nullopt;
  // The interval where the target is reached: the first whose end has at
  // least `target` open time before it. Deadlines are usually a few
  // intervals away, so gallop forward from a's interval, then bisect.
  auto reached = [&](std::size_t j) { return tables.openBefore[j + 1] >= target; };
  std::size_t step = 1;
  std::size_t low = i;
  std::size_t high = i;
  while (!reached(high)) {
    low = high + 1;
    high = std::min(high + step, tables.intervalCount() - 1);
    step *= 2;
  }
  auto first =
      std::partition_point(tables.openBefore.begin() + static_cast<std::ptrdiff_t>(low) + 1,
                           tables.openBefore.begin() + static_cast<std::ptrdiff_t>(high) + 2,
                           [&](Duration openAtEnd) { return openAtEnd < target; });
  std::size_t j = static_cast<std::size_t>(first - tables.openBefore.begin()) - 1;
  return tables.starts[j] + (target - tables.openBefore[j]);
}

} // namespace slac::calendar
