// ClockPauses gives, for random status histories and random clocks, the
// paused time a minute-by-minute count gives: the status in force at each
// minute (the last change at or before it, the order given breaking ties),
// counted where the calendar is open; across the DST change of 29 March.
#include "eval/ClockPauses.h"

#include <gtest/gtest.h>
#include <random>
#include <variant>

namespace slac::eval {
namespace {

using calendar::Calendar;
using calendar::CalendarSpec;

constexpr std::int64_t kMinute = 60'000'000;
constexpr std::int64_t kDay = 24 * 60 * kMinute;
constexpr std::int64_t kMarch2026 = 1'772'323'200'000'000; // 2026-03-01T00:00:00Z

Calendar office() {
  CalendarSpec spec;
  spec.zone = "Europe/Berlin";
  for (int day = 0; day < 5; ++day)
    spec.weekly[day] = {{9 * 60, 12 * 60}, {13 * 60, 17 * 60}};
  auto result = Calendar::prepare(spec, kMarch2026 - kDay, kMarch2026 + 40 * kDay);
  EXPECT_TRUE(std::holds_alternative<Calendar>(result));
  return std::move(std::get<Calendar>(result));
}

struct Change {
  std::int64_t instant;
  bool pauses;
};

// The minute-by-minute count.
std::int64_t pausedByMinutes(const std::vector<Change>& given, std::int64_t start, std::int64_t end,
                             const Calendar* calendar) {
  std::int64_t paused = 0;
  for (std::int64_t minute = start; minute < end; minute += kMinute) {
    bool inForce = false;
    for (const Change& change : given) // the last one at or before, in the order given
      if (change.instant <= minute) {
        bool later = true;
        for (const Change& other : given)
          if (other.instant <= minute && other.instant > change.instant)
            later = false;
        if (later)
          inForce = change.pauses;
      }
    if (inForce && (!calendar || std::get<bool>(calendar->contains(minute))))
      paused += kMinute;
  }
  return paused;
}

TEST(ClockPausesTest, PausedTimeIsTheMinuteCountOfTheStatusInForce) {
  const Calendar hours = office();
  const std::vector<const Calendar*> clocks = {nullptr, &hours};
  std::mt19937_64 random(12);
  for (int trial = 0; trial < 300; ++trial) {
    ClockPauses pauses;
    std::vector<Change> given;
    // Around the DST change (29 March), in minutes, with ties.
    std::int64_t base = kMarch2026 + 27 * kDay;
    std::uniform_int_distribution<std::int64_t> minutes(0, 4 * 24 * 60 / 15);
    int count = static_cast<int>(random() % 7);
    for (int i = 0; i < count; ++i) {
      Change change{base + minutes(random) * 15 * kMinute, random() % 2 == 0};
      given.push_back(change);
      ASSERT_TRUE(pauses.add("T1", change.instant, change.pauses));
    }
    // Another key's changes never count.
    ASSERT_TRUE(pauses.add("T2", base, true));
    std::int64_t a = base + minutes(random) * 15 * kMinute;
    std::int64_t b = a + minutes(random) * 15 * kMinute;
    for (const Calendar* clock : clocks) {
      auto result = pauses.pausedIn("T1", a, b, clock);
      ASSERT_TRUE(std::holds_alternative<calendar::Duration>(result));
      ASSERT_EQ(std::get<calendar::Duration>(result), pausedByMinutes(given, a, b, clock))
          << "trial " << trial << (clock ? " on the calendar" : " on the wall clock");
    }
  }
}

TEST(ClockPausesTest, UnknownKeysArePausedNever) {
  ClockPauses pauses;
  ASSERT_TRUE(pauses.add("T1", kMarch2026, true));
  auto result = pauses.pausedIn("T9", kMarch2026, kMarch2026 + kDay, nullptr);
  EXPECT_EQ(std::get<calendar::Duration>(result), 0);
}

TEST(ClockPausesTest, ChangesAfterTheFirstQuestionAreRefused) {
  ClockPauses pauses;
  ASSERT_TRUE(pauses.add("T1", kMarch2026, true));
  (void)pauses.pausedIn("T1", kMarch2026, kMarch2026 + kDay, nullptr);
  EXPECT_FALSE(pauses.add("T1", kMarch2026 + kMinute, false));
}

TEST(ClockPausesTest, MergedHistoriesKeepTheOrderOfTies) {
  ClockPauses first;
  ClockPauses second;
  ASSERT_TRUE(first.add("T1", kMarch2026, true));
  ASSERT_TRUE(second.add("T1", kMarch2026, false)); // later in the file: in force
  first.merge(std::move(second));
  EXPECT_EQ(first.changes(), 2u);
  auto result = first.pausedIn("T1", kMarch2026, kMarch2026 + kDay, nullptr);
  EXPECT_EQ(std::get<calendar::Duration>(result), 0);
}

} // namespace
} // namespace slac::eval
