// The dense per-slice counters of compiled kernels (eval/SliceCounters.h):
// what is added is read back field by field, slices never added stay
// untouched, and merging adds.
#include "eval/SliceCounters.h"

#include <gtest/gtest.h>
#include <map>
#include <random>

namespace slac::eval {
namespace {

using plan::AggregateKind;

FastCounters counted(std::int64_t seen, std::int64_t count) {
  FastCounters counters;
  counters.seen = seen;
  counters.count = count;
  return counters;
}

TEST(SliceCountersTest, ReadsBackWhatWasAddedPerKind) {
  // A day of minute slices: one block.
  SliceCounters table({AggregateKind::Count, AggregateKind::Ratio, AggregateKind::Sum,
                       AggregateKind::Min, AggregateKind::Max},
                      1440);
  FastCounters first[5] = {counted(3, 2), counted(4, 0), counted(2, 2), counted(2, 2),
                           counted(2, 2)};
  first[1].good = 3;
  first[2].valueCount = 2;
  first[2].sum = plan::Int128{1} << 70; // carries into the high word
  first[3].valueCount = 2;
  first[3].minimum = -5;
  first[4].valueCount = 2;
  first[4].maximum = 7;
  table.add(1439, first);
  FastCounters second[5] = {counted(1, 1), counted(1, 0), counted(1, 1), counted(1, 1),
                            counted(1, 1)};
  second[1].good = 1;
  second[2].valueCount = 1;
  second[2].sum = -1;
  second[3].valueCount = 1;
  second[3].minimum = -9;
  second[4].valueCount = 1;
  second[4].maximum = 3;
  table.add(1439, second);

  FastCounters read[5];
  table.read(1439, read);
  EXPECT_EQ(read[0].seen, 4);
  EXPECT_EQ(read[0].count, 3);
  EXPECT_EQ(read[1].seen, 5);
  EXPECT_EQ(read[1].good, 4);
  EXPECT_EQ(read[2].valueCount, 3);
  EXPECT_TRUE(read[2].sum == (plan::Int128{1} << 70) - 1);
  EXPECT_EQ(read[3].minimum, -9);
  EXPECT_EQ(read[4].maximum, 7);
  EXPECT_TRUE(table.touched(1439));
  EXPECT_FALSE(table.touched(1438));
  EXPECT_FALSE(table.touched(1440));
}

TEST(SliceCountersTest, TalliesReadOneAggregateAmongOthers) {
  // The ratio's fields come after the sum's five, in a slice past the
  // first block of 4,096.
  SliceCounters table({AggregateKind::Sum, AggregateKind::Ratio, AggregateKind::Count}, 10'000);
  FastCounters added[3] = {counted(7, 6), counted(5, 4), counted(3, 2)};
  added[0].valueCount = 6;
  added[0].sum = 99;
  added[1].good = 3;
  added[2].good = 1; // not kept for a count
  table.add(5000, added);
  table.add(5000, added);
  SliceCounters::Tally ratio = table.tally(5000, 1);
  EXPECT_EQ(ratio.seen, 10);
  EXPECT_EQ(ratio.count, 8);
  EXPECT_EQ(ratio.good, 6);
  SliceCounters::Tally count = table.tally(5000, 2);
  EXPECT_EQ(count.seen, 6);
  EXPECT_EQ(count.count, 4);
  EXPECT_EQ(count.good, 0);
  EXPECT_EQ(table.tally(5000, 0).count, 12);
  EXPECT_EQ(table.tally(5001, 1).seen, 0); // untouched, in a block made
}

TEST(SliceCountersTest, AnExtremeOfNoValueIsNone) {
  SliceCounters table({AggregateKind::Min, AggregateKind::Max}, 10);
  FastCounters none[2] = {counted(1, 0), counted(1, 0)};
  table.add(0, none);
  FastCounters read[2];
  table.read(0, read);
  EXPECT_EQ(read[0].valueCount, 0);
  EXPECT_EQ(read[0].minimum, INT64_MAX);
  EXPECT_EQ(read[1].maximum, INT64_MIN);
  // A record with no value counted first must not hide a later value.
  FastCounters some[2] = {counted(1, 1), counted(1, 1)};
  some[0].valueCount = some[1].valueCount = 1;
  some[0].minimum = some[1].maximum = 42;
  table.add(0, some);
  table.read(0, read);
  EXPECT_EQ(read[0].minimum, 42);
  EXPECT_EQ(read[1].maximum, 42);
}

TEST(SliceCountersTest, BlocksAreMadeOnlyWhereThereAreRecordsAndMergeAdds) {
  // A year of minute slices spans many blocks.
  constexpr std::int64_t kSlices = 525'600;
  SliceCounters left({AggregateKind::Count}, kSlices);
  SliceCounters right({AggregateKind::Count}, kSlices);
  FastCounters one = counted(1, 1);
  left.add(0, &one);
  right.add(0, &one);
  right.add(kSlices - 1, &one);
  left.merge(right);
  FastCounters read;
  left.read(0, &read);
  EXPECT_EQ(read.count, 2);
  left.read(kSlices - 1, &read);
  EXPECT_EQ(read.count, 1);
  EXPECT_FALSE(left.touched(kSlices / 2));
  left.forget(0);
  EXPECT_FALSE(left.touched(0));
  left.read(0, &read);
  EXPECT_EQ(read.count, 0);
}

TEST(SliceCountersTest, ARunAddsAsItsSlicesOneByOne) {
  // Two blocks and a short last one; runs at 0, 4,032 (the end of the
  // first block) and 4,160 (the short last word).
  constexpr std::int64_t kSlices = 4096 + 100;
  std::vector<AggregateKind> kinds = {AggregateKind::Ratio, AggregateKind::Count};
  SliceCounters byRun(kinds, kSlices);
  SliceCounters bySlice(kinds, kSlices);
  for (std::int64_t first : {0, 4032, 4160}) {
    std::uint64_t touched = first == 4160 ? 0x8000'0001'0000'0003 >> 28 : 0x8000'0000'0001'0005;
    std::vector<FastCounters> run(64 * kinds.size());
    for (std::size_t i = 0; i < run.size(); ++i)
      run[i] = counted(static_cast<std::int64_t>(i) + 1, static_cast<std::int64_t>(i % 3));
    byRun.addRun(first, touched, run.data());
    byRun.addRun(first, touched, run.data()); // twice: adds, does not replace
    for (int slice = 0; slice < 64; ++slice)
      if ((touched >> slice) & 1)
        for (int times = 0; times < 2; ++times)
          bySlice.add(first + slice, run.data() + slice * kinds.size());
  }
  int touched = 0;
  for (std::int64_t slice = 0; slice < kSlices; ++slice) {
    ASSERT_EQ(byRun.touched(slice), bySlice.touched(slice)) << slice;
    touched += byRun.touched(slice);
    if (slice % 64 == 0) {
      ASSERT_EQ(byRun.touchedWord(slice / 64), bySlice.touchedWord(slice / 64)) << slice;
    }
    for (std::size_t aggregate = 0; aggregate < kinds.size(); ++aggregate) {
      SliceCounters::Tally run = byRun.tally(slice, aggregate);
      SliceCounters::Tally one = bySlice.tally(slice, aggregate);
      ASSERT_EQ(run.seen, one.seen) << slice;
      ASSERT_EQ(run.count, one.count) << slice;
      ASSERT_EQ(run.good, one.good) << slice;
    }
  }
  EXPECT_EQ(touched, 4 + 4 + 2); // bits 0, 2, 16 and 63; then 4 and 35
  EXPECT_EQ(byRun.tally(4032 + 63, 0).seen, 2 * (63 * 2 + 1));
}

TEST(SliceCountersTest, KeepsItsConditionsVerdictsAsSlicesAreWritten) {
  // `count(probe where ok) >= 2` on the second of two aggregates, over a
  // window of two blocks; the first aggregate alone can touch a slice.
  constexpr std::int64_t kSlices = 4096 + 200;
  std::vector<AggregateKind> kinds = {AggregateKind::Ratio, AggregateKind::Count};
  SliceCounters::CountCondition atLeastTwo{1, plan::Comparison::Ge, 2};
  SliceCounters table(kinds, kSlices, atLeastTwo);
  auto slice = [](std::int64_t ratioSeen, std::int64_t seen, std::int64_t count) {
    return std::vector<FastCounters>{counted(ratioSeen, 0), counted(seen, count)};
  };
  table.add(5, slice(3, 3, 2).data()); // decided, holds
  table.add(6, slice(1, 1, 1).data()); // decided, fails
  table.add(7, slice(1, 0, 0).data()); // touched, but the count saw nothing
  auto expectVerdicts = [&](const SliceCounters& counters, std::int64_t word, std::uint64_t decided,
                            std::uint64_t held) {
    SliceCounters::Verdicts verdicts = counters.verdicts(word);
    EXPECT_EQ(verdicts.decided, decided) << "word " << word;
    EXPECT_EQ(verdicts.held, held) << "word " << word;
  };
  expectVerdicts(table, 0, 0b110'0000, 0b10'0000);
  // A later record of slice 6 makes it hold.
  table.add(6, slice(1, 1, 1).data());
  expectVerdicts(table, 0, 0b110'0000, 0b110'0000);
  table.forget(5);
  expectVerdicts(table, 0, 0b100'0000, 0b100'0000);
  // A run in the second block: slices 4,096 + 64 and + 127.
  std::vector<FastCounters> run(64 * kinds.size());
  run[1] = counted(2, 2);
  run[63 * 2 + 1] = counted(4, 1);
  table.addRun(4096 + 64, std::uint64_t{1} | std::uint64_t{1} << 63, run.data());
  expectVerdicts(table, (4096 + 64) / 64, std::uint64_t{1} | std::uint64_t{1} << 63, 1);
  expectVerdicts(table, 1, 0, 0); // a word without records
  // Merged into counters that had their own records: judged again.
  SliceCounters merged(kinds, kSlices, atLeastTwo);
  merged.add(4096 + 127, slice(1, 1, 1).data());
  merged.merge(table);
  expectVerdicts(merged, 0, 0b100'0000, 0b100'0000);
  expectVerdicts(merged, (4096 + 64) / 64, std::uint64_t{1} | std::uint64_t{1} << 63,
                 std::uint64_t{1} | std::uint64_t{1} << 63);
}

// Counts and ratios are kept in 8 bits until a field would pass 255, then
// in 32 until one would pass 2^31 - 1: the block then holds wider fields,
// with every slice's value intact, and keeps judging its condition.
TEST(SliceCountersTest, ABlockOfCountsTurnsTo32BitsBeforeAFieldPasses255) {
  std::vector<AggregateKind> kinds = {AggregateKind::Ratio, AggregateKind::Count};
  // Two blocks of 4,096 slices.
  SliceCounters table(kinds, 8192, SliceCounters::CountCondition{1, plan::Comparison::Ge, 200});
  auto slice = [](std::int64_t ratioGood, std::int64_t seen, std::int64_t count) {
    std::vector<FastCounters> counters{counted(ratioGood, 0), counted(seen, count)};
    counters[0].good = ratioGood;
    return counters;
  };
  table.add(7, slice(3, 2, 1).data());
  table.add(8, slice(254, 255, 199).data());
  table.add(8, slice(1, 0, 1).data()); // good reaches 255 exactly: 8 bits still
  EXPECT_EQ(table.tally(8, 0).good, 255);
  EXPECT_EQ(table.tally(8, 1).seen, 255);
  EXPECT_EQ(table.tally(8, 1).count, 200);
  EXPECT_EQ(table.verdicts(0).held, 0b1'0000'0000U);
  table.add(8, slice(1, 1, 0).data()); // past it: the block turns to 32 bits
  EXPECT_EQ(table.tally(8, 0).good, 256);
  EXPECT_EQ(table.tally(8, 0).seen, 256);
  EXPECT_EQ(table.tally(8, 1).seen, 256);
  EXPECT_EQ(table.tally(8, 1).count, 200);
  EXPECT_EQ(table.tally(7, 0).good, 3);
  EXPECT_EQ(table.tally(7, 1).seen, 2);
  EXPECT_EQ(table.verdicts(0).decided, 0b1'1000'0000U);
  EXPECT_EQ(table.verdicts(0).held, 0b1'0000'0000U);
  // The second block, still of 8 bits, given more than 32 hold turns to
  // 64 at once, in a run; the first keeps its 32-bit fields.
  constexpr std::int64_t kMost = INT32_MAX;
  table.add(4097, slice(0, 1, 0).data());
  std::vector<FastCounters> run(2 * 64);
  run[0] = slice(kMost + 1, 2, 2)[0];
  run[1] = slice(kMost + 1, 2, 2)[1];
  run[2 * 5 + 1] = counted(3, 3);
  table.addRun(4096, 0b10'0001U, run.data());
  FastCounters read[2];
  table.read(4096, read);
  EXPECT_EQ(read[0].good, kMost + 1);
  EXPECT_EQ(read[0].seen, kMost + 1);
  EXPECT_EQ(read[1].seen, 2);
  EXPECT_EQ(table.tally(4097, 1).seen, 1);
  EXPECT_EQ(table.tally(4101, 1).seen, 3);
  EXPECT_EQ(table.tally(8, 1).seen, 256);
  EXPECT_EQ(table.verdicts(4096 / 64).decided, 0b10'0011U);
  EXPECT_EQ(table.verdicts(4096 / 64).held, 0U);
}

// Counts and ratios are kept in 32 bits until a field would pass 2^31 - 1:
// the block then holds 64-bit fields, with every slice's value intact, and
// keeps judging its condition.
TEST(SliceCountersTest, ABlockOfCountsTurnsTo64BitsBeforeAFieldOverflows) {
  std::vector<AggregateKind> kinds = {AggregateKind::Ratio, AggregateKind::Count};
  SliceCounters table(kinds, 4096, SliceCounters::CountCondition{1, plan::Comparison::Ge, 2});
  constexpr std::int64_t kMost = INT32_MAX;
  auto slice = [](std::int64_t ratioGood, std::int64_t seen, std::int64_t count) {
    std::vector<FastCounters> counters{counted(ratioGood, 0), counted(seen, count)};
    counters[0].good = ratioGood;
    return counters;
  };
  table.add(10, slice(5, 1, 1).data());
  table.add(11, slice(kMost, kMost - 1, 1).data()); // fits: 32 bits still
  table.add(11, slice(0, 1, 1).data());             // seen reaches 2^31 - 1 exactly
  EXPECT_EQ(table.tally(11, 1).seen, kMost);
  EXPECT_EQ(table.tally(11, 0).good, kMost);
  table.add(11, slice(1, 1, 0).data()); // past it: the block turns to 64 bits
  EXPECT_EQ(table.tally(11, 0).seen, kMost + 1);
  EXPECT_EQ(table.tally(11, 0).good, kMost + 1);
  EXPECT_EQ(table.tally(11, 1).seen, kMost + 1);
  EXPECT_EQ(table.tally(11, 1).count, 2);
  EXPECT_EQ(table.tally(10, 1).seen, 1);
  EXPECT_EQ(table.tally(10, 0).good, 5);
  SliceCounters::Verdicts verdicts = table.verdicts(0);
  EXPECT_EQ(verdicts.decided, 0b1100'0000'0000U);
  EXPECT_EQ(verdicts.held, 0b1000'0000'0000U);
  table.add(10, slice(kMost * 3, kMost * 4, 1).data());
  FastCounters read[2];
  table.read(10, read);
  EXPECT_EQ(read[0].seen, kMost * 3 + 5);
  EXPECT_EQ(read[0].good, kMost * 3 + 5);
  EXPECT_EQ(read[1].seen, kMost * 4 + 1);
  EXPECT_EQ(read[1].count, 2);
  EXPECT_EQ(table.verdicts(0).held, 0b1100'0000'0000U);
  // Merged into a table still in 32 bits, which turns too.
  SliceCounters merged(kinds, 4096);
  merged.add(11, slice(1, 1, 1).data());
  merged.merge(table);
  EXPECT_EQ(merged.tally(11, 1).seen, kMost + 2);
  EXPECT_EQ(merged.tally(10, 1).seen, kMost * 4 + 1);
}

// A kernel's run counted in 8 bits (SliceRun::fields): per slice seen,
// count (and good for a ratio), entry after entry.
std::vector<std::uint8_t> fieldsOfRun(std::size_t fieldsPerSlice,
                                      const std::map<int, std::vector<std::uint8_t>>& slices) {
  std::vector<std::uint8_t> fields(64 * fieldsPerSlice);
  for (const auto& [slice, values] : slices)
    std::copy(values.begin(), values.end(), fields.begin() + slice * fieldsPerSlice);
  return fields;
}

TEST(SliceCountersTest, ARunOf8BitsIsCopiedIntoAWordNeverWritten) {
  // Ratio (seen, count, good), then count (seen, count); the condition is
  // on the count. The window's 100 slices end in its second word.
  std::vector<AggregateKind> kinds = {AggregateKind::Ratio, AggregateKind::Count};
  SliceCounters table(kinds, 100, SliceCounters::CountCondition{1, plan::Comparison::Ge, 2});
  auto fields = fieldsOfRun(5, {{0, {3, 0, 2, 3, 3}}, {35, {255, 0, 255, 1, 1}}});
  // Slice 64 holds (3 >= 2), slice 99 does not (1 >= 2): judged as copied.
  table.addRunOf8Bits(64, std::uint64_t{1} | std::uint64_t{1} << 35, fields.data());
  EXPECT_EQ(table.touchedWord(1), std::uint64_t{1} | std::uint64_t{1} << 35);
  EXPECT_EQ(table.tally(64, 0).good, 2);
  EXPECT_EQ(table.tally(64, 1).count, 3);
  EXPECT_EQ(table.tally(99, 0).seen, 255);
  EXPECT_EQ(table.tally(99, 0).good, 255);
  EXPECT_EQ(table.tally(99, 1).count, 1);
  EXPECT_EQ(table.verdicts(1).decided, std::uint64_t{1} | std::uint64_t{1} << 35);
  EXPECT_EQ(table.verdicts(1).held, 1U);
  EXPECT_FALSE(table.touched(0));
}

// A run of one count copied into a word never written is judged sixteen
// slices at a time: for every comparison, with constants inside, at the
// ends of and past 8 bits (to the ends of 64), the verdicts are the
// condition's own, slice by slice (slices without records undecided,
// counts up to 255, counts equal to the constant).
TEST(SliceCountersTest, ARunsVerdictsAreTheConditionsOwnSliceBySlice) {
  std::mt19937_64 random(53);
  auto below = [&](int bound) { return static_cast<int>(random() % static_cast<unsigned>(bound)); };
  for (plan::Comparison comparison :
       {plan::Comparison::Lt, plan::Comparison::Le, plan::Comparison::Gt, plan::Comparison::Ge,
        plan::Comparison::Eq, plan::Comparison::Ne})
    for (std::int64_t constant :
         {INT64_MIN, std::int64_t{-1}, std::int64_t{0}, std::int64_t{1}, std::int64_t{2},
          std::int64_t{127}, std::int64_t{128}, std::int64_t{254}, std::int64_t{255},
          std::int64_t{256}, std::int64_t{1000}, INT64_MAX})
      for (int round = 0; round < 4; ++round) {
        SliceCounters::CountCondition condition{0, comparison, constant};
        SliceCounters table({AggregateKind::Count}, 100, condition);
        std::vector<std::uint8_t> fields(64 * 2, 0);
        std::uint64_t touched = 0;
        SliceCounters::Verdicts expected;
        for (int slice = 0; slice < 64; ++slice) {
          if (below(4) == 0)
            continue;
          int seen = 1 + below(255);
          int count = below(seen + 1);
          if (below(3) == 0 && constant >= 0 && constant <= seen)
            count = static_cast<int>(constant);
          fields[2 * slice] = static_cast<std::uint8_t>(seen);
          fields[2 * slice + 1] = static_cast<std::uint8_t>(count);
          std::uint64_t bit = std::uint64_t{1} << slice;
          touched |= bit;
          std::optional<bool> holds = condition.holds(seen, count);
          expected.decided |= holds ? bit : 0;
          expected.held |= holds.value_or(false) ? bit : 0;
        }
        table.addRunOf8Bits(0, touched, fields.data());
        SCOPED_TRACE(::testing::Message() << plan::comparisonSpelling(comparison) << " " << constant
                                          << ", round " << round);
        EXPECT_EQ(table.verdicts(0).decided, expected.decided);
        EXPECT_EQ(table.verdicts(0).held, expected.held);
      }
}

TEST(SliceCountersTest, ARunOf8BitsIsAddedToAWordWrittenBeforeAndJudgedAgain) {
  std::vector<AggregateKind> kinds = {AggregateKind::Count};
  SliceCounters table(kinds, 1440, SliceCounters::CountCondition{0, plan::Comparison::Lt, 3});
  // Slice 6 had two records holding, slice 7 one: both hold (< 3).
  FastCounters two = counted(2, 2), one = counted(1, 1);
  table.add(6, &two);
  table.add(7, &one);
  EXPECT_EQ(table.verdicts(0).held, 0b1100'0000U);
  // A later run brings slice 6 a third record and slice 9 its first; on
  // its own the run would hold in both.
  auto fields = fieldsOfRun(2, {{6, {1, 1}}, {9, {1, 1}}});
  table.addRunOf8Bits(0, 0b10'0100'0000U, fields.data());
  EXPECT_EQ(table.tally(6, 0).count, 3);
  EXPECT_EQ(table.tally(9, 0).count, 1);
  EXPECT_EQ(table.touchedWord(0), 0b10'1100'0000U);
  EXPECT_EQ(table.verdicts(0).decided, 0b10'1100'0000U);
  EXPECT_EQ(table.verdicts(0).held, 0b10'1000'0000U);
}

TEST(SliceCountersTest, ARunOf8BitsIsAddedToABlockOfWiderFields) {
  std::vector<AggregateKind> kinds = {AggregateKind::Ratio, AggregateKind::Count};
  SliceCounters table(kinds, 1440, SliceCounters::CountCondition{1, plan::Comparison::Ge, 300});
  // Slice 200 (word 3) passes 255: the block turns to 32 bits.
  FastCounters many[2] = {counted(300, 0), counted(300, 300)};
  many[0].good = 280;
  table.add(200, many);
  auto fields = fieldsOfRun(5, {{1, {250, 0, 249, 250, 250}}});
  table.addRunOf8Bits(64, 0b10U, fields.data());
  EXPECT_EQ(table.tally(65, 0).seen, 250);
  EXPECT_EQ(table.tally(65, 0).good, 249);
  EXPECT_EQ(table.tally(65, 1).count, 250);
  EXPECT_EQ(table.tally(200, 0).good, 280);
  EXPECT_EQ(table.tally(200, 1).count, 300);
  EXPECT_EQ(table.verdicts(1).decided, 0b10U);
  EXPECT_EQ(table.verdicts(1).held, 0U);
  EXPECT_EQ(table.verdicts(3).held, std::uint64_t{1} << (200 - 192));
}

} // namespace
} // namespace slac::eval
