#include "ingest/ChunkCutter.h"

#include <algorithm>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace slac::ingest {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// How CsvScanner moves between cells (readSlowly is the reference): a cell
// opening with a quote runs to the quote that is not doubled, over lines; a
// quote in an unquoted cell, or text after a closing quote, makes the rest
// of the line a malformed record. A line end outside quotes ends a record
// (or a blank line). NDJSON only has Other and line ends: every line end
// ends a record.
constexpr std::uint8_t kNext[5][5] = {
    // Other, Separator, Quote, LineFeed, Return
    /* CellStart */ {1, 0, 2, 0, 0},
    /* Unquoted  */ {1, 0, 4, 0, 0},
    /* Quoted    */ {2, 2, 3, 2, 2},
    /* QuoteSeen */ {4, 0, 2, 0, 0},
    /* SkipLine  */ {4, 4, 4, 0, 0},
};

// The bits set in a 16-bit mask (the line ends of 16 bytes), without a
// call: x86-64's baseline has no instruction for it, and __builtin_popcount
// called libgcc, 1.5 % of a read's CPU (a clone for processors with popcnt
// crashed ThreadSanitizer's start: its resolver runs before the runtime).
unsigned countBits16(unsigned mask) {
  mask = mask - ((mask >> 1) & 0x5555U);
  mask = (mask & 0x3333U) + ((mask >> 2) & 0x3333U);
  mask = (mask + (mask >> 4)) & 0x0F0FU;
  return (mask + (mask >> 8)) & 0x1FU;
}

} // namespace

ChunkCutter::ChunkCutter(bool csv, char separator, std::size_t chunkBytes, Emit emit)
    : csv_(csv), separator_(separator),
