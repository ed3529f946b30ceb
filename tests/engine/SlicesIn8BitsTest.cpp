// Slices a compiled kernel counts in 8 bits (eval/RecordKernel.h,
// SliceRun::fields), judged as they are written: the kernel's verdicts
// follow a slice across batches, a slice past 255 records goes to the core
// whole, a late record of a run already handed over is added to it, and
// the next run starts afresh.
// Each report is the interpreter's too, and the values are worked out in
// the comments (tests/engine/slices-in-8-bits.sla, one day in UTC).
#include "compile/Compile.h"
#include "eval/Evaluator.h"
#include "jit/JitLoader.h"

#include <gtest/gtest.h>
#include <map>
#include <set>

namespace slac {
namespace {

constexpr std::int64_t kMinute = 60'000'000;
constexpr std::int64_t kSecond = 1'000'000;
constexpr std::int64_t kMarch10 = 1773100800'000'000; // 2026-03-10T00:00:00Z
constexpr std::int64_t kDay = 1440 * kMinute;

using Probes = std::vector<std::pair<std::int64_t, bool>>; // minute of the day, ok

class SlicesIn8BitsTest : public testing::Test {
protected:
  void SetUp() override { ASSERT_TRUE(compilation_.plan()); }

  static ingest::RecordBatch batchOf(const Probes& probes) {
    ingest::RecordBatch batch;
    batch.columns.resize(2);
    for (const auto& [minute, ok] : probes) {
      // Spread over the minute, each probe a second after the one before.
      std::int64_t second = static_cast<std::int64_t>(batch.size() % 60);
      batch.columns[0].integers.push_back(kMarch10 + minute * kMinute + second * kSecond);
      batch.columns[1].bools.push_back(ok ? 1 : 0);
      batch.lines.push_back(batch.lines.size() + 2);
    }
    return batch;
  }

  // A probe a minute, ok, but for the minutes in `except`.
  static Probes everyMinuteBut(const std::set<std::int64_t>& except) {
    Probes probes;
    for (std::int64_t minute = 0; minute < 1440; ++minute)
      if (!except.count(minute))
        probes.emplace_back(minute, true);
    return probes;
  }

  eval::Report evaluate(const std::vector<Probes>& batches, bool jit) {
    eval::EvaluationOptions options;
    options.at = kMarch10 + kDay;
    if (jit) {
      auto loaded = jit::loadJit();
      auto* entryPoints = std::get_if<const jit::JitEntryPoints*>(&loaded);
      EXPECT_TRUE(entryPoints);
      if (entryPoints)
        options.compiler = (*entryPoints)->compiler;
    }
    auto created = eval::Evaluator::create(*compilation_.plan(), options);
    auto& evaluator = std::get<std::unique_ptr<eval::Evaluator>>(created);
    if (jit) {
      EXPECT_FALSE(evaluator->interprets(0)) << evaluator->engineStatistics();
    }
    for (const Probes& probes : batches)
      EXPECT_TRUE(evaluator->feed(batchOf(probes)).empty());
    EXPECT_TRUE(evaluator->settle().empty());
    auto finished = evaluator->finish();
    EXPECT_EQ(finished.index(), 0u);
    return std::get<eval::Report>(std::move(finished));
  }

  // The day's value of each objective, the same with both engines.
  std::map<std::string, eval::Rational> valuesOf(const std::vector<Probes>& batches) {
    std::map<std::string, eval::Rational> values;
    eval::Report interpreted = evaluate(batches, false);
    eval::Report compiled = evaluate(batches, true);
    for (const eval::ObjectiveWindow& window : interpreted.agreements.at(0).windows)
      if (window.window.contains(kMarch10))
        values[window.objective] = window.value.exact;
    for (const eval::ObjectiveWindow& window : compiled.agreements.at(0).windows) {
      if (window.window.contains(kMarch10)) {
        EXPECT_EQ(window.value.exact, values.at(window.objective)) << window.objective;
      }
    }
    return values;
  }

  compile::Compilation compilation_ =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/tests/engine/slices-in-8-bits.sla"});
};

TEST_F(SlicesIn8BitsTest, AVerdictFollowsItsSliceAcrossBatches) {
  // Minute 30 fails twice in the first batch (calm: 2 < 3) and once more
  // in the second (3: not calm), its run of slices still the same.
  Probes first = everyMinuteBut({});
  first.resize(32);
  first.insert(first.begin() + 30, {{30, false}, {30, false}});
  Probes second = {{30, false}};
  Probes rest = everyMinuteBut({});
  second.insert(second.end(), rest.begin() + 32, rest.end());
  auto values = valuesOf({first, second});
  // 1,439 of 1,440 minutes calm.
  EXPECT_EQ(values.at("calm"), eval::Rational(143900, 1440));
  // Every minute up; minute 30 the worst, 1 of 4 probes ok: 25 %.
  EXPECT_EQ(values.at("up"), eval::Rational(100));
  EXPECT_EQ(values.at("worst_minute"), eval::Rational(25));
}

TEST_F(SlicesIn8BitsTest, ASliceOfMoreThan255RecordsIsCountedWhole) {
  // Minute 0: 300 probes, the first 260 failing; every other minute one
  // probe, ok.
  Probes probes;
  for (int i = 0; i < 300; ++i)
    probes.emplace_back(0, i >= 260);
  Probes rest = everyMinuteBut({0});
  probes.insert(probes.end(), rest.begin(), rest.end());
  auto values = valuesOf({probes});
  EXPECT_EQ(values.at("up"), eval::Rational(100));
  EXPECT_EQ(values.at("calm"), eval::Rational(143900, 1440));
  // 40 of 300 ok: 13.33 %.
  EXPECT_EQ(values.at("worst_minute"), eval::Rational(40, 3));
}

TEST_F(SlicesIn8BitsTest, ALateRecordIsAddedToARunHandedOver) {
  // Minute 10 fails; after the day's last minute a late probe of minute 10
  // succeeds (up), and two late probes fail in minute 20, whose only
  // probe failed too (not up, and three failures: not calm).
  Probes probes = everyMinuteBut({10});
  probes.insert(probes.begin() + 10, {10, false});
  probes[20].second = false;
  probes.insert(probes.end(), {{10, true}, {20, false}, {20, false}});
  auto values = valuesOf({probes});
  EXPECT_EQ(values.at("up"), eval::Rational(143900, 1440));
  EXPECT_EQ(values.at("calm"), eval::Rational(143900, 1440));
  // Minute 10: 1 of 2 ok; minute 20: 0 of 3.
  EXPECT_EQ(values.at("worst_minute"), eval::Rational(0));
}

TEST_F(SlicesIn8BitsTest, ARecordARunLaterIsInASliceOfItsOwn) {
  // Minutes 100 and 164: the same place in two runs of 64 slices.
  auto values = valuesOf({{{100, true}, {164, true}}});
  // 2 of 1,440 minutes up (missing bad).
  EXPECT_EQ(values.at("up"), eval::Rational(200, 1440));
  EXPECT_EQ(values.at("calm"), eval::Rational(100));
}

} // namespace
} // namespace slac
