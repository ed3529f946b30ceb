// ChunkCutter's chunk sizes: records are cut where they end, and the first
// chunks of a file are smaller so that the parsers start sooner.
#include "ThreadedReading.h"
#include "ingest/ChunkCutter.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>
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

// A mapped file's chunks lie where it is mapped, with the kPadding bytes
// the scanners read after a chunk inside the mapping; a chunk whose
// padding would pass the mapping's end (the file's last page) is copied.
TEST(ChunkCutterTest, MappedChunksLieInTheFileWithTheirPaddingInsideTheMapping) {
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  for (std::size_t size : {page - 100, page - 64, page - 63, page - 1, page, 2 * page - 30}) {
    std::string csv = "a,b\n";
    while (csv.size() + 6 <= size - 2)
      csv += "12,34\n";
    csv += std::string(size - csv.size() - 1, '9') + "\n";
    ASSERT_EQ(csv.size(), size);
    MappedDocument mapped(csv);
    ASSERT_NE(mapped.file(), nullptr);
    std::vector<ingest::Chunk> chunks;
    ingest::ChunkCutter cutter(true, ',', 50,
                               [&](ingest::Chunk&& chunk) { chunks.push_back(std::move(chunk)); });
    while (cutter.read(*mapped.file(), 64) > 0) {
    }
    cutter.finish();
    SCOPED_TRACE(fmt::format("{} bytes", size));
    ASSERT_GE(chunks.size(), 3u);
    std::size_t offset = 0;
    for (const ingest::Chunk& chunk : chunks) {
      EXPECT_EQ(chunk.fileOffset, offset);
      EXPECT_EQ(chunk.bytes(), csv.substr(offset, chunk.size));
      bool fits = offset + chunk.size + ingest::Chunk::kPadding <= mapped.file()->readableSize();
      EXPECT_EQ(chunk.inPlace, fits ? mapped.file()->bytes().data() + offset : nullptr)
          << "the chunk at " << offset;
      offset += chunk.size;
    }
    EXPECT_EQ(offset, csv.size());
  }
}

} // namespace
} // namespace slac::testing
