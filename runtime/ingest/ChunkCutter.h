#pragma once

// Cuts a data file into chunks at record boundaries, so that the chunks can
// be parsed on several threads (ChunkPipeline) and the records come out as
// one thread reads them. Only the cut is sequential, and it is cheap: it
// follows the few states of CSV that decide where a record ends (in a cell
// or not, in quotes or not, skipping a malformed line), a vector register
// at a time, and converts nothing.
//
// Why not guess boundaries from any offset (quote parity from the middle of
// a file is ambiguous, and a malformed record changes it): a pass from the
// start knows, at the price of one cheap look at every byte.
//
// The states mirror CsvScanner's rules for the end of a record (RFC 4180
// quotes over lines; a stray quote or text after a closing quote makes the
// rest of the line one malformed record); NDJSON records are lines. Where a
// chunk would grow past four chunk sizes without a boundary (a record over
// the 1 MiB limit, a quote never closed), and for the CSV header, the bytes
// go out as a *sequential section*: chunks the taking thread reads itself,
// in order, as one stream, with the scanner's own rules; memory stays
// bounded either way. Input that fails (corrupt compressed data) ends in such a section
// too, so that the error is found where one thread finds it.

#include "ingest/DecompressingBuffer.h"
#include "ingest/MappedFile.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>

namespace slac::ingest {

struct Chunk {
  // Spaces after the bytes, not the input's: the scanners read ahead of
  // what they split in whole vector registers, and parse a chunk where it
  // lies (CsvScanner::restart, NdjsonLines::restart).
  static constexpr std::size_t kPadding = 64;

  std::string_view bytes() const { return {inPlace ? inPlace : padded.data(), size}; }

  // The bytes, then kPadding spaces; or, for a mapped file
  // (ChunkCutter::read(const MappedFile&, ...)), the bytes where they are
  // mapped, followed by the file's next bytes or its last page's zeros.
  std::string padded;
  const char* inPlace = nullptr;
  std::uint64_t fileOffset = 0; // of the first byte, in a mapped file
  std::size_t size = 0;
  std::uint64_t startLine = 1; // the line of its first byte
  bool atFileStart = false;    // a byte order mark may come first
  // Read by the taking thread itself, as one stream with the next chunks
  // up to the one that ends the section.
  bool sequential = false;
  bool endsSection = false;
  // After its bytes the input failed: reading them goes on to this error.
  std::optional<DecompressionError> error;
};

class ChunkCutter {
public:
  using Emit = std::function<void(Chunk&&)>;

  // CSV (`separator`) or NDJSON. CSV's first record is its header: it goes
  // out in a sequential section, for the parsers need its columns.
  // `chunkBytes`: where a chunk ends, at the first boundary past it (tests
  // make it tiny).
  ChunkCutter(bool csv, char separator, std::size_t chunkBytes, Emit emit);

  // Reads the next bytes of the input, at most `most`, straight after
  // those not sent yet; complete chunks go to `emit`. How many were read:
  // 0 at the input's end.
  std::size_t read(std::streambuf& input, std::size_t most);
  // The same for a mapped file, read from its start by these calls alone:
  // the chunks lie where they are mapped but the last (ChunkPipeline gives
  // their pages back). A file found shorter than when mapped throws
  // DecompressionError.
  std::size_t read(const MappedFile& file, std::size_t most);
  // The input ended (`finish`) or failed after the bytes added.
  void finish();
  void fail(const DecompressionError& error);

private:
  enum State : std::uint8_t { CellStart, Unquoted, Quoted, QuoteSeen, SkipLine };
  enum ByteClass : std::uint8_t { Other, Separator, Quote, LineFeed, Return };

  // The bytes added to the end: scanned, cut into chunks and sections.
  void scanAdded();
  void scan();
  // 16 bytes at a time from `at`, as long as 16 are left before `until`;
  // returns where it stopped.
  std::size_t scanBlocks(std::size_t at, std::size_t until);
  // scan()'s common case with AVX2, 64 bytes at a time: from `at` as long
  // as the blocks hold no quote and start between cells; returns where it
  // stopped.
  std::size_t scanWithoutQuotes(std::size_t at, std::size_t limit);
  void other();
  void step(std::size_t at);
  // A record ends just before `boundary` (the byte after its line end):
  // so does a sequential section, or a chunk if it is long enough.
  void recordEndsBefore(std::size_t boundary);
  void cut(std::size_t end, bool sequential, bool endsSection,
           std::optional<DecompressionError> error = std::nullopt);

  bool csv_;
  char separator_;
  bool wide_; // the processor has AVX2
  std::size_t chunkBytes_;
  std::size_t longest_; // past it without a boundary: a sequential section
  // The first chunks are smaller (an eighth of chunkBytes_, then twice as
  // large each time up to it): the parsers start sooner, and both at once.
  std::size_t nextChunkBytes_;
  Emit emit_;
  ByteClass classOf_[256];
  // The bytes not sent yet: the next chunk starts at start_ (a record
  // boundary, or the middle of a sequential section), and the bytes before
  // scanned_ have been looked at.
  // The bytes are pending_'s (read), or the mapped file's from its start:
  // offsets are then the file's, and those up to pendingSize_ are mapped
  // in (MappedFile::touch).
  std::string pending_;
  const char* data_ = nullptr;
  const MappedFile* mapped_ = nullptr;
  std::size_t pendingSize_ = 0;
  std::size_t start_ = 0;
  std::size_t scanned_ = 0;
  State state_ = CellStart;
  bool finished_ = false;
  bool byteOrderMarkChecked_ = false;
  bool atFileStart_ = true;
  bool inSection_ = false;
  bool sawContent_ = false; // a record started (blank lines at the start end none)
  std::uint64_t line_ = 1;  // of the byte at start_
  std::uint64_t lines_ = 0; // line ends in [start_, scanned_)
};

} // namespace slac::ingest
