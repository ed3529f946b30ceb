// Instants in a zone's local time (report::localTimeText) are written with
// values::Zone's offsets and abbreviations; they must read as date's own
// formatting of the same instant in the same zone, around changes of
// offset above all.
#include "report/ValueFormat.h"
#include "values/Zones.h"

#include <date/tz.h>
#include <gtest/gtest.h>
#include <random>

namespace slac::testing {
namespace {

std::string dateText(std::int64_t micros, const char* zone) {
  using namespace std::chrono;
  auto at = floor<seconds>(date::sys_time<microseconds>{microseconds{micros}});
  date::zoned_time<seconds> local(date::locate_zone(zone), at);
  return date::format(at.time_since_epoch().count() % 60 == 0 ? "%F %H:%M %Z" : "%F %T %Z", local);
}

TEST(LocalTimeTextTest, ReadsAsDateWritesIt) {
  std::mt19937_64 random(11);
  // 1900 .. 2100, and instants near Berlin's and Sydney's changes.
  std::uniform_int_distribution<std::int64_t> anywhere(-2'208'988'800'000'000,
                                                       4'102'444'800'000'000);
  std::uniform_int_distribution<std::int64_t> nearChange(-7'200'000'000, 7'200'000'000);
  for (const char* name : {"Europe/Berlin", "Australia/Sydney", "America/St_Johns", "Asia/Kolkata",
                           "Pacific/Chatham", "UTC", "America/Sao_Paulo"}) {
    const values::Zone& zone = *values::findZone(name);
    for (int i = 0; i < 2'000; ++i) {
      std::int64_t instant = anywhere(random);
      if (i % 2 == 1) {
        // The change after a random instant, give or take two hours.
        std::int64_t change = zone.periodAt(instant / 1'000'000).end;
        if (change < 4'102'444'800)
          instant = change * 1'000'000 + nearChange(random);
      }
      if (i % 3 == 0)
        instant -= instant % 60'000'000; // a whole minute: no seconds written
      ASSERT_EQ(report::localTimeText(instant, zone), dateText(instant, name))
          << name << " " << instant;
    }
  }
}

TEST(LocalTimeTextTest, WritesBerlinsSpringForwardByHand) {
  const values::Zone& berlin = *values::findZone("Europe/Berlin");
  // 2026-03-29T00:59:59Z and 01:00:00Z: the last second of CET, the first
  // of CEST.
  EXPECT_EQ(report::localTimeText(1'774'745'999'000'000, berlin), "2026-03-29 01:59:59 CET");
  EXPECT_EQ(report::localTimeText(1'774'746'000'000'000, berlin), "2026-03-29 03:00 CEST");
}

} // namespace
} // namespace slac::testing
