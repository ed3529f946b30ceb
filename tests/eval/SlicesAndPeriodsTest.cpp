// Slices (skipped, good and bad missing slices), DST days and months, a leap
// day and nearest-rank percentiles on inputs/portal.sla (Berlin). Every
// expected value is worked out in the comments.
#include "compile/Compile.h"
#include "eval/Evaluator.h"

#include <gtest/gtest.h>

namespace slac::testing {
namespace {

constexpr std::int64_t kMinute = 60'000'000;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kMillisecond = 1'000;
// Local midnights in Berlin (UTC seconds from `date -u -d`).
constexpr std::int64_t kMarch10 = 1773097200'000'000; // 2026-03-10 00:00 CET
constexpr std::int64_t kMarch29 = 1774738800'000'000; // 2026-03-29 00:00 CET (23-hour day)
constexpr std::int64_t kMarch1 = 1772319600'000'000;  // 2026-03-01 00:00 CET
constexpr std::int64_t kApril1 = 1774994400'000'000;  // 2026-04-01 00:00 CEST
constexpr std::int64_t kLeapDay = 1835391600'000'000; // 2028-02-29 00:00 CET

class SlicesAndPeriodsTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(compilation_.diagnostics().hasErrors());
    ASSERT_TRUE(compilation_.plan());
  }

  static ingest::RecordBatch probes(const std::vector<std::pair<std::int64_t, bool>>& rows) {
    ingest::RecordBatch batch;
    batch.stream = 0;
    batch.columns.resize(2);
    for (const auto& [t, ok] : rows) {
      batch.columns[0].integers.push_back(t);
      batch.columns[1].bools.push_back(ok ? 1 : 0);
      batch.lines.push_back(batch.lines.size() + 2);
    }
    return batch;
  }

  static ingest::RecordBatch
  requests(const std::vector<std::pair<std::int64_t, std::int64_t>>& rows) {
    ingest::RecordBatch batch;
    batch.stream = 1;
    batch.columns.resize(2);
    for (const auto& [t, latency] : rows) {
      batch.columns[0].integers.push_back(t);
      batch.columns[1].integers.push_back(latency);
      batch.lines.push_back(batch.lines.size() + 2);
    }
    return batch;
  }

  eval::Report evaluate(const std::vector<ingest::RecordBatch>& batches, std::int64_t at) {
    eval::EvaluationOptions options;
    options.at = at;
    auto created = eval::Evaluator::create(*compilation_.plan(), options);
    auto& evaluator = std::get<std::unique_ptr<eval::Evaluator>>(created);
    for (const ingest::RecordBatch& batch : batches)
      EXPECT_TRUE(evaluator->feed(batch).empty());
    EXPECT_TRUE(evaluator->settle().empty());
    auto finished = evaluator->finish();
    EXPECT_TRUE(std::holds_alternative<eval::Report>(finished));
    return std::get<eval::Report>(std::move(finished));
  }

  static const eval::ObjectiveWindow&
  windowOf(const eval::Report& report, std::string_view objective, std::int64_t containing) {
    for (const eval::ObjectiveWindow& window : report.agreements.at(0).windows)
      if (window.objective == objective && window.window.contains(containing))
        return window;
    throw std::runtime_error("no such window");
  }

  compile::Compilation compilation_ =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/tests/eval/inputs/portal.sla"});
};

