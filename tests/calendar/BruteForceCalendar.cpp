#include "BruteForceCalendar.h"

namespace slac::calendar::testing {

namespace {

using std::chrono::seconds;

date::sys_seconds toSeconds(Instant t) {
  return date::sys_seconds(std::chrono::duration_cast<seconds>(std::chrono::microseconds(t)));
}

} // namespace

BruteForceCalendar::BruteForceCalendar(const CalendarSpec& spec)
    : spec_(spec), zone_(date::locate_zone(spec.zone)) {}

// A wall-clock time w of local date D lies in an interval [s, e) of D by
// comparing wall times, with one refinement the brief's rules imply: in the
// repeated hour after a fall-back transition (wall times in [A, B) seen a
// second time), a start or end written inside [A, B) means its first,
// earlier occurrence, so such a minute is open exactly when the interval
// starts before B and ends at or after B.
bool BruteForceCalendar::openOnLocalDate(std::chrono::sys_days date, date::local_seconds wall,
                                         std::optional<date::local_seconds> repeatedHourEnd) const {
  date::local_days localDate{date.time_since_epoch()};
  auto covers = [&](const LocalInterval& interval) {
    date::local_seconds start = localDate + std::chrono::minutes(interval.startMinute);
    date::local_seconds end = localDate + std::chrono::minutes(interval.endMinute);
    if (repeatedHourEnd)
      return start < *repeatedHourEnd && *repeatedHourEnd <= end;
    return start <= wall && wall < end;
  };
  bool closed = std::find(spec_.closedDates.begin(), spec_.closedDates.end(), date) !=
                spec_.closedDates.end();
  if (!closed) {
    unsigned weekday = std::chrono::weekday(date).iso_encoding() - 1;
    if (std::any_of(spec_.weekly[weekday].begin(), spec_.weekly[weekday].end(), covers))
      return true;
  }
  for (const OpenDate& open : spec_.openDates)
    if (open.date == date && std::any_of(open.intervals.begin(), open.intervals.end(), covers))
      return true;
  return false;
}

bool BruteForceCalendar::minuteIsOpen(Instant minuteStart) const {
  if (spec_.always)
    return true;
  for (const AbsoluteWindow& window : spec_.windows)
    if (window.from <= minuteStart && minuteStart < window.to)
      return true;
  date::sys_seconds instant = toSeconds(minuteStart);
  date::sys_info info = zone_->get_info(instant);
  date::local_seconds wall{instant.time_since_epoch() + info.offset};
  // Is this wall time a second occurrence? Only right after a transition
  // that turned the clocks back.
  std::optional<date::local_seconds> repeatedHourEnd;
  if (info.begin > date::sys_days(date::year(1900) / 1 / 1)) {
    date::sys_info before = zone_->get_info(info.begin - seconds(1));
    auto setBack = before.offset - info.offset;
    if (setBack > seconds(0) && instant < info.begin + setBack)
      repeatedHourEnd = date::local_seconds{info.begin.time_since_epoch() + before.offset};
  }
  std::chrono::sys_days date{std::chrono::floor<std::chrono::days>(wall).time_since_epoch()};
  return openOnLocalDate(date, wall, repeatedHourEnd);
}

Duration BruteForceCalendar::elapsed(Instant a, Instant b) const {
  Duration total = 0;
  forEachMinute(a, b, [&](Instant start, Instant end, bool open) {
    if (open)
      total += end - start;
  });
  return total;
}

} // namespace slac::calendar::testing
