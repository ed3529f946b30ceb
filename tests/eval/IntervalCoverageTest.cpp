// downtime/uptime's measure (eval/IntervalCoverage.h) against a brute force
// that walks the window minute by minute: random intervals (overlapping,
// open, empty), random windows and evaluation instants, and calendar
// filters in Berlin across the spring DST change. Calendars and intervals
// change state only on whole minutes, so the minute walk is exact.
#include "eval/IntervalCoverage.h"

#include <gtest/gtest.h>
#include <random>

namespace slac::testing {
namespace {

using eval::CoveredSpan;
using Mode = plan::CalendarFilter::Mode;

constexpr std::int64_t kMinute = 60'000'000;
constexpr std::int64_t kMarch25 = 1774393200'000'000; // 2026-03-25 00:00 CET
constexpr std::int64_t kDays = 12;                    // to 6 April, over 29 March (23 h)

calendar::Calendar prepared(calendar::CalendarSpec spec) {
  auto result = calendar::Calendar::prepare(spec, kMarch25 - 2 * 86'400'000'000LL,
                                            kMarch25 + (kDays + 2) * 86'400'000'000LL);
  return std::move(std::get<calendar::Calendar>(result));
}

std::vector<calendar::Calendar> calendars() {
  calendar::CalendarSpec office;
  office.zone = "Europe/Berlin";
  for (int day = 0; day < 5; ++day)
    office.weekly[day] = {{9 * 60, 17 * 60}};
  calendar::CalendarSpec maintenance;
  maintenance.zone = "Europe/Berlin";
  maintenance.weekly[6] = {{1 * 60, 4 * 60}}; // Sunday 29 March loses 02:00-03:00
  maintenance.windows = {{kMarch25 + 30 * 60 * kMinute, kMarch25 + 40 * 60 * kMinute}};
  std::vector<calendar::Calendar> result;
  result.push_back(prepared(office));
  result.push_back(prepared(maintenance));
  return result;
}

eval::Coverage bruteForce(const std::vector<CoveredSpan>& spans, const eval::Window& window,
                          std::int64_t at, const std::vector<plan::CalendarFilter>& filters,
                          const std::vector<calendar::Calendar>& calendars) {
  eval::Coverage coverage;
  for (std::int64_t t = window.start; t < std::min(window.end, at); t += kMinute) {
    bool measured = true;
    for (const plan::CalendarFilter& filter : filters)
      measured = measured &&
                 (calendars[filter.calendar].containsInRange(t) == (filter.mode == Mode::During));
    if (!measured)
      continue;
    coverage.measured += kMinute;
    for (const CoveredSpan& span : spans)
      if (span.start <= t && t < span.end) {
        coverage.covered += kMinute;
        break;
      }
  }
  return coverage;
}

TEST(IntervalCoverageTest, AgreesWithAMinuteByMinuteWalk) {
  std::vector<calendar::Calendar> prepared = calendars();
  const std::vector<std::vector<plan::CalendarFilter>> filterSets = {
      {},
      {{Mode::During, 0}},
      {{Mode::Outside, 0}},
      {{Mode::Excluding, 1}},
      {{Mode::During, 0}, {Mode::Excluding, 1}},
      {{Mode::Outside, 0}, {Mode::Excluding, 1}},
  };
  std::mt19937_64 random(20261202);
  auto minuteIn = [&](std::int64_t from, std::int64_t minutes) {
    return from +
           static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(minutes)) * kMinute;
  };
  const std::int64_t range = kDays * 24 * 60;
  for (int round = 0; round < 400; ++round) {
    std::vector<CoveredSpan> spans;
    int count = static_cast<int>(random() % 8);
    for (int i = 0; i < count; ++i) {
      std::int64_t start = minuteIn(kMarch25, range);
      std::int64_t length = static_cast<std::int64_t>(random() % 3000) * kMinute;
      spans.push_back({start, random() % 6 == 0 ? eval::kOpenEnd : start + length});
    }
    std::int64_t windowStart = minuteIn(kMarch25, range / 2);
    eval::Window window{windowStart, minuteIn(windowStart, range / 2) + kMinute};
    std::int64_t at = minuteIn(kMarch25, range + 1);
    for (const auto& filters : filterSets) {
      auto measured = eval::measureCoverage(spans, window, at, filters, prepared);
      ASSERT_TRUE(std::holds_alternative<eval::Coverage>(measured));
      eval::Coverage expected = bruteForce(spans, window, at, filters, prepared);
      eval::Coverage actual = std::get<eval::Coverage>(measured);
      ASSERT_EQ(actual.covered, expected.covered) << "round " << round;
      ASSERT_EQ(actual.measured, expected.measured) << "round " << round;
    }
  }
}

// Two overlapping incidents count once; an open one ends at `at`.
TEST(IntervalCoverageTest, CountsOverlapsOnceAndOpenIntervalsUntilAt) {
  std::vector<calendar::Calendar> none;
  eval::Window day{kMarch25, kMarch25 + 24 * 60 * kMinute};
  std::vector<CoveredSpan> spans = {
      {kMarch25 + 600 * kMinute, kMarch25 + 660 * kMinute}, // 10:00-11:00
      {kMarch25 + 630 * kMinute, kMarch25 + 720 * kMinute}, // 10:30-12:00
      {kMarch25 + 1200 * kMinute, eval::kOpenEnd},          // 20:00, open
  };
  auto measured = eval::measureCoverage(spans, day, kMarch25 + 1260 * kMinute, {}, none);
  eval::Coverage coverage = std::get<eval::Coverage>(measured);
  EXPECT_EQ(coverage.covered, 180 * kMinute); // 2 h + 1 h (20:00-21:00)
  EXPECT_EQ(coverage.measured, 1260 * kMinute);
}

// A calendar asked about instants it was not prepared for is an error.
TEST(IntervalCoverageTest, ReportsACalendarOutsideItsRange) {
  std::vector<calendar::Calendar> prepared = calendars();
  eval::Window year{kMarch25 - 400 * 86'400'000'000LL, kMarch25};
  auto measured = eval::measureCoverage({}, year, kMarch25, {{Mode::During, 0}}, prepared);
  EXPECT_TRUE(std::holds_alternative<std::string>(measured));
}

} // namespace
} // namespace slac::testing
