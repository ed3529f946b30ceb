#pragma once

// Business calendars: which instants are "open", how much open time lies
// between two instants, and when a given amount of open time has passed.
// These are the hot path of ticket SLAs (brief section 4), so a calendar is
// prepared once for a range of instants and then answers in O(1) amortised.
//
// All instants and durations are integer microseconds (UTC since the Unix
// epoch), the compiler's time unit. Queries never throw: the JIT calls them
// from generated code, and no exception may cross an LLVM frame.

#include "values/CalendarSpec.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace slac::calendar {

inline constexpr Duration kMicrosPerMinute = 60'000'000;
inline constexpr Duration kMicrosPerDay = 86'400'000'000;

// The instants RFC 3339 can write, years 0001 to 9999: prepared ranges lie
// within them, and formatInstant writes them as dates.
inline constexpr Instant kEarliestInstant =
    std::chrono::sys_days(std::chrono::year(1) / 1 / 1).time_since_epoch().count() * kMicrosPerDay;
inline constexpr Instant kLatestInstant =
    std::chrono::sys_days(std::chrono::year(10000) / 1 / 1).time_since_epoch().count() *
    kMicrosPerDay;

enum class CalendarErrorKind {
  UnknownZone,      // the zone is not in the tz database
  InvalidInterval,  // an interval is empty, reversed or outside 00:00-24:00
  InvalidRange,     // the prepared range is empty, too long or outside 0001-9999
  BeforeRange,      // a query instant precedes the prepared range
  AfterRange,       // a query instant, or the deadline, follows it
  ReversedInterval, // elapsed(a, b) with b < a
  NegativeDuration, // deadline(a, d) with d < 0
};

struct CalendarError {
  CalendarErrorKind kind;
  std::string message; // a sentence for the user, naming the instants involved
};

template <typename T> using CalendarResult = std::variant<T, CalendarError>;

class Calendar {
public:
  // Resolves local times with the tz database (a nonexistent local time maps
  // to the instant after the gap, an ambiguous one to the earlier instant)
  // and precomputes the open intervals of [from, to). Ranges of up to
  // 100 years within the years 0001-9999 are accepted.
  static CalendarResult<Calendar> prepare(const CalendarSpec& spec, Instant from, Instant to);

  Calendar(Calendar&&) noexcept;
  Calendar& operator=(Calendar&&) noexcept;
  ~Calendar();

  // Inline: kernels ask for them around every calendar question.
  Instant rangeStart() const { return from_; }
  Instant rangeEnd() const { return to_; }
  const std::optional<Duration>& businessDay() const;
  // Open at every instant of the prepared range (`always`): elapsed is b - a
  // and a deadline a + d, which kernels compute without asking.
  bool openThroughout() const { return openThroughout_; }

  // t lies in an open interval (start inclusive, end exclusive). Instants
  // from rangeStart() to rangeEnd() inclusive may be asked about.
  CalendarResult<bool> contains(Instant t) const;
  // The open time in [a, b).
  CalendarResult<Duration> elapsed(Instant a, Instant b) const;
  // The earliest t >= a with elapsed(a, t) == d. With d == 0 this is a
  // itself: a ticket's clock only starts counting at the next open instant,
  // but nothing is yet owed at a.
  CalendarResult<Instant> deadline(Instant a, Duration d) const;
  // The open parts of [a, b): sorted, disjoint, non-adjacent, each cut to
  // [a, b). Their lengths add up to elapsed(a, b).
  struct OpenSpan {
    Instant start;
    Instant end;
  };
  CalendarResult<std::vector<OpenSpan>> openSpans(Instant a, Instant b) const;

  // The same queries without checks, for callers that have checked the
  // range once for a whole batch (the evaluators): every instant must lie
  // in [rangeStart(), rangeEnd()] and b >= a, d >= 0. deadlineInRange is
  // empty when the deadline lies after the range.
  bool containsInRange(Instant t) const noexcept;
  // The longest [from, to) around t in which the calendar stays open, or
  // stays closed: t's open interval, or the gap between two. Callers that
  // ask about instants in order keep it and ask again only outside it.
  struct Stretch {
    Instant from;
    Instant to;
    bool open;
  };
  Stretch stretchInRange(Instant t) const noexcept;
  Duration elapsedInRange(Instant a, Instant b) const noexcept;
  std::optional<Instant> deadlineInRange(Instant a, Duration d) const noexcept;

  // The pieces of elapsedInRange and deadlineInRange, for callers that
  // compute open time inline and keep the last piece, as kernels do for
  // instants that come in order of time. The open time since rangeStart()
  // is openBefore + max(0, t - start) for every t in [from, to): t's open
  // interval and the gap before it.
  struct Position {
    Instant from;
    Instant to;
    Instant start;
    Duration openBefore;
  };
  Position positionInRange(Instant t) const noexcept;
  // Where the open time since rangeStart() reaches o: start + (o - above)
  // for every o in (above, upTo]. 0 < open <= totalOpen().
  struct Reach {
    Duration above;
    Duration upTo;
    Instant start;
  };
  Reach reachInRange(Duration open) const noexcept;
  // The open time of the whole prepared range.
  Duration totalOpen() const noexcept;

  // The number of disjoint open intervals in the prepared range.
  std::size_t intervalCount() const;

private:
  struct Tables;
  explicit Calendar(std::unique_ptr<Tables> tables);
  std::optional<CalendarError> checkInRange(Instant t) const;
  // Why [a, b) cannot be asked about: outside the prepared range, or
  // reversed; nothing when it can.
  std::optional<CalendarError> checkSpan(Instant a, Instant b) const;
  std::unique_ptr<Tables> tables_;
  Instant from_ = 0;
  Instant to_ = 0;
  bool openThroughout_ = false;
};

// RFC 3339 UTC, `2026-03-02T08:30:00Z`; an instant outside the years
// 0001-9999 as its offset from the epoch, `1970-01-01T00:00:00Z+...us`.
std::string formatInstant(Instant t);

} // namespace slac::calendar
