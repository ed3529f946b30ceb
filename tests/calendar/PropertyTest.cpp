// Random calendars in zones with every kind of offset and transition, random
// (a, b, d) triples: the engine agrees exactly with the minute-by-minute
// reference on elapsed, in and deadline.
#include "BruteForceCalendar.h"
#include "CalendarTestSupport.h"

#include <cstdlib>
#include <fmt/format.h>
#include <random>

namespace slac::calendar::testing {
namespace {

const std::vector<std::string> kZones = {"Europe/Berlin",       "America/New_York",
                                         "Australia/Sydney",    "Asia/Kolkata",
                                         "Pacific/Chatham",     "America/Sao_Paulo",
                                         "Australia/Lord_Howe", "Asia/Kathmandu",
                                         "Europe/London",       "UTC",
                                         "America/St_Johns",    "Pacific/Auckland",
                                         "Africa/Casablanca",   "Africa/Johannesburg"};

// 2017-2020: Sao Paulo still switched at midnight, Casablanca moved its
// clocks around Ramadan, Lord Howe moves them by half an hour.
const Instant kRangeStart = at("2017-01-01T00:00:00Z");
const Instant kRangeEnd = at("2021-01-01T00:00:00Z");

// ASan builds run fewer triples; another seed explores other calendars.
std::uint64_t environmentNumber(const char* name, std::uint64_t fallback) {
  const char* configured = std::getenv(name);
  return configured ? std::strtoull(configured, nullptr, 10) : fallback;
}

class RandomCalendars {
public:
  explicit RandomCalendars(std::uint64_t seed) : random_(seed) {}

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

