#include "ingest/CsvScanner.h"

#include "ingest/ReadPlacement.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>
#include <fmt/format.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace slac::ingest {

namespace {

constexpr int kEnd = -1;

bool atLineEnd(int c) {
  return c == '\n' || c == '\r';
}

bool continuesCodePoint(int c) {
  return (c & 0xC0) == 0x80;
}

// Bit i of each mask: byte `at[i]` is a separator; a quote or a line end
// (i < 64). A record of plain cells ends at its first stop. `nonAscii`:
// not 0 when a byte is not ASCII (which one is never asked).
struct StructuralBits {
  std::uint64_t separators = 0;
  std::uint64_t stops = 0;
  std::uint32_t nonAscii = 0;
};

[[gnu::always_inline]] inline StructuralBits structuralBits(const char* at, char separator) {
  StructuralBits bits;
#if defined(__SSE2__)
  const __m128i separators = _mm_set1_epi8(separator);
  const __m128i quotes = _mm_set1_epi8('"');
  const __m128i lineFeeds = _mm_set1_epi8('\n');
  const __m128i returns = _mm_set1_epi8('\r');
  auto mask = [](__m128i hits, int part) {
    return std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(hits))} << (16 * part);
  };
  __m128i highBits = _mm_setzero_si128();
  // Unrolled, each part's shift a constant: as a loop, GCC shifted by a
  // register and chained the masks' ORs (a fifth of the scan).
#pragma GCC unroll 4
  for (int part = 0; part < 4; ++part) {
    __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at + 16 * part));
    bits.separators |= mask(_mm_cmpeq_epi8(bytes, separators), part);
    bits.stops |= mask(
        _mm_or_si128(_mm_cmpeq_epi8(bytes, quotes), _mm_or_si128(_mm_cmpeq_epi8(bytes, lineFeeds),
                                                                 _mm_cmpeq_epi8(bytes, returns))),
        part);
    highBits = _mm_or_si128(highBits, bytes);
  }
  bits.nonAscii = static_cast<std::uint32_t>(_mm_movemask_epi8(highBits));
#else
  for (int i = 0; i < 64; ++i) {
    std::uint64_t bit = std::uint64_t{1} << i;
    bits.separators |= at[i] == separator ? bit : 0;
    bits.stops |= at[i] == '"' || at[i] == '\n' || at[i] == '\r' ? bit : 0;
    bits.nonAscii |= static_cast<unsigned char>(at[i]) >= 0x80 ? 1 : 0;
  }
#endif
  return bits;
}

// Line ends in a quoted cell's text: LF, and CR unless an LF follows.
// `text` is followed in memory by at least its closing quote.
std::uint64_t lineEndsIn(const char* text, const char* end) {
  std::uint64_t lines = 0;
  for (const char* at = text; at < end; ++at)
    lines += *at == '\n' || (*at == '\r' && at[1] != '\n');
  return lines;
}

} // namespace

std::uint64_t CsvRecordView::columnOf(std::size_t cell) const {
  // Every record starts at column 1: after a line end or the byte order mark.
  std::uint64_t column = 1;
  std::size_t offset = cellOffsets[cell];
  for (std::size_t i = 0; i < offset; ++i) {
    auto c = static_cast<unsigned char>(raw[i]);
    if (c == '\n' || (c == '\r' && raw[i + 1] != '\n'))
      column = 1;
    else if (!continuesCodePoint(c))
      ++column;
  }
  return column;
}

CsvScanner::CsvScanner(std::istream& input, char separator, std::size_t block)
    : input_(input.rdbuf()), separator_(separator), block_(std::max<std::size_t>(block, 1)),
      // Not zeroed: a scanner that reads chunks where they lie never
      // touches it, and zeroing its 1 MiB was a tenth of a small run's time.
      buffer_(std::make_unique_for_overwrite<char[]>(kLongestRecord + kReadAlignment + block_ +
                                                     kPadding)),
      bytes_(buffer_.get()), readAt_(readOffset(buffer_.get(), kLongestRecord)), position_(readAt_),
      end_(readAt_) {
  // The windows read past the bytes read: never bytes that were not set.
  std::memset(buffer_.get() + end_, ' ', kPadding);
}

void CsvScanner::restart(std::streambuf& input, std::uint64_t line, bool atFileStart) {
  input_ = &input;
  bytes_ = buffer_.get();
  position_ = readAt_;
  end_ = readAt_;
  inputEnded_ = false;
  inPlace_ = false;
  startAt(line, atFileStart);
}

