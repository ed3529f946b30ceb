// The calendar queries on the hot path of ticket SLAs, on one core: a
// 10-year Europe/Berlin office calendar (Mon-Fri 08:00-18:00 with a lunch
// break on Fridays and about ten holidays a year), random instants across
// the ten years and ticket-like spans. Targets: elapsed >= 50 M calls/s,
// deadline >= 20 M calls/s.
#include "calendar/Calendar.h"

#include <benchmark/benchmark.h>
#include <random>

namespace {

using slac::calendar::Calendar;
using slac::calendar::CalendarSpec;
using slac::calendar::Duration;
using slac::calendar::Instant;
using slac::calendar::kMicrosPerDay;
using slac::calendar::kMicrosPerMinute;

// 2026-01-01T00:00:00Z and ten years later.
constexpr Instant kStart = 20'454 * kMicrosPerDay;
constexpr Instant kEnd = kStart + 3'652 * kMicrosPerDay;
constexpr std::size_t kQueries = 1 << 16;

CalendarSpec officeSpec() {
  CalendarSpec spec;
  spec.zone = "Europe/Berlin";
  for (std::size_t day = 0; day < 4; ++day)
    spec.weekly[day] = {{8 * 60, 18 * 60}};
  spec.weekly[4] = {{8 * 60, 12 * 60}, {13 * 60, 16 * 60}};
  std::mt19937_64 random(7);
  for (int year = 0; year < 10; ++year)
    for (int holiday = 0; holiday < 10; ++holiday)
      spec.closedDates.push_back(std::chrono::sys_days(
          std::chrono::days(20'454 + year * 365 + static_cast<int>(random() % 365))));
  spec.businessDay = 8 * 60 * kMicrosPerMinute;
  return spec;
}

const Calendar& office() {
  static const Calendar calendar =
      std::get<Calendar>(Calendar::prepare(officeSpec(), kStart, kEnd));
  return calendar;
}

struct Queries {
  std::vector<Instant> starts;
  std::vector<Instant> ends;
  std::vector<Duration> durations;
};

// Tickets opened anywhere in the ten years, answered within two weeks;
// deadlines of up to three business days.
const Queries& queries() {
  static const Queries generated = [] {
    Queries result;
    std::mt19937_64 random(42);
    std::uniform_int_distribution<Instant> start(kStart, kEnd - 15 * kMicrosPerDay);
    std::uniform_int_distribution<Duration> span(0, 14 * kMicrosPerDay);
    std::uniform_int_distribution<Duration> target(0, 24 * 60 * kMicrosPerMinute);
    for (std::size_t i = 0; i < kQueries; ++i) {
      Instant a = start(random);
      result.starts.push_back(a);
      result.ends.push_back(a + span(random));
      result.durations.push_back(target(random));
    }
    return result;
  }();
  return generated;
}

void BM_Elapsed(benchmark::State& state) {
  const Calendar& calendar = office();
  const Queries& input = queries();
  std::size_t i = 0;
  for (auto _ : state) {
    auto result = calendar.elapsed(input.starts[i], input.ends[i]);
    benchmark::DoNotOptimize(result);
    i = (i + 1) & (kQueries - 1);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_Elapsed);

void BM_ElapsedInRange(benchmark::State& state) {
  const Calendar& calendar = office();
  const Queries& input = queries();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(calendar.elapsedInRange(input.starts[i], input.ends[i]));
    i = (i + 1) & (kQueries - 1);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_ElapsedInRange);

void BM_Deadline(benchmark::State& state) {
  const Calendar& calendar = office();
  const Queries& input = queries();
  std::size_t i = 0;
  for (auto _ : state) {
    auto result = calendar.deadline(input.starts[i], input.durations[i]);
    benchmark::DoNotOptimize(result);
    i = (i + 1) & (kQueries - 1);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_Deadline);

void BM_DeadlineInRange(benchmark::State& state) {
  const Calendar& calendar = office();
  const Queries& input = queries();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(calendar.deadlineInRange(input.starts[i], input.durations[i]));
    i = (i + 1) & (kQueries - 1);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_DeadlineInRange);

void BM_Contains(benchmark::State& state) {
  const Calendar& calendar = office();
  const Queries& input = queries();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(calendar.containsInRange(input.starts[i]));
    i = (i + 1) & (kQueries - 1);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_Contains);

// Tickets as a desk exports them: opened in order of time (one every 40
// seconds through March 2026), with response targets of 1, 4 and 8 office
// hours and resolutions 5 to 30 hours later; the JIT asks in this order.
const Queries& ticketsInOrder() {
  static const Queries generated = [] {
    Queries result;
    constexpr Instant kMarch = kStart + 59 * kMicrosPerDay;
    constexpr Duration kTargets[] = {60 * kMicrosPerMinute, 240 * kMicrosPerMinute,
                                     480 * kMicrosPerMinute};
    for (std::size_t i = 0; i < kQueries; ++i) {
      Instant opened = kMarch + static_cast<Instant>(i) * 40'000'000;
      result.starts.push_back(opened);
      result.ends.push_back(opened + 18'000'000'000 +
                            static_cast<Duration>(i % 90) * 1'000'000'000);
      result.durations.push_back(kTargets[i % 3]);
    }
    return result;
  }();
  return generated;
}

void BM_DeadlineInOrder(benchmark::State& state) {
  const Calendar& calendar = office();
  const Queries& input = ticketsInOrder();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(calendar.deadlineInRange(input.starts[i], input.durations[i]));
    i = (i + 1) & (kQueries - 1);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_DeadlineInOrder);

void BM_ElapsedInOrder(benchmark::State& state) {
  const Calendar& calendar = office();
  const Queries& input = ticketsInOrder();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(calendar.elapsedInRange(input.starts[i], input.ends[i]));
    i = (i + 1) & (kQueries - 1);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_ElapsedInOrder);

// Preparing the ten years; the counters report the size of the tables.
void BM_Prepare10Years(benchmark::State& state) {
  CalendarSpec spec = officeSpec();
  std::size_t intervals = 0;
  for (auto _ : state) {
    auto prepared = Calendar::prepare(spec, kStart, kEnd);
    intervals = std::get<Calendar>(prepared).intervalCount();
    benchmark::DoNotOptimize(prepared);
  }
  state.counters["intervals"] = static_cast<double>(intervals);
  // Three 8-byte values per interval (and four sentinels), one 4-byte index
  // entry per day.
  state.counters["table_bytes"] = static_cast<double>((intervals + 4) * 24 + 3'655 * 4);
}
BENCHMARK(BM_Prepare10Years)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