TEST_F(SlicesAndPeriodsTest, MissingSlicesAreSkippedOrCountedAsAsked) {
  // 10 March: a probe in every minute except minutes 100-109 (none at all);
  // minutes 200-204 have a failed probe. 1,440 minutes in the day.
  std::vector<std::pair<std::int64_t, bool>> rows;
  for (int minute = 0; minute < 1440; ++minute) {
    if (minute >= 100 && minute < 110)
      continue;
    rows.push_back({kMarch10 + minute * kMinute + 30'000'000, minute < 200 || minute >= 205});
  }
  eval::Report report = evaluate({probes(rows)}, kMarch10 + 24 * kHour);
  // Skipped: 1,425 good of 1,430 slices with probes = 99.6503...%: met.
  const eval::ObjectiveWindow& up = windowOf(report, "up", kMarch10);
  EXPECT_EQ(up.value.exact, eval::Rational(142500, 1430));
  EXPECT_EQ(up.status, eval::Status::Met);
  EXPECT_EQ(up.budget->total, 1430);
  // Missing bad: 1,425 of 1,440 = 98.958...%: breached.
  const eval::ObjectiveWindow& strict = windowOf(report, "up_strict", kMarch10);
  EXPECT_EQ(strict.value.exact, eval::Rational(142500, 1440));
  EXPECT_EQ(strict.status, eval::Status::Breached);
  // Missing good: 1,435 of 1,440 = 99.652...%: met.
  EXPECT_EQ(windowOf(report, "up_lenient", kMarch10).value.exact, eval::Rational(143500, 1440));
}

TEST_F(SlicesAndPeriodsTest, ValuesOfSlicesFoldInOrder) {
  // 10 March, a probe a minute: hour 3 fails half of its probes (50 %),
  // hour 5 six of them (90 %), hour 7 has none; the other 21 hours 100 %.
  std::vector<std::pair<std::int64_t, bool>> rows;
  for (int minute = 0; minute < 1440; ++minute) {
    int hour = minute / 60;
    if (hour != 7)
      rows.push_back({kMarch10 + minute * kMinute,
                      !(hour == 3 && minute % 2 == 0) && !(hour == 5 && minute % 60 < 6)});
  }
  eval::Report report = evaluate({probes(rows)}, kMarch10 + 24 * kHour);
  EXPECT_EQ(windowOf(report, "worst_hour", kMarch10).value.exact, eval::Rational(50));
  EXPECT_EQ(windowOf(report, "best_hour", kMarch10).value.exact, eval::Rational(100));
  // The missing hour counts as 100 %: (22 x 100 + 50 + 90) / 24 = 97.5 %.
  EXPECT_EQ(windowOf(report, "mean_hour", kMarch10).value.exact, eval::Rational(195, 2));
  // Counted as 0 %: (21 x 100 + 50 + 90 + 0) / 24 = 93.33... %.
  EXPECT_EQ(windowOf(report, "mean_hour_strict", kMarch10).value.exact, eval::Rational(280, 3));
  // Skipped: (21 x 100 + 50 + 90) / 23.
  EXPECT_EQ(windowOf(report, "mean_hour_skipped", kMarch10).value.exact, eval::Rational(2240, 23));
}

TEST_F(SlicesAndPeriodsTest, ADayWithoutProbesHasOnlyMissingSlices) {
  // Probes on 10 March only; 11 March has none, in any slice.
  std::vector<std::pair<std::int64_t, bool>> rows;
  for (int minute = 0; minute < 1440; ++minute)
    rows.push_back({kMarch10 + minute * kMinute, true});
  constexpr std::int64_t kMarch11 = kMarch10 + 24 * kHour;
  eval::Report report = evaluate({probes(rows)}, kMarch11 + 24 * kHour);
  // Missing minutes skipped: nothing to judge.
  EXPECT_FALSE(windowOf(report, "up", kMarch11).value.isSet());
  // Missing bad: 0 of 1,440; missing good: 1,440 of 1,440.
  const eval::ObjectiveWindow& strict = windowOf(report, "up_strict", kMarch11);
  EXPECT_EQ(strict.value.exact, eval::Rational(0));
  EXPECT_EQ(strict.budget->total, 1440);
  EXPECT_EQ(windowOf(report, "up_lenient", kMarch11).value.exact, eval::Rational(100));
  // Hours: 24 missing, as 100 % (good) or 0 % (bad), or skipped.
  EXPECT_EQ(windowOf(report, "mean_hour", kMarch11).value.exact, eval::Rational(100));
  EXPECT_EQ(windowOf(report, "mean_hour_strict", kMarch11).value.exact, eval::Rational(0));
  EXPECT_FALSE(windowOf(report, "mean_hour_skipped", kMarch11).value.isSet());
  EXPECT_FALSE(windowOf(report, "worst_hour", kMarch11).value.isSet());
  EXPECT_EQ(windowOf(report, "worst_hour_strict", kMarch11).value.exact, eval::Rational(0));
}