  // Usually less than the open time of a span, sometimes more.
  Duration duration(Duration span) { return uniformDuration(0, span / 2); }

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
  // some of them inside the hours where clocks change; now and then a day
  // packed with short ones, more than the engine scans without searching.
  std::vector<LocalInterval> intervals() {
    std::vector<LocalInterval> result;
    if (uniform(0, 9) == 0) {
      for (std::size_t i = 0, n = uniform(5, 12); i < n; ++i) {
        std::int32_t start = static_cast<std::int32_t>(uniform(0, 1430));
        result.push_back({start, start + static_cast<std::int32_t>(uniform(1, 10))});
      }
      return result;
    }
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

// What the reference says about one (a, b) pair and one duration d, from a
// single walk over the minutes of [a, b).
struct ReferenceAnswers {
  Duration elapsed = 0;
  // The earliest t <= b with elapsed(a, t) == d, if d <= elapsed.
  std::optional<Instant> deadline;
  // The end of the last open stretch of [a, b), a if there is none: the
  // earliest t with all of the open time of [a, b) before it.
  Instant endOfOpenTime = 0;
  // The first instant where engine and reference disagree on `in`.
  std::optional<Instant> containsMismatch;
};

// `in` is compared at the first and last microsecond of every minute's part
// of [a, b): all boundaries are whole minutes, so a minute is open or closed
// throughout.
ReferenceAnswers walk(const BruteForceCalendar& reference, const Calendar& engine, Instant a,
                      Instant b, Duration d) {
  ReferenceAnswers answers;
  answers.endOfOpenTime = a;
  if (d == 0)
    answers.deadline = a;
  reference.forEachMinute(a, b, [&](Instant start, Instant end, bool open) {
    if (!answers.containsMismatch) {
      // The stretch holds the minute, says the same, and is open or closed
      // at both of its ends as it says (where they can be asked about).
      Calendar::Stretch stretch = engine.stretchInRange(start);
      auto sameAtEnds = [&] {
        return (stretch.from < engine.rangeStart() ||
                engine.containsInRange(stretch.from) == stretch.open) &&
               (stretch.to - 1 > engine.rangeEnd() ||
                engine.containsInRange(stretch.to - 1) == stretch.open);
      };
      if (engine.containsInRange(start) != open)
        answers.containsMismatch = start;
      else if (engine.containsInRange(end - 1) != open)
        answers.containsMismatch = end - 1;
      else if (stretch.open != open || stretch.from > start || stretch.to < end || !sameAtEnds())
        answers.containsMismatch = start;
    }
    if (!open)
      return;
    if (!answers.deadline && answers.elapsed + (end - start) >= d)
      answers.deadline = start + (d - answers.elapsed);
    answers.elapsed += end - start;
    answers.endOfOpenTime = end;
  });
  return answers;
}

TEST(CalendarProperty, EngineAgreesWithMinuteByMinuteReference) {
  const std::uint64_t seed = environmentNumber("SLAC_CALENDAR_PROPERTY_SEED", 20261122);
  const std::uint64_t triples = environmentNumber("SLAC_CALENDAR_PROPERTY_TRIPLES", 100'000);
  const std::uint64_t triplesPerCalendar = 250;
  RandomCalendars random(seed);
  std::uint64_t checked = 0;
  while (checked < triples) {
    CalendarSpec spec = random.next();
    Calendar engine = prepareOrFail(spec, kRangeStart, kRangeEnd);
    BruteForceCalendar reference(spec);
    for (std::uint64_t i = 0; i < triplesPerCalendar && checked < triples; ++i, ++checked) {
      auto [a, b] = i % 2 == 0 ? random.pair() : random.pairAround(spec);
      // A duration that is usually reached inside [a, b), sometimes not.
      Duration d = random.duration(b - a);
      ReferenceAnswers expected = walk(reference, engine, a, b, d);
      std::string triple =
          fmt::format("seed {}, triple {}, zone {}, a = {}, b = {}, d = {}us", seed, checked,
                      spec.zone, formatInstant(a), formatInstant(b), d);

      ASSERT_EQ(valueOrFail(engine.elapsed(a, b)), expected.elapsed) << triple;
      ASSERT_EQ(engine.elapsedInRange(a, b), expected.elapsed) << triple;
      ASSERT_FALSE(expected.containsMismatch.has_value())
          << triple << ": in(" << formatInstant(*expected.containsMismatch) << ")";

      // deadline(a, elapsed(a, b)) is the earliest instant with that much
      // open time after a: b itself when the microsecond before b is open,
      // else the end of the last open stretch before b, or a when [a, b)
      // has no open time.
      ASSERT_EQ(valueOrFail(engine.deadline(a, expected.elapsed)), expected.endOfOpenTime)
          << triple << ": deadline(a, elapsed(a, b))";

      std::optional<Instant> due = engine.deadlineInRange(a, d);
      if (expected.deadline) {
        ASSERT_EQ(due, expected.deadline) << triple << ": deadline(a, d)";
      } else {
        ASSERT_TRUE(!due || *due > b) << triple << ": deadline(a, d) = " << formatInstant(*due);
      }
    }
  }
  EXPECT_EQ(checked, triples);
}

// deadline(a, d) against its definition in terms of elapsed (the earliest
// t >= a with elapsed(a, t) == d; none when less open time is left), which
// the test above holds to the reference, for many more (a, d) than the
// minute walk can afford: d small, d reaching exactly the end of an open
// stretch (elapsed(a, b) for b in a gap), all the open time left, more.
TEST(CalendarProperty, DeadlineIsTheFirstInstantWithThatMuchOpenTime) {
  const std::uint64_t seed = environmentNumber("SLAC_CALENDAR_PROPERTY_SEED", 20261203);
  const std::uint64_t pairs = environmentNumber("SLAC_CALENDAR_PROPERTY_TRIPLES", 100'000) * 10;
  const std::uint64_t pairsPerCalendar = 2'000;
  RandomCalendars random(seed);
  std::uint64_t checked = 0;
  while (checked < pairs) {
    CalendarSpec spec = random.next();
    Calendar engine = prepareOrFail(spec, kRangeStart, kRangeEnd);
    for (std::uint64_t i = 0; i < pairsPerCalendar && checked < pairs; ++i, ++checked) {
      auto [a, b] = i % 2 == 0 ? random.pair() : random.pairAround(spec);
      Duration rest = engine.elapsedInRange(a, kRangeEnd);
      Duration d = 0;
      switch (i % 5) {
      case 0:
        d = random.duration(b - a);
        break;
      case 1:
      case 2:
        d = engine.elapsedInRange(a, b);
        break;
      case 3:
        d = rest;
        break;
      default:
        d = rest + 1 + random.duration(b - a);
        break;
      }
      std::string pair = fmt::format("seed {}, pair {}, zone {}, a = {}, d = {}us", seed, checked,
                                     spec.zone, formatInstant(a), d);
      std::optional<Instant> due = engine.deadlineInRange(a, d);
      if (d > rest) {
        ASSERT_FALSE(due.has_value()) << pair << ": " << formatInstant(*due);
        continue;
      }
      ASSERT_TRUE(due.has_value()) << pair;
      ASSERT_GE(*due, a) << pair;
      ASSERT_EQ(engine.elapsedInRange(a, *due), d) << pair << ": " << formatInstant(*due);
      if (*due > a) {
        ASSERT_LT(engine.elapsedInRange(a, *due - 1), d) << pair << ": " << formatInstant(*due);
      }
    }
  }
}

// The open time since rangeStart() by the formula of positionInRange, as a
// kernel computes it.
Duration openBefore(const Calendar::Position& position, Instant t) {
  return position.openBefore + (t > position.start ? t - position.start : 0);
}

// positionInRange and reachInRange, the pieces kernels compute elapsed and
// deadline with, give elapsedInRange and deadlineInRange everywhere the
// pieces say they hold: at the instant asked about and at both ends of the
// position, at the open time asked about and at both ends of the reach.
TEST(CalendarProperty, PositionAndReachGiveElapsedAndDeadline) {
  const std::uint64_t seed = environmentNumber("SLAC_CALENDAR_PROPERTY_SEED", 20261204);
  const std::uint64_t pairs = environmentNumber("SLAC_CALENDAR_PROPERTY_TRIPLES", 100'000) * 2;
  const std::uint64_t pairsPerCalendar = 2'000;
  RandomCalendars random(seed);
  std::uint64_t checked = 0;
  while (checked < pairs) {
    CalendarSpec spec = random.next();
    Calendar engine = prepareOrFail(spec, kRangeStart, kRangeEnd);
    auto openSinceStart = [&](Instant t) { return engine.elapsedInRange(kRangeStart, t); };
    for (std::uint64_t i = 0; i < pairsPerCalendar && checked < pairs; ++i, ++checked) {
      auto [a, b] = i % 2 == 0 ? random.pair() : random.pairAround(spec);
      std::string pair = fmt::format("seed {}, pair {}, zone {}, a = {}, b = {}", seed, checked,
                                     spec.zone, formatInstant(a), formatInstant(b));
      Calendar::Position position = engine.positionInRange(a);
      ASSERT_LE(position.from, a) << pair;
      ASSERT_LT(a, position.to) << pair;
      ASSERT_EQ(openBefore(position, a), openSinceStart(a)) << pair;
      for (Instant end : {position.from, position.to - 1})
        if (end >= kRangeStart && end <= kRangeEnd) {
          ASSERT_EQ(openBefore(position, end), openSinceStart(end))
              << pair << " at " << formatInstant(end);
        }
      Calendar::Position atB = engine.positionInRange(b);
      ASSERT_EQ(openBefore(atB, b) - openBefore(position, a), engine.elapsedInRange(a, b)) << pair;

      Duration d = i % 3 == 0 ? engine.elapsedInRange(a, b) : random.duration(b - a);
      Duration target = openBefore(position, a) + d;
      if (d == 0 || target > engine.totalOpen())
        continue;
      Calendar::Reach reach = engine.reachInRange(target);
      ASSERT_LT(reach.above, target) << pair;
      ASSERT_LE(target, reach.upTo) << pair;
      ASSERT_EQ(reach.start + (target - reach.above), engine.deadlineInRange(a, d))
          << pair << ", d = " << d << "us";
      for (Duration open : {reach.above + 1, reach.upTo}) {
        Instant due = reach.start + (open - reach.above);
        ASSERT_EQ(openSinceStart(due), open) << pair << ", open " << open << "us";
        ASSERT_LT(openSinceStart(due - 1), open) << pair << ", open " << open << "us";
      }
    }
  }
  EXPECT_EQ(checked, pairs);
}

} // namespace
} // namespace slac::calendar::testing
