// ChunkCutter's chunk sizes: records are cut where they end, and the first
// chunks of a file are smaller so that the parsers start sooner.
#include "ingest/ChunkCutter.h"

#include <gtest/gtest.h>
#include <sstream>
#include <vector>

namespace slac::testing {
namespace {

TEST(ChunkCutterTest, TheFirstChunksGrowToTheChunkSize) {
  // A header, then 1,000 records of 10 bytes each (9 and a line end).
  std::string csv = "a,b,c,d\n";
  for (int i = 0; i < 1000; ++i)
    csv += "1234,5678\n";
  std::vector<ingest::Chunk> chunks;
  ingest::ChunkCutter cutter(true, ',', 800,
                             [&](ingest::Chunk&& chunk) { chunks.push_back(std::move(chunk)); });
  std::istringstream input(csv);
  while (cutter.read(*input.rdbuf(), 64) > 0) {
  }
  cutter.finish();
  ASSERT_GE(chunks.size(), 6u);
  // The header goes alone, in a sequential section.
  EXPECT_TRUE(chunks[0].sequential);
  EXPECT_EQ(chunks[0].bytes(), "a,b,c,d\n");
  // Then chunks of at least 100, 200, 400 and 800 bytes, each cut at a
  // record end; the cutter looks for one a vector register (up to 64
  // bytes) at a time, so a chunk may end up to a register and a record
  // past its size.
  const std::size_t sizes[] = {100, 200, 400, 800, 800};
  std::uint64_t line = 2;
  for (std::size_t i = 0; i < std::size(sizes); ++i) {
    const ingest::Chunk& chunk = chunks[i + 1];
    SCOPED_TRACE(i);
    EXPECT_FALSE(chunk.sequential);
    EXPECT_GE(chunk.size, sizes[i]);
    EXPECT_LT(chunk.size, sizes[i] + 64 + 10);
    EXPECT_EQ(chunk.size % 10, 0u);
    EXPECT_EQ(chunk.bytes().back(), '\n');
    EXPECT_EQ(chunk.startLine, line);
    line += chunk.size / 10;
  }
  std::size_t total = 0;
  for (const ingest::Chunk& chunk : chunks)
    total += chunk.size;
  EXPECT_EQ(total, csv.size());
}

} // namespace
} // namespace slac::testing