void CsvScanner::restart(std::string_view bytes, std::uint64_t line, bool atFileStart) {
  bytes_ = bytes.data();
  position_ = 0;
  end_ = bytes.size();
  inputEnded_ = true;
  inPlace_ = true;
  startAt(line, atFileStart);
}

void CsvScanner::startAt(std::uint64_t line, bool atFileStart) {
  window_ = kNoWindow;
  started_ = !atFileStart;
  line_ = line;
  column_ = 1;
}

bool CsvScanner::refill(std::size_t keepFrom) {
  // All of the input is there already, where it lies.
  if (inPlace_)
    return false;
  char* buffer = buffer_.get();
  // The bytes move, and those past the end change.
  window_ = kNoWindow;
  // A record kept is never longer than kLongestRecord: it fits before
  // readAt_, and a block after it.
  std::size_t kept = end_ - keepFrom;
  std::size_t start = readAt_ - kept;
  std::memmove(buffer + start, buffer + keepFrom, kept);
  position_ = position_ - keepFrom + start;
  end_ = readAt_;
  if (inputEnded_)
    return false;
  std::streamsize got = input_->sgetn(buffer + end_, static_cast<std::streamsize>(block_));
  if (got <= 0) {
    inputEnded_ = true;
    return false;
  }
  end_ += static_cast<std::size_t>(got);
  std::memset(buffer + end_, ' ', kPadding);
  return true;
}

int CsvScanner::peek() {
  if (position_ == end_ && !refill(position_))
    return kEnd;
  return static_cast<unsigned char>(bytes_[position_]);
}

int CsvScanner::get() {
  int c = peek();
  if (c == kEnd)
    return c;
  ++position_;
  ++rawLength_;
  if (rawLength_ <= kLongestRecord)
    raw_ += static_cast<char>(c);
  // A CR ends a line unless an LF follows (then the LF does).
  if (c == '\n' || (c == '\r' && peek() != '\n')) {
    ++line_;
    column_ = 1;
  } else if (!continuesCodePoint(c)) {
    ++column_;
  }
  return c;
}

void CsvScanner::skipRestOfLine() {
  for (int c = peek(); c != kEnd && !atLineEnd(c); c = peek())
    get();
  if (get() == '\r' && peek() == '\n')
    get();
}

std::string CsvScanner::separatorSpelling() const {
  return separator_ == '\t' ? "tab" : fmt::format("`{}`", separator_);
}

CsvScanner::Result CsvScanner::nextByFullScan(CsvRecordView& record, Problem& problem) {
  if (!started_) {
    started_ = true;
    if (peek() == 0xEF) {
      record.cells.clear();
      record.cellOffsets.clear();
      record.raw = {};
      // A UTF-8 byte order mark is not part of the first cell.
      get();
      if (get() != 0xBB || get() != 0xBF) {
        problem = {"the file starts with an invalid byte order mark", 1, 1, false};
        skipRestOfLine();
        return Result::Malformed;
      }
      column_ = 1;
    }
  }
  // Blank lines separate nothing.
  while (atLineEnd(peek()))
    get();
  raw_.clear();
  rawLength_ = 0;
  record.line = line_;
  if (peek() == kEnd) {
    record.cells.clear();
    record.cellOffsets.clear();
    record.raw = {};
    return Result::End;
  }
  while (true) {
    Scan scan = scanRecord(record);
    if (scan == Scan::Record)
      return Result::Record;
    if (scan == Scan::Slow || end_ - position_ > kLongestRecord)
      return readSlowly(record, problem);
    refill(position_);
  }
}

[[gnu::always_inline]] inline void CsvScanner::loadWindow(std::size_t at) {
  StructuralBits bits = structuralBits(bytes_ + at, separator_);
  window_ = at;
  windowSeparators_ = bits.separators;
  windowStops_ = bits.stops;
  windowBits_ = bits.separators | bits.stops;
  windowNonAscii_ = bits.nonAscii;
  windowsNonAscii_ |= bits.nonAscii;
}

// Out of line: a record with more cells than the one before is rare.
[[gnu::noinline]] std::size_t CsvScanner::growCells(CsvRecordView& record) {
  std::size_t room = std::max<std::size_t>(8, 2 * record.cells.size());
  record.cells.resize(room);
  record.cellOffsets.resize(room);
  return room;
}