#if defined(__x86_64__)
      wide_(__builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt")),
#else
      wide_(false),
#endif
      chunkBytes_(std::max<std::size_t>(chunkBytes, 1)), longest_(4 * chunkBytes_),
      nextChunkBytes_(std::max<std::size_t>(chunkBytes_ / 8, 1)), emit_(std::move(emit)),
      inSection_(csv) {
  std::fill(std::begin(classOf_), std::end(classOf_), Other);
  classOf_[static_cast<unsigned char>('\n')] = LineFeed;
  classOf_[static_cast<unsigned char>('\r')] = Return;
  if (csv_) {
    classOf_[static_cast<unsigned char>(separator_)] = Separator;
    classOf_[static_cast<unsigned char>('"')] = Quote;
  }
}

std::size_t ChunkCutter::read(std::streambuf& input, std::size_t most) {
  // Read where they are looked at and cut from: the chunk is their one copy.
  // The buffer only grows, so that reading does not zero it each time.
  std::size_t kept = pendingSize_;
  if (pending_.size() < kept + most)
    pending_.resize(kept + most);
  data_ = pending_.data();
  std::streamsize got = input.sgetn(pending_.data() + kept, static_cast<std::streamsize>(most));
  pendingSize_ = kept + static_cast<std::size_t>(std::max<std::streamsize>(got, 0));
  if (got <= 0)
    return 0;
  scanAdded();
  std::memmove(pending_.data(), pending_.data() + start_, pendingSize_ - start_);
  pendingSize_ -= start_;
  scanned_ -= start_;
  start_ = 0;
  return static_cast<std::size_t>(got);
}

std::size_t ChunkCutter::read(const MappedFile& file, std::size_t most) {
  // The bytes stay where they are mapped: the offsets are the file's.
  mapped_ = &file;
  data_ = file.bytes().data();
  std::size_t from = pendingSize_;
  std::size_t to = std::min(file.bytes().size(), from + most);
  if (to == from)
    return 0;
  file.touch(from, to);
  if (!file.intact(to))
    throw DecompressionError{std::string(kFileShrank)};
  pendingSize_ = to;
  scanAdded();
  return to - from;
}

void ChunkCutter::scanAdded() {
  scan();
  // No boundary for long: the bytes go to the taking thread, whose scanner
  // reads a record of any length in bounded memory.
  if (scanned_ - start_ >= (inSection_ ? chunkBytes_ : longest_)) {
    inSection_ = true;
    cut(scanned_, true, false);
  }
}

void ChunkCutter::finish() {
  finished_ = true;
  scan();
  if (inSection_)
    cut(pendingSize_, true, true);
  else if (pendingSize_ > start_)
    cut(pendingSize_, false, false);
}

void ChunkCutter::fail(const DecompressionError& error) {
  // The bytes since the last boundary and the failure after them: where the
  // scanner finds the failure depends on how far it got, so it reads them.
  cut(pendingSize_, true, false, error);
}

void ChunkCutter::other() {
  state_ = static_cast<State>(kNext[state_][Other]);
  sawContent_ = true;
}

void ChunkCutter::step(std::size_t at) {
  const char* data = data_;
  ByteClass kind = classOf_[static_cast<unsigned char>(data[at])];
  state_ = static_cast<State>(kNext[state_][kind]);
  if (kind != LineFeed && kind != Return) {
    sawContent_ = true;
    return;
  }
  // CRLF is one line end, the LF's (scan() leaves a last CR for later).
  if (kind == Return && at + 1 < pendingSize_ && data[at + 1] == '\n')
    return;
  ++lines_;
  if (state_ != CellStart || !sawContent_)
    return;
  recordEndsBefore(at + 1);
}

void ChunkCutter::recordEndsBefore(std::size_t boundary) {
  if (inSection_) {
    inSection_ = false;
    cut(boundary, true, true);
  } else if (boundary - start_ >= nextChunkBytes_) {
    cut(boundary, false, false);
    nextChunkBytes_ = std::min(2 * nextChunkBytes_, chunkBytes_);
  }
}

void ChunkCutter::scan() {
  std::size_t limit = pendingSize_;
  // A CR last: whether an LF follows is not known yet.
  if (!finished_ && limit > scanned_ && data_[limit - 1] == '\r')
    --limit;
  if (!byteOrderMarkChecked_) {
    if (pendingSize_ < kByteOrderMark.size() && !finished_)
      return;
    byteOrderMarkChecked_ = true;
    if (csv_ && std::string_view(data_, pendingSize_).starts_with(kByteOrderMark))
      scanned_ = kByteOrderMark.size();
  }
  std::size_t at = scanned_;
#if defined(__SSE2__)
  while (at + 16 <= limit) {
#if defined(__x86_64__)
    if (wide_)
      at = scanWithoutQuotes(at, limit);
#endif
    // What the wide loop leaves: its next 64 bytes (then it tries again).
    at = scanBlocks(at, wide_ ? std::min(limit, at + 64) : limit);
  }
#endif
  for (; at < limit; ++at) {
    if (classOf_[static_cast<unsigned char>(data_[at])] == Other)
      other();
    else
      step(at);
  }
  scanned_ = limit;
}

#if defined(__SSE2__)
std::size_t ChunkCutter::scanBlocks(std::size_t at, std::size_t until) {
  // 16 bytes at a time. A block without a quote, between cells: every line
  // end in it ends a record, and the state after it is its last byte's.
  // Otherwise byte by byte those that matter: the bytes between them only
  // move the state once (an Other after an Other changes nothing).
  const __m128i separators = _mm_set1_epi8(separator_);
  const __m128i quotes = _mm_set1_epi8('"');
  const __m128i lineFeeds = _mm_set1_epi8('\n');
  const __m128i returns = _mm_set1_epi8('\r');
  for (; at + 16 <= until; at += 16) {
    __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data_ + at));
    auto bitsOf = [&](__m128i byte) {
      return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, byte)));
    };
    unsigned quoteBits = csv_ ? bitsOf(quotes) : 0;
    unsigned separatorBits = csv_ ? bitsOf(separators) : 0;
    unsigned returnBits = bitsOf(returns);
    unsigned lineFeedBits = bitsOf(lineFeeds);
    if (quoteBits == 0 && sawContent_ && (state_ == CellStart || state_ == Unquoted)) {
      // A CR before an LF is no line end of its own.
      unsigned lineEnds = lineFeedBits | (returnBits & ~(lineFeedBits >> 1));
      if ((returnBits & 0x8000U) != 0 && at + 16 < pendingSize_ && data_[at + 16] == '\n')
        lineEnds &= ~0x8000U;
      if (lineEnds != 0) {
        lines_ += countBits16(lineEnds);
        recordEndsBefore(at + 32 - static_cast<std::size_t>(__builtin_clz(lineEnds)));
      }
      bool endsCell = ((separatorBits | returnBits | lineFeedBits) & 0x8000U) != 0;
      state_ = endsCell ? CellStart : Unquoted;
      continue;
    }
    unsigned hits = quoteBits | separatorBits | returnBits | lineFeedBits;
    std::size_t next = at;
    while (hits != 0) {
      std::size_t hit = at + static_cast<std::size_t>(__builtin_ctz(hits));
      hits &= hits - 1;
      if (hit > next)
        other();
      step(hit);
      next = hit + 1;
    }
    if (next < at + 16)
      other();
  }
  return at;
}
#endif

