// Random calendars in zones with every kind of offset and transition, random
// (a, b) pairs: the engine agrees exactly with the minute-by-minute reference.
#include "BruteForceCalendar.h"
#include "CalendarTestSupport.h"

#include <cstdlib>
#include <random>

namespace slac::calendar::testing {
namespace {

const std::vector<std::string> kZones = {"Europe/Berlin",       "America/New_York",
                                         "Australia/Sydney",    "Asia/Kolkata",
                                         "Pacific/Chatham",     "America/Sao_Paulo",
                                         "Australia/Lord_Howe", "Asia/Kathmandu",
                                         "Europe/London",       "UTC",
                                         "America/St_Johns",    "Pacific/Auckland",
                                         "Africa/Casablanca"};

// 2017-2020: Sao Paulo still switched at midnight, Casablanca moved its
// clocks around Ramadan, Lord Howe moves them by half an hour.
const Instant kRangeStart = at("2017-01-01T00:00:00Z");
const Instant kRangeEnd = at("2021-01-01T00:00:00Z");

std::size_t tripleCount() {
  const char* configured = std::getenv("SLAC_CALENDAR_PROPERTY_TRIPLES");
  return configured ? std::strtoull(configured, nullptr, 10) : 100'000;
}

class RandomCalendars {
public:
  explicit RandomCalendars(std::uint32_t seed) : random_(seed) {}

  CalendarSpec next() {
    CalendarSpec spec;
    spec.zone = kZones[uniform(0, kZones.size() - 1)];
    spec.always = uniform(0, 40) == 0;
    for (auto& day : spec.weekly)
      day = intervals();
    for (std::size_t i = 0, n = uniform(0, 30); i < n; ++i)
      spec.closedDates.push_back(randomDay());
    for (std::size_t i = 0, n = uniform(0, 10); i < n; ++i)
      spec.openDates.push_back({randomDay(), intervals()});
    for (std::size_t i = 0, n = uniform(0, 10); i < n; ++i) {
      Instant from = wholeMinute(uniformInstant(kRangeStart, kRangeEnd));
      spec.windows.push_back(
          {from, from + static_cast<Instant>(uniform(1, 3000)) * kMicrosPerMinute});
    }
    return spec;
  }

  // a anywhere in the range, b mostly within days of a, sometimes weeks.
  std::pair<Instant, Instant> pair() {
    Instant a = uniformInstant(kRangeStart, kRangeEnd - 1);
    Duration span = uniform(0, 9) == 0 ? uniformDuration(0, 20 * kMicrosPerDay)
                                       : uniformDuration(0, 2 * kMicrosPerDay);
    return {a, std::min(a + span, kRangeEnd)};
  }

  // Near a DST transition of the calendar's zone, where mistakes hide.
  std::pair<Instant, Instant> pairAround(const CalendarSpec& spec) {
    const date::time_zone* zone = date::locate_zone(spec.zone);
    Instant probe =
        uniformInstant(kRangeStart + 2 * kMicrosPerDay, kRangeEnd - 400 * kMicrosPerDay);
    date::sys_info info =
        zone->get_info(date::sys_seconds(std::chrono::seconds(probe / 1'000'000)));
    Instant transition =
        std::chrono::duration_cast<std::chrono::microseconds>(info.end.time_since_epoch()).count();
    if (transition >= kRangeEnd - kMicrosPerDay)
      return pair();
    Instant a = uniformInstant(transition - kMicrosPerDay, transition);
    return {a, a + uniformDuration(0, 2 * kMicrosPerDay)};
  }

private:
  std::size_t uniform(std::size_t low, std::size_t high) {
    return std::uniform_int_distribution<std::size_t>(low, high)(random_);
  }
  Instant uniformInstant(Instant low, Instant high) {
    return std::uniform_int_distribution<Instant>(low, high)(random_);
  }
  Duration uniformDuration(Duration low, Duration high) { return uniformInstant(low, high); }
  static Instant wholeMinute(Instant t) { return t - t % kMicrosPerMinute; }

  std::chrono::sys_days randomDay() {
    return std::chrono::floor<std::chrono::days>(std::chrono::sys_time<std::chrono::microseconds>(
        std::chrono::microseconds(uniformInstant(kRangeStart, kRangeEnd))));
  }

  // Up to three intervals, possibly overlapping, sometimes at 00:00 or 24:00,
  // some of them inside the hours where clocks change.
  std::vector<LocalInterval> intervals() {
    std::vector<LocalInterval> result;
    for (std::size_t i = 0, n = uniform(0, 3); i < n; ++i) {
      std::int32_t start = static_cast<std::int32_t>(uniform(0, 1439));
      std::int32_t end =
          static_cast<std::int32_t>(uniform(static_cast<std::size_t>(start) + 1, 1440));
      if (uniform(0, 5) == 0)
        start = 0;
      if (uniform(0, 5) == 0)
        end = 1440;
      if (uniform(0, 4) == 0) {
        start = static_cast<std::int32_t>(uniform(0, 4) * 30);
        end = start + static_cast<std::int32_t>(uniform(1, 6) * 30);
      }
      result.push_back({start, end});
    }
    return result;
  }

  std::mt19937_64 random_;
};

TEST(CalendarProperty, EngineAgreesWithMinuteByMinuteReference) {
  const std::uint32_t seed = 20261122;
  const std::size_t triples = tripleCount();
  const std::size_t triplesPerCalendar = 250;
  RandomCalendars random(seed);
  std::size_t checked = 0;
  while (checked < triples) {
    CalendarSpec spec = random.next();
    Calendar engine = prepareOrFail(spec, kRangeStart, kRangeEnd);
    BruteForceCalendar reference(spec);
    for (std::size_t i = 0; i < triplesPerCalendar && checked < triples; ++i, ++checked) {
      auto [a, b] = i % 2 == 0 ? random.pair() : random.pairAround(spec);
      Duration expected = reference.elapsed(a, b);
      Duration actual = engine.elapsedInRange(a, b);
      ASSERT_EQ(actual, expected) << "seed " << seed << ", triple " << checked << ": elapsed("
                                  << formatInstant(a) << ", " << formatInstant(b) << ") in "
                                  << spec.zone;
      Instant aMinute = a - a % kMicrosPerMinute;
      ASSERT_EQ(engine.containsInRange(a), reference.minuteIsOpen(aMinute))
          << "seed " << seed << ", triple " << checked << ": in(" << formatInstant(a) << ") in "
          << spec.zone;
      // deadline(a, elapsed(a, b)) is the earliest t with that much open
      // time: not after b, and (for a positive duration) open just before.
      std::optional<Instant> due = engine.deadlineInRange(a, actual);
      ASSERT_TRUE(due.has_value());
      ASSERT_LE(*due, b);
      ASSERT_EQ(engine.elapsedInRange(a, *due), actual)
          << "seed " << seed << ", triple " << checked << ": deadline(" << formatInstant(a) << ", "
          << actual << "us) = " << formatInstant(*due) << " in " << spec.zone;
      if (actual > 0) {
        ASSERT_TRUE(engine.containsInRange(*due - 1));
      }
    }
  }
  EXPECT_EQ(checked, triples);
}

} // namespace
} // namespace slac::calendar::testing