// Inlined into both callers: as a call it took 40 instructions a cell.
template <class AddCell>
[[gnu::always_inline]] inline std::size_t CsvScanner::plainRecordAt(std::size_t start,
                                                                    AddCell addCell) {
  const char* buffer = bytes_;
  // Also when there is no window (window_ is far past any position).
  if (start - window_ >= 64)
    loadWindow(start);
  // Bit i: byte `base + i`.
  std::size_t base = start;
  auto shift = static_cast<unsigned>(start - window_);
  std::uint64_t stops = windowStops_ >> shift;
  std::uint64_t separators = windowSeparators_ >> shift;
  std::size_t cellStart = start;
  while (stops == 0) {
    for (; separators != 0; separators &= separators - 1) {
      std::size_t separator = base + static_cast<unsigned>(std::countr_zero(separators));
      if (!addCell(cellStart, separator))
        return 0;
      cellStart = separator + 1;
    }
    // The bytes from end_ on are not the input's: their bits mean nothing.
    if (window_ + 64 >= end_)
      return 0;
    loadWindow(window_ + 64);
    base = window_;
    stops = windowStops_;
    separators = windowSeparators_;
  }
  std::size_t stop = base + static_cast<unsigned>(std::countr_zero(stops));
  // A blank line is skipped by next; a quote, and a stop past the bytes
  // read, take the full scan.
  if (stop == start || stop >= end_ || buffer[stop] == '"')
    return 0;
  std::size_t next = stop + 1;
  if (buffer[stop] == '\r') {
    // Whether an LF follows is not known yet: the full scan asks for more.
    if (next == end_ && !inputEnded_)
      return 0;
    next += next < end_ && buffer[next] == '\n';
  }
  if (next - start > kLongestRecord)
    return 0;
  separators &= (std::uint64_t{1} << (stop - base)) - 1;
  for (; separators != 0; separators &= separators - 1) {
    std::size_t separator = base + static_cast<unsigned>(std::countr_zero(separators));
    if (!addCell(cellStart, separator))
      return 0;
    cellStart = separator + 1;
  }
  if (!addCell(cellStart, stop))
    return 0;
  return next;
}

bool CsvScanner::scanPlainRecord(CsvRecordView& record) {
  const std::size_t start = position_;
  // Cells are written over those of the record before: as many nearly
  // always, so that no cell is pushed one by one.
  std::size_t room = record.cells.size();
  std::string_view* cells = record.cells.data();
  std::uint32_t* offsets = record.cellOffsets.data();
  std::size_t count = 0;
  std::size_t recordEnd = start; // without its line end: the last cell's end
  auto addCell = [&](std::size_t cellStart, std::size_t cellEnd) __attribute__((always_inline)) {
    if (count == room) [[unlikely]] {
      room = growCells(record);
      cells = record.cells.data();
      offsets = record.cellOffsets.data();
    }
    cells[count] = std::string_view(bytes_ + cellStart, cellEnd - cellStart);
    offsets[count] = static_cast<std::uint32_t>(cellStart - start);
    ++count;
    recordEnd = cellEnd;
    return true;
  };
  std::size_t next = plainRecordAt(start, addCell);
  if (next == 0)
    return false;
  if (count != room) {
    record.cells.resize(count);
    record.cellOffsets.resize(count);
  }
  record.line = line_;
  record.raw = std::string_view(bytes_ + start, recordEnd - start);
  ++line_;
  position_ = next;
  return true;
}

