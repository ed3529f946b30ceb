// `--max-memory` sizes, and that the resident set can be read at all (a
// budget that always reads 0 would never stop anything).
#include "eval/MemoryBudget.h"

#include <gtest/gtest.h>

namespace slac::testing {
namespace {

using eval::MemoryBudget;

TEST(MemoryBudgetTest, ParsesSizes) {
  EXPECT_EQ(MemoryBudget::parse("0"), 0u);
  EXPECT_EQ(MemoryBudget::parse("1048576"), 1048576u);
  EXPECT_EQ(MemoryBudget::parse("512M"), 512ull << 20);
  EXPECT_EQ(MemoryBudget::parse("2G"), 2ull << 30);
  EXPECT_EQ(MemoryBudget::parse("1.5G"), 3ull << 29);
  EXPECT_EQ(MemoryBudget::parse("64k"), 64ull << 10);
  EXPECT_EQ(MemoryBudget::parse(""), std::nullopt);
  EXPECT_EQ(MemoryBudget::parse("G"), std::nullopt);
  EXPECT_EQ(MemoryBudget::parse("1.5"), std::nullopt); // a fraction needs a unit
  EXPECT_EQ(MemoryBudget::parse("1.55G"), std::nullopt);
  EXPECT_EQ(MemoryBudget::parse("-1G"), std::nullopt);
  EXPECT_EQ(MemoryBudget::parse("2X"), std::nullopt);
  EXPECT_EQ(MemoryBudget::parse("99999999999T"), std::nullopt); // overflows 64 bits
}

TEST(MemoryBudgetTest, ReadsTheResidentSet) {
  EXPECT_GT(MemoryBudget::residentBytes(), 1u << 20);
  EXPECT_GT(MemoryBudget::defaultBytes(), MemoryBudget::residentBytes());
  EXPECT_FALSE(MemoryBudget(0).exceeded());
  EXPECT_TRUE(MemoryBudget(1).exceeded());
}

// exceeded() asks the peak first: under half the budget, the resident set
// is not read. The peak must not lag that far, or a budget could be
// outgrown unseen. (It may read under a resident set read just before it:
// the allocator gives pages back, and a high-water mark is kept only at
// some events; this test saw 32 KB less.)
TEST(MemoryBudgetTest, ThePeakIsNeverFarUnderTheResidentSet) {
  std::uint64_t now = MemoryBudget::residentBytes();
  EXPECT_GT(MemoryBudget::peakResidentBytes(), now / 2);
  EXPECT_LT(MemoryBudget::peakResidentBytes(), MemoryBudget::defaultBytes());
  EXPECT_TRUE(MemoryBudget(now - now / 8).exceeded());
}

} // namespace
} // namespace slac::testing
