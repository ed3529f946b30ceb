// values::findZone reads one zone's file where date::locate_zone reads the
// whole database's directory first: both must know the same zones, and
// each zone must say the same at any instant.
#include "values/Zones.h"

#include <gtest/gtest.h>

namespace slac::testing {
namespace {

bool dateKnows(const std::string& name) {
  try {
    date::locate_zone(name);
    return true;
  } catch (const std::runtime_error&) {
    return false;
  }
}

TEST(ZonesTest, FindsEveryZoneOfTheDatabaseAsDateDoes) {
  using namespace std::chrono;
  const std::int64_t instants[] = {-2'000'000'000, 0, 1'000'000'000, 1'774'573'200, 4'000'000'000};
  std::size_t found = 0;
  for (const date::time_zone& listed : date::get_tzdb().zones) {
    SCOPED_TRACE(listed.name());
    const date::time_zone* zone = values::findZone(listed.name());
    if (!zone) {
      // Some versions of date list files that hold no zone (a table, the
      // leap seconds): findZone does not take those for zones.
      EXPECT_TRUE(listed.name() == "tzdata.zi" || listed.name() == "leapseconds" ||
                  listed.name() == "version" || listed.name() == "zonenow.tab");
      continue;
    }
    ++found;
    EXPECT_EQ(zone->name(), listed.name());
    EXPECT_EQ(values::findZone(listed.name()), zone); // asked again: the same
    for (std::int64_t instant : instants) {
      date::sys_seconds at{seconds(instant)};
      date::sys_info mine = zone->get_info(at);
      date::sys_info theirs = listed.get_info(at);
      EXPECT_EQ(mine.offset, theirs.offset) << instant;
      EXPECT_EQ(mine.begin, theirs.begin) << instant;
      EXPECT_EQ(mine.end, theirs.end) << instant;
      EXPECT_EQ(mine.abbrev, theirs.abbrev) << instant;
    }
  }
  EXPECT_GE(found, 300u);
}

TEST(ZonesTest, KnowsNoNameDateDoesNotKnow) {
  for (const char* name : {"",
                           "Europe",
                           "Europe/",
                           "/Europe/Berlin",
                           "Europe//Berlin",
                           "Europe/Berlin/",
                           "europe/berlin",
                           "Nowhere/City",
                           "posix/Europe/Berlin",
                           "posixrules",
                           "right/UTC",
                           "Factory",
                           "zone.tab",
                           "iso3166.tab",
                           "tzdata.zi",
                           "+VERSION",
                           "../zoneinfo/UTC",
                           "./UTC",
                           "Europe/../UTC",
                           "/etc/passwd",
                           "../../../etc/passwd",
                           ".hidden"}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(values::findZone(name), nullptr);
    // Some versions of date list tzdata.zi as a zone (it is a table).
    if (std::string(name) != "tzdata.zi") {
      EXPECT_FALSE(dateKnows(name));
    }
  }
  for (const char* name : {"UTC", "Europe/Berlin", "America/New_York", "Etc/GMT+5", "US/Pacific"}) {
    SCOPED_TRACE(name);
    EXPECT_NE(values::findZone(name), nullptr);
    EXPECT_TRUE(dateKnows(name));
  }
}

} // namespace
} // namespace slac::testing