TEST_F(SlicesAndPeriodsTest, TheSpringForwardDayHas1380MinuteSlices) {
  std::vector<std::pair<std::int64_t, bool>> rows;
  for (int minute = 0; minute < 1380; ++minute)
    rows.push_back({kMarch29 + minute * kMinute, true});
  eval::Report report = evaluate({probes(rows)}, kMarch29 + 23 * kHour);
  const eval::ObjectiveWindow& strict = windowOf(report, "up_strict", kMarch29);
  EXPECT_EQ(strict.window.end - strict.window.start, 23 * kHour);
  EXPECT_EQ(strict.budget->total, 1380);
  EXPECT_EQ(strict.value.exact, eval::Rational(100));
  EXPECT_EQ(strict.status, eval::Status::Met);
}

TEST_F(SlicesAndPeriodsTest, TheLeapDayIsADayOfItsOwn) {
  std::vector<std::pair<std::int64_t, bool>> rows;
  for (int minute = 0; minute < 1440; ++minute)
    rows.push_back({kLeapDay + minute * kMinute, minute != 0});
  eval::Report report = evaluate({probes(rows)}, kLeapDay + 25 * kHour);
  const eval::ObjectiveWindow& day = windowOf(report, "up_strict", kLeapDay);
  EXPECT_EQ(day.window.start, kLeapDay);
  EXPECT_EQ(day.window.end, kLeapDay + 24 * kHour);
  EXPECT_EQ(day.value.exact, eval::Rational(143900, 1440));
  // The next day (1 March 2028) has begun by `at`: one slice so far, missing.
  const eval::ObjectiveWindow& next = windowOf(report, "up_strict", kLeapDay + 24 * kHour);
  EXPECT_EQ(next.status, eval::Status::Pending);
}

TEST_F(SlicesAndPeriodsTest, MonthsFollowBerlinMidnightsAcrossTheDstChange) {
  // 00:30 local on 1 March (23:30Z on 28 Feb) is March; 00:30 local on
  // 1 April (22:30Z on 31 March) is April.
  eval::Report report = evaluate({requests({{kMarch1 + 30 * kMinute, 10 * kMillisecond},
                                            {kApril1 + 30 * kMinute, 10 * kMillisecond}})},
                                 kApril1 + 48 * kHour);
  const eval::ObjectiveWindow& march = windowOf(report, "volume", kMarch1);
  EXPECT_EQ(march.window.start, kMarch1);
  EXPECT_EQ(march.window.end, kApril1);
  EXPECT_EQ(march.value.exact, eval::Rational(1));
  EXPECT_EQ(windowOf(report, "volume", kApril1).value.exact, eval::Rational(1));
}

TEST_F(SlicesAndPeriodsTest, PercentilesTakeTheNearestRank) {
  // 40 requests of 10, 20, ..., 400 ms: rank ceil(0.95 x 40) = 38 is 380 ms.
  std::vector<std::pair<std::int64_t, std::int64_t>> rows;
  for (int i = 40; i >= 1; --i)
    rows.push_back({kMarch10 + i * kMinute, i * 10 * kMillisecond});
  eval::Report report = evaluate({requests(rows)}, kApril1);
  const eval::ObjectiveWindow& exact = windowOf(report, "latency", kMarch10);
  EXPECT_EQ(exact.value.exact, eval::Rational(380 * kMillisecond));
  EXPECT_EQ(exact.status, eval::Status::Breached);
  const eval::ObjectiveWindow& approximate = windowOf(report, "latency_approx", kMarch10);
  double value = approximate.value.toDouble();
  EXPECT_NEAR(value, 380.0 * kMillisecond, 0.01 * 380 * kMillisecond);
}

} // namespace
} // namespace slac::testing