std::size_t CsvScanner::scanPlainRun(std::size_t cellsPerRecord, std::size_t most,
                                     PlainRun& run) {
  run.records = 0;
  run.bytes = bytes_;
  run.firstLine = line_;
  run.cellsPerRecord = cellsPerRecord;
  // Positions are kept in 32 bits: a block or a chunk is far smaller.
  if (!started_ || end_ > std::numeric_limits<std::uint32_t>::max() || cellsPerRecord == 0)
    return 0;
  if (run.cells.size() < most * cellsPerRecord) {
    run.cells.resize(most * cellsPerRecord);
    run.ends.resize(most);
  }
  PlainRun::Cell* cells = run.cells.data();
  std::size_t position = position_;
  // Whether the windows the run's bytes lie in hold a byte that is not
  // ASCII: the window at hand, and those plainRecordAt loads.
  if (position - window_ >= 64)
    loadWindow(position);
  windowsNonAscii_ = windowNonAscii_;
  std::size_t records = 0;
  for (; records < most; ++records) {
    PlainRun::Cell* record = cells + records * cellsPerRecord;
    std::size_t count = 0;
    auto addCell = [&](std::size_t cellStart,
                       std::size_t cellEnd) __attribute__((always_inline)) {
      if (count == cellsPerRecord)
        return false;
      record[count++] = {static_cast<std::uint32_t>(cellStart),
                         static_cast<std::uint32_t>(cellEnd)};
      return true;
    };
    std::size_t next = plainRecordAt(position, addCell);
    if (next == 0 || count != cellsPerRecord)
      break;
    run.ends[records] = static_cast<std::uint32_t>(next);
    position = next;
  }
  run.records = records;
  run.ascii = windowsNonAscii_ == 0;
  return records;
}

void CsvScanner::takeRun(const PlainRun& run, std::size_t records) {
  if (records == 0)
    return;
  position_ = run.ends[records - 1];
  line_ = run.firstLine + records;
}

// Inlined: it runs once or twice per cell.
[[gnu::always_inline]] inline const char* CsvScanner::nextStructural(const char* from,
                                                                     const char* end) {
  const char* buffer = bytes_;
  auto at = static_cast<std::size_t>(from - buffer);
  auto stop = static_cast<std::size_t>(end - buffer);
  while (at < stop) {
    if (at < window_ || at >= window_ + 64)
      loadWindow(at);
    std::uint64_t bits = windowBits_ >> (at - window_);
    if (bits != 0)
      return buffer + std::min(at + static_cast<std::size_t>(std::countr_zero(bits)), stop);
    at = window_ + 64;
  }
  return end;
}

CsvScanner::Scan CsvScanner::scanRecord(CsvRecordView& record) {
  const char* buffer = bytes_;
  const char* start = buffer + position_;
  const char* end = buffer + end_;
  record.cells.clear();
  record.cellOffsets.clear();
  copies_.clear();
  copiedCells_.clear();
  copyOffsets_.clear();
  std::uint64_t lines = 0;
  const char* at = start;
  const char* contentEnd = nullptr;
  while (true) {
    record.cellOffsets.push_back(static_cast<std::uint32_t>(at - start));
    if (at < end && *at == '"') {
      const char* text = at + 1;
      const char* close = nullptr;
      bool doubled = false;
      for (const char* from = text;;) {
        auto quote = static_cast<const char*>(std::memchr(from, '"', end - from));
        if (quote == nullptr)
          return inputEnded_ ? Scan::Slow : Scan::NeedMore;
        if (quote + 1 == end && !inputEnded_)
          return Scan::NeedMore;
        if (quote + 1 < end && quote[1] == '"') {
          doubled = true;
          from = quote + 2;
          continue;
        }
        close = quote;
        break;
      }
      lines += lineEndsIn(text, close);
      if (doubled) {
        std::size_t offset = copies_.size();
        for (const char* c = text; c < close; ++c) {
          copies_ += *c;
          c += *c == '"';
        }
        copiedCells_.push_back(record.cells.size());
        copyOffsets_.push_back(static_cast<std::uint32_t>(offset));
        record.cells.emplace_back(copies_.data(), copies_.size() - offset); // placed below
      } else {
        record.cells.emplace_back(text, static_cast<std::size_t>(close - text));
      }
      at = close + 1;
      if (at < end && *at == separator_) {
        ++at;
        continue;
      }
      if (at < end && !atLineEnd(*at))
        return Scan::Slow;
      contentEnd = at;
      break;
    }
    const char* stop = nextStructural(at, end);
    if (stop == end && !inputEnded_)
      return Scan::NeedMore;
    if (stop < end && *stop == '"')
      return Scan::Slow;
    record.cells.emplace_back(at, static_cast<std::size_t>(stop - at));
    at = stop;
    if (at < end && *at == separator_) {
      ++at;
      continue;
    }
    contentEnd = at;
    break;
  }
  const char* next = contentEnd;
  if (next < end) {
    if (*next == '\r' && next + 1 == end && !inputEnded_)
      return Scan::NeedMore;
    next += *next == '\r' && next + 1 < end && next[1] == '\n' ? 2 : 1;
    ++lines;
  }
  if (static_cast<std::size_t>(next - start) > kLongestRecord)
    return Scan::Slow;
  for (std::size_t i = 0; i < copiedCells_.size(); ++i) {
    std::string_view& cell = record.cells[copiedCells_[i]];
    cell = std::string_view(copies_.data() + copyOffsets_[i], cell.size());
  }
  record.raw = std::string_view(start, static_cast<std::size_t>(contentEnd - start));
  line_ += lines;
  position_ = static_cast<std::size_t>(next - buffer);
  return Scan::Record;
}

