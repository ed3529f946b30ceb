// values::findZone reads one zone's file where date::locate_zone reads the
// whole database's directory first, and values::Zone answers from that
// file where date::time_zone answered: both must know the same zones, and
// each zone must say the same at every instant, above all at and around
// each change of offset.
#include "values/Zones.h"

#include <date/tz.h>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

namespace slac::testing {
namespace {

using std::chrono::seconds;

bool dateKnows(const std::string& name) {
  try {
    date::locate_zone(name);
    return true;
  } catch (const std::runtime_error&) {
    return false;
  }
}

std::int64_t secondsOf(date::sys_seconds instant) {
  return instant.time_since_epoch().count();
}

void expectSamePeriod(const values::Zone::Period& mine, const date::sys_info& theirs) {
  EXPECT_EQ(mine.begin, secondsOf(theirs.begin));
  EXPECT_EQ(mine.end, secondsOf(theirs.end));
  EXPECT_EQ(mine.offset, theirs.offset.count());
  EXPECT_EQ(mine.daylight, theirs.save != std::chrono::minutes(0));
  EXPECT_EQ(mine.abbreviation, theirs.abbrev);
}

void expectSameLocal(const values::Zone& zone, const date::time_zone& listed, std::int64_t local) {
  SCOPED_TRACE(local);
  values::Zone::LocalPeriods mine = zone.periodsAtLocal(local);
  date::local_info theirs = listed.get_info(date::local_seconds(seconds(local)));
  switch (theirs.result) {
  case date::local_info::unique:
    EXPECT_EQ(mine.kind, values::Zone::LocalPeriods::Kind::Unique);
    break;
  case date::local_info::nonexistent:
    EXPECT_EQ(mine.kind, values::Zone::LocalPeriods::Kind::Nonexistent);
    break;
  case date::local_info::ambiguous:
    EXPECT_EQ(mine.kind, values::Zone::LocalPeriods::Kind::Ambiguous);
    break;
  }
  expectSamePeriod(mine.first, theirs.first);
  if (theirs.result != date::local_info::unique)
    expectSamePeriod(mine.second, theirs.second);
}

// Every zone date lists, compared at each of its changes from 1800 to
// 2200 (date's periods followed end to end): the instant before, at and
// after each change, and local times an hour and a day on either side of
// both offsets' wall clocks there.
TEST(ZonesTest, AnswersAsDateAtEveryChangeOfEveryZone) {
  const std::int64_t first = -5'364'662'400; // 1800-01-01
  const std::int64_t last = 7'258'118'400;   // 2200-01-01
  std::size_t found = 0, changes = 0;
  for (const date::time_zone& listed : date::get_tzdb().zones) {
    SCOPED_TRACE(listed.name());
    const values::Zone* zone = values::findZone(listed.name());
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
    for (std::int64_t at : {std::int64_t{-62'135'596'800}, first, std::int64_t{0}})
      expectSamePeriod(zone->periodAt(at), listed.get_info(date::sys_seconds(seconds(at))));
    for (std::int64_t at = first; at < last;) {
      date::sys_info theirs = listed.get_info(date::sys_seconds(seconds(at)));
      expectSamePeriod(zone->periodAt(at), theirs);
      std::int64_t change = secondsOf(theirs.end);
      if (change >= last)
        break;
      ++changes;
      date::sys_info next = listed.get_info(date::sys_seconds(seconds(change)));
      for (std::int64_t near : {change - 1, change, change + 1})
        expectSamePeriod(zone->periodAt(near), listed.get_info(date::sys_seconds(seconds(near))));
      for (std::int64_t offset : {theirs.offset.count(), next.offset.count()})
        for (std::int64_t shift : {-86'400, -3'601, -3'600, -1, 0, 1, 3'599, 3'600, 86'400})
          expectSameLocal(*zone, listed, change + offset + shift);
      at = change;
    }
  }
  EXPECT_GE(found, 300u);
  EXPECT_GE(changes, 30'000u);
}

std::string fileOf(const char* name) {
  std::ifstream file(std::string("/usr/share/zoneinfo/") + name, std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

TEST(ZonesTest, BerlinChangesItsClocksAsTheLawSays) {
  // 2026: CET to CEST at 01:00 UTC on Sunday 29 March, back at 01:00 UTC
  // on Sunday 25 October.
  const values::Zone& berlin = *values::findZone("Europe/Berlin");
  values::Zone::Period summer = berlin.periodAt(1'774'746'000);
  EXPECT_EQ(summer.begin, 1'774'746'000);
  EXPECT_EQ(summer.end, 1'792'890'000);
  EXPECT_EQ(summer.offset, 7'200);
  EXPECT_TRUE(summer.daylight);
  EXPECT_EQ(summer.abbreviation, "CEST");
  values::Zone::Period winter = berlin.periodAt(1'774'745'999);
  EXPECT_EQ(winter.end, 1'774'746'000);
  EXPECT_EQ(winter.offset, 3'600);
  EXPECT_FALSE(winter.daylight);
  EXPECT_EQ(winter.abbreviation, "CET");
  // 2026-03-29 02:30 does not exist; 2026-10-25 02:30 happens twice.
  const std::int64_t localMarch29 = 1'774'742'400, localOctober25 = 1'792'886'400;
  values::Zone::LocalPeriods gap = berlin.periodsAtLocal(localMarch29 + 9'000);
  EXPECT_EQ(gap.kind, values::Zone::LocalPeriods::Kind::Nonexistent);
  EXPECT_EQ(gap.first.offset, 3'600);
  EXPECT_EQ(gap.second.begin, 1'774'746'000);
  values::Zone::LocalPeriods twice = berlin.periodsAtLocal(localOctober25 + 9'000);
  EXPECT_EQ(twice.kind, values::Zone::LocalPeriods::Kind::Ambiguous);
  EXPECT_EQ(twice.first.offset, 7'200);
  EXPECT_EQ(twice.second.offset, 3'600);
  EXPECT_EQ(berlin.periodsAtLocal(localOctober25 + 12'600).kind,
            values::Zone::LocalPeriods::Kind::Unique);
  EXPECT_EQ(berlin.toLocalMicros(1'774'746'000'000'000), 1'774'753'200'000'000);
  EXPECT_EQ(berlin.toLocalMicros(1'774'745'999'999'999), 1'774'749'599'999'999);
}

TEST(ZonesTest, ReadsVersionOneFilesAndRefusesBrokenOnes) {
  // A version 1 file of one zone: UTC+1 ("ABC") until 1,000,000,000, then
  // UTC-2:30 ("XYZ", daylight).
  std::string bytes = std::string("TZif") + '\0' + std::string(15, '\0');
  auto count = [&](std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8)
      bytes += static_cast<char>(value >> shift & 0xFF);
  };
  for (std::uint32_t value : {0u, 0u, 0u, 1u, 2u, 8u})
    count(value);
  count(1'000'000'000);
  bytes += '\1';
  count(3'600);
  bytes += std::string("\0\0", 2);
  count(static_cast<std::uint32_t>(-9'000));
  bytes += std::string("\1\4", 2);
  bytes += std::string("ABC\0XYZ\0", 8);
  std::optional<values::Zone> zone = values::Zone::parse("Test/One", bytes);
  ASSERT_TRUE(zone);
  EXPECT_EQ(zone->periodAt(999'999'999).offset, 3'600);
  EXPECT_EQ(zone->periodAt(999'999'999).abbreviation, "ABC");
  EXPECT_EQ(zone->periodAt(1'000'000'000).offset, -9'000);
  EXPECT_EQ(zone->periodAt(1'000'000'000).abbreviation, "XYZ");
  EXPECT_TRUE(zone->periodAt(1'000'000'000).daylight);
  // Cut anywhere, it is no zone (and no read goes past the bytes: the
  // sanitizers' build says so).
  for (std::size_t size = 0; size < bytes.size(); ++size)
    EXPECT_FALSE(values::Zone::parse("Test/One", std::string_view(bytes).substr(0, size))) << size;
  std::string berlin = fileOf("Europe/Berlin");
  ASSERT_GT(berlin.size(), 100u);
  for (std::size_t size = 0; size < berlin.size(); size += 7)
    values::Zone::parse("Europe/Berlin", std::string_view(berlin).substr(0, size));
  std::string leaps = fileOf("right/UTC");
  if (!leaps.empty()) {
    EXPECT_FALSE(values::Zone::parse("right/UTC", leaps)); // leap seconds: not a zone here
  }
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
