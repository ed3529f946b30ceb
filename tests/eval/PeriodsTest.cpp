// Calendar periods in a zone, with boundaries worked out by hand (the UTC
// seconds come from `date -u -d ... +%s` and `zdump -v`), and a property:
// periods tile the time line in every zone, for every unit.
#include "eval/Periods.h"

#include "values/Zones.h"

#include <gtest/gtest.h>
#include <random>

namespace slac::testing {
namespace {

using eval::Window;
using plan::PeriodUnit;

constexpr std::int64_t kSecond = 1'000'000;
constexpr std::int64_t kHour = 3600 * kSecond;

Window seconds(std::int64_t start, std::int64_t end) {
  return {start * kSecond, end * kSecond};
}

const values::Zone& zone(const char* name) {
  return *values::findZone(name);
}

TEST(PeriodsTest, BerlinMarchLosesTheHourOfTheSpringForward) {
  // 2026-03-01 00:00 CET .. 2026-04-01 00:00 CEST.
  Window march = seconds(1772319600, 1774994400);
  EXPECT_EQ(eval::periodContaining(1773000000 * kSecond, PeriodUnit::Month, zone("Europe/Berlin")),
            march);
  EXPECT_EQ(march.end - march.start, (31 * 24 - 1) * kHour);
  EXPECT_EQ(eval::periodContaining(march.start, PeriodUnit::Month, zone("Europe/Berlin")), march);
  EXPECT_NE(eval::periodContaining(march.end, PeriodUnit::Month, zone("Europe/Berlin")), march);
}

TEST(PeriodsTest, WeeksStartOnMonday) {
  // Sunday 2026-03-29 (the DST change) lies in Mon 2026-03-23 .. Mon 2026-03-30.
  Window week = seconds(1774220400, 1774821600);
  EXPECT_EQ(
      eval::periodContaining((1774821600 - 1) * kSecond, PeriodUnit::Week, zone("Europe/Berlin")),
      week);
  EXPECT_EQ(week.end - week.start, (7 * 24 - 1) * kHour);
}

TEST(PeriodsTest, QuartersAndYears) {
  // 2026-05-15 in New York: Q2 = 2026-04-01 00:00 EDT .. 2026-07-01 00:00 EDT.
  EXPECT_EQ(
      eval::periodContaining(1778800000 * kSecond, PeriodUnit::Quarter, zone("America/New_York")),
      seconds(1775016000, 1782878400));
  EXPECT_EQ(eval::periodContaining(1778800000 * kSecond, PeriodUnit::Year, zone("UTC")),
            seconds(1767225600, 1798761600));
}

TEST(PeriodsTest, MidnightInsideADstGapStartsTheDayAfterTheGap) {
  // Santiago, 2026-09-06: 23:59:59 -04 is followed by 01:00 -03, so that day
  // begins at 04:00Z and lasts 23 hours; the day before lasts 24.
  const values::Zone& santiago = zone("America/Santiago");
  Window sixth = seconds(1788667200, 1788750000);
  EXPECT_EQ(eval::periodContaining(sixth.start, PeriodUnit::Day, santiago), sixth);
  EXPECT_EQ(eval::periodContaining(sixth.start - 1, PeriodUnit::Day, santiago),
            seconds(1788580800, 1788667200));
  EXPECT_EQ(sixth.end - sixth.start, 23 * kHour);
  // 2026-04-04: midnight falls back to 23:00, so that day lasts 25 hours.
  EXPECT_EQ(eval::periodContaining(1775300000 * kSecond, PeriodUnit::Day, santiago),
            seconds(1775271600, 1775361600));
}

TEST(PeriodsTest, PeriodsTileTheTimeLineInEveryZone) {
  const char* zones[] = {"Europe/Berlin",       "America/New_York",
                         "Australia/Sydney",    "Asia/Kolkata",
                         "Pacific/Chatham",     "America/Sao_Paulo",
                         "Australia/Lord_Howe", "Asia/Kathmandu",
                         "America/Santiago",    "UTC",
                         "America/St_Johns",    "Africa/Casablanca"};
  std::mt19937_64 random(7);
  // 1990 .. 2040
  std::uniform_int_distribution<std::int64_t> instants(631152000 * kSecond, 2208988800 * kSecond);
  for (const char* name : zones) {
    const values::Zone& tz = zone(name);
    for (PeriodUnit unit : {PeriodUnit::Day, PeriodUnit::Week, PeriodUnit::Month,
                            PeriodUnit::Quarter, PeriodUnit::Year}) {
      for (int i = 0; i < 300; ++i) {
        std::int64_t instant = instants(random);
        Window window = eval::periodContaining(instant, unit, tz);
        ASSERT_TRUE(window.contains(instant)) << name << " " << instant;
        Window next = eval::periodAfter(window, unit, tz);
        ASSERT_EQ(next.start, window.end) << name << " " << instant;
        ASSERT_EQ(eval::periodContaining(window.end - 1, unit, tz), window) << name;
        ASSERT_EQ(eval::periodContaining(window.start, unit, tz), window) << name;
      }
    }
  }
}

} // namespace
} // namespace slac::testing