// The rules of the reader slac had before this one (kept as the reference
// of tests/ingest/CsvPropertyTest.cpp), byte by byte.
CsvScanner::Result CsvScanner::readSlowly(CsvRecordView& record, Problem& problem) {
  column_ = 1;
  raw_.clear();
  rawLength_ = 0;
  record.cells.clear();
  record.cellOffsets.clear();
  copies_.clear();
  std::vector<std::size_t> cellEnds;
  auto keepRaw = [&] {
    if (rawLength_ > kLongestRecord)
      raw_.resize(kKeptOfRawRecord);
    while (!raw_.empty() && atLineEnd(raw_.back()))
      raw_.pop_back();
    record.raw = raw_;
  };
  auto malformed = [&](std::string why) {
    problem = {std::move(why), record.line, column_, false};
    skipRestOfLine();
    keepRaw();
    return Result::Malformed;
  };
  auto refused = [&](std::string why, std::uint64_t line, std::uint64_t column) {
    problem = {std::move(why), line, column, true};
    keepRaw();
    return Result::Malformed;
  };
  while (true) {
    std::size_t cellOffset = rawLength_;
    std::size_t cellStart = copies_.size();
    if (peek() == '"') {
      std::uint64_t openLine = line_;
      std::uint64_t openColumn = column_;
      get();
      int previous = '"';
      while (true) {
        int c = get();
        if (c == kEnd) {
          // On the last line, only that record is lost; over several, the
          // records of every line after the quote are.
          std::uint64_t lastLine = atLineEnd(previous) ? line_ - 1 : line_;
          if (lastLine == openLine)
            return malformed("a quoted cell is not closed: a `\"` is missing");
          return refused("this quote is never closed: every line after it up to the end of "
                         "the file would be one cell; a `\"` is missing or stray",
                         openLine, openColumn);
        }
        previous = c;
        if (c == '"') {
          if (peek() != '"')
            break;
          get();
        }
        if (rawLength_ <= kLongestRecord)
          copies_ += static_cast<char>(c);
      }
      int after = peek();
      if (after != separator_ && !atLineEnd(after) && after != kEnd) {
        if (line_ != openLine)
          return refused(fmt::format("the quoted cell opened here spans lines {} to {} and then "
                                     "goes on after its closing `\"`; a `\"` is missing or "
                                     "stray, so the records of these lines cannot be told apart",
                                     openLine, line_),
                         openLine, openColumn);
        return malformed(fmt::format("a quoted cell must end at a {} or the end of the line",
                                     separatorSpelling()));
      }
    } else {
      for (int c = peek(); c != separator_ && !atLineEnd(c) && c != kEnd; c = peek()) {
        if (c == '"')
          return malformed("a `\"` inside an unquoted cell; quote the cell and double the `\"`");
        get();
        if (rawLength_ <= kLongestRecord)
          copies_ += static_cast<char>(c);
      }
    }
    // A record too long keeps no cells, however many it goes on to have.
    if (rawLength_ <= kLongestRecord) {
      record.cellOffsets.push_back(static_cast<std::uint32_t>(cellOffset));
      cellEnds.push_back(copies_.size());
    } else {
      copies_.resize(cellStart);
    }
    int c = get();
    if (c == separator_)
      continue;
    if (c == '\r' && peek() == '\n')
      get();
    break;
  }
  keepRaw();
  if (rawLength_ > kLongestRecord) {
    record.cellOffsets.clear();
    problem = {
        fmt::format("the record is longer than 1 MiB ({} bytes); it is skipped whole", rawLength_),
        record.line, 1, false};
    return Result::Malformed;
  }
  std::size_t begin = 0;
  for (std::size_t end : cellEnds) {
    record.cells.emplace_back(copies_.data() + begin, end - begin);
    begin = end;
  }
  return Result::Record;
}

} // namespace slac::ingest