#if defined(__x86_64__)
// The 16-byte loop of scan() over four times the bytes: a third of the
// reading thread's time went to it on two threads (docs/performance.md).
// A block it does not vouch for is left to scan(), which sees it whole.
namespace {

struct BlockBits {
  std::uint64_t quotes, lineFeeds, returns;
};

// Bit i: byte i of the 64 at `at`. Apart from scanWithoutQuotes, and the
// lambda with a target of its own: GCC 12 does not give a lambda its
// enclosing function's target.
__attribute__((target("avx2"))) BlockBits bitsOfBlock(const char* at) {
  __m256i low = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(at));
  __m256i high = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(at + 32));
  auto bits = [](__m256i lowHalf, __m256i highHalf, char byte) __attribute__((target("avx2"))) {
    __m256i wanted = _mm256_set1_epi8(byte);
    auto lowBits =
        static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lowHalf, wanted)));
    auto highBits =
        static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(highHalf, wanted)));
    return std::uint64_t{lowBits} | std::uint64_t{highBits} << 32;
  };
  return {bits(low, high, '"'), bits(low, high, '\n'), bits(low, high, '\r')};
}

} // namespace

__attribute__((target("avx2,popcnt,lzcnt"))) std::size_t
ChunkCutter::scanWithoutQuotes(std::size_t at, std::size_t limit) {
  const char* data = data_;
  for (; at + 64 <= limit; at += 64) {
    if (!sawContent_ || (state_ != CellStart && state_ != Unquoted))
      break;
    BlockBits block = bitsOfBlock(data + at);
    if (csv_ && block.quotes != 0)
      break;
    std::uint64_t lineFeedBits = block.lineFeeds;
    std::uint64_t returnBits = block.returns;
    // A CR before an LF is no line end of its own.
    std::uint64_t lineEnds = lineFeedBits | (returnBits & ~(lineFeedBits >> 1));
    constexpr std::uint64_t kLast = std::uint64_t{1} << 63;
    if ((returnBits & kLast) != 0 && at + 64 < pendingSize_ && data[at + 64] == '\n')
      lineEnds &= ~kLast;
    if (lineEnds != 0) {
      lines_ += static_cast<std::uint64_t>(_mm_popcnt_u64(lineEnds));
      recordEndsBefore(at + 64 - static_cast<std::size_t>(_lzcnt_u64(lineEnds)));
    }
    char last = data[at + 63];
    bool endsCell = (csv_ && last == separator_) || last == '\n' || last == '\r';
    state_ = endsCell ? CellStart : Unquoted;
  }
  return at;
}
#endif

void ChunkCutter::cut(std::size_t end, bool sequential, bool endsSection,
                      std::optional<DecompressionError> error) {
  Chunk chunk;
  chunk.size = end - start_;
  // In place unless the padding would pass the mapping's end (the last
  // chunk, at most).
  if (mapped_ && end + Chunk::kPadding <= mapped_->readableSize()) {
    chunk.inPlace = data_ + start_;
  } else {
    chunk.padded.reserve(chunk.size + Chunk::kPadding);
    chunk.padded.assign(data_ + start_, chunk.size);
    chunk.padded.append(Chunk::kPadding, ' ');
  }
  chunk.fileOffset = start_;
  chunk.startLine = line_;
  chunk.atFileStart = atFileStart_;
  chunk.sequential = sequential;
  chunk.endsSection = endsSection;
  chunk.error = std::move(error);
  line_ += lines_;
  lines_ = 0;
  start_ = end;
  atFileStart_ = false;
  emit_(std::move(chunk));
}

} // namespace slac::ingest
