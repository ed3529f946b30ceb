#pragma once

// Splits CSV text into records, streaming: RFC 4180 quoting (doubled
// quotes, separators and line breaks inside quotes), another separator on
// request, LF, CRLF or lone CR line ends, an optional UTF-8 byte order
// mark, blank lines skipped. A record keeps the line where it starts and
// the column (in code points) where each cell starts, for errors.
//
// Every physical record is accounted for: a malformed record is skipped to
// its real end (its quotes still followed, so that a line break inside a
// quoted cell never starts a record), a record over kLongestRecord is read
// to its end and rejected whole, and when quoting makes the records
// impossible to tell apart (a quote left open to the end of the file, or a
// quoted cell spanning lines that then ends badly) the file is refused.
//
// Fast: the input is read in large
// blocks, cells are found a word or a vector register at a time and come
// out as views into the block, without a copy or an allocation. Only a
// quoted cell with doubled quotes is copied (its quotes undoubled).
//
// A record that is well formed and fits in the block takes the fast path;
// anything else (a bad quote, a record too long, the end of the input in a
// quote) is read again from its start byte by byte, by the rules of the
// reader slac had before (tests/ingest/CsvRecordReader.h, the reference of
// the property test), so that problems and their places are exactly its own.
//
// Memory: one buffer of kLongestRecord + kBlock bytes (and a few more),
// whatever the input.

#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace slac::ingest {

// One record; its views stay valid until the next call to CsvScanner::next.
struct CsvRecordView {
  std::uint64_t line = 0;
  std::vector<std::string_view> cells;
  // Where each cell starts in `raw` (bytes): its column is computed only
  // when an error needs it.
  std::vector<std::uint32_t> cellOffsets;
  // The record as written without its line end; at most kKeptOfRawRecord
  // bytes of a record that is too long.
  std::string_view raw;

  // The 1-based column (in code points) where cell `cell` starts.
  std::uint64_t columnOf(std::size_t cell) const;
};

// The cells of consecutive plain records (CsvScanner::scanPlainRun), as
// positions in `bytes`: record r's cell c is cells[r * cellsPerRecord + c].
// Valid until the scanner reads on.
struct PlainRun {
  struct Cell {
    std::uint32_t start, end;
  };
  const char* bytes = nullptr;
  std::uint64_t firstLine = 0;
  std::size_t cellsPerRecord = 0;
  std::size_t records = 0;
  // Every byte of the records is ASCII (false may be said of a run that is).
  bool ascii = false;
  std::vector<Cell> cells;
  std::vector<std::uint32_t> ends; // where the record after each starts

  std::string_view text(std::size_t record, std::size_t cell) const {
    const Cell& at = cells[record * cellsPerRecord + cell];
    return {bytes + at.start, at.end - at.start};
  }
};

class CsvScanner {
public:
  static constexpr std::size_t kLongestRecord = 1 << 20;
  static constexpr std::size_t kKeptOfRawRecord = 1 << 10;
  // How much is read from the input at a time (at most): small enough that
  // the bytes just read are still in the core's cache when they are split.
  static constexpr std::size_t kBlock = 1 << 17;
  // Readable bytes needed past the input's last: the scanner reads 64
  // bytes at a time from any place before it.
  static constexpr std::size_t kPadding = 64;

  // `separator` is `,`, `;`, a tab or `|`. `input` must outlive the scanner.
  // `block` is how much is read at a time: tests make it tiny, to cut
  // records at every place.
  CsvScanner(std::istream& input, char separator, std::size_t block = kBlock);

  struct Problem {
    std::string message;
    std::uint64_t line = 0;
    std::uint64_t column = 0;
    // The file cannot be split into records past this point.
    bool refusesFile = false;
  };

  enum class Result { Record, End, Malformed };
  // On Malformed, `problem` says why and where (and `record.raw` holds the
  // record); unless it refuses the file, reading can go on.
  Result next(CsvRecordView& record, Problem& problem) {
    if (started_ && scanPlainRecord(record))
      return Result::Record;
    return nextByFullScan(record, problem);
  }

  // Up to `most` records from the read position on that scanPlainRecord
  // would take, each of exactly `cellsPerRecord` cells, without taking
  // them: the reader converts them column by column (StreamReader) and
  // takes those it could with takeRun. Their number.
  std::size_t scanPlainRun(std::size_t cellsPerRecord, std::size_t most, PlainRun& run);
  // Reading goes on after the first `records` records of `run`, the last
  // run scanned.
  void takeRun(const PlainRun& run, std::size_t records);

  // The line reading has reached: where the next record starts.
  std::uint64_t line() const { return line_; }

  // Reads `input` from now on as the part of a file from line `line` on,
  // which starts at a record boundary (ChunkCutter): with a byte order mark
  // only `atFileStart`.
  void restart(std::streambuf& input, std::uint64_t line, bool atFileStart);
  // The same for a part held in memory, followed by at least kPadding
  // readable bytes: it is split where it lies, without a copy (its views
  // point into it), and must outlive the records read from it.
  void restart(std::string_view bytes, std::uint64_t line, bool atFileStart);

private:
  enum class Scan { Record, NeedMore, Slow };
  void startAt(std::uint64_t line, bool atFileStart);
  // next for anything scanPlainRecord does not take.
  Result nextByFullScan(CsvRecordView& record, Problem& problem);
  // A record of unquoted cells whose line end is in the bytes read (nearly
  // every record): its cells taken from the windows' masks in one pass.
  // False, the position unchanged, for any other (the full scan then
  // reads it and sets its cells).
  bool scanPlainRecord(CsvRecordView& record);
  // The plain record from `start`, its cells given to addCell(start, end)
  // in order: the position after its line end, or 0 when it is not plain
  // or addCell returns false.
  template <class AddCell> std::size_t plainRecordAt(std::size_t start, AddCell addCell);
  static std::size_t growCells(CsvRecordView& record);
  Scan scanRecord(CsvRecordView& record);
  void loadWindow(std::size_t at);
  // The first separator, quote or line end in [from, end), or `end`.
  const char* nextStructural(const char* from, const char* end);
  Result readSlowly(CsvRecordView& record, Problem& problem);
  void readByteOrderMark(CsvRecordView& record, Problem& problem, bool& malformed);
  void skipBlankLines();

  // Keeps the bytes from `keepFrom` on, moves them to just before readAt_
  // and reads more after them; false when the input has nothing more.
  bool refill(std::size_t keepFrom);
  // The byte at the read position without taking it (the input's end: -1).
  int peek();
  // Takes one byte, as the byte-at-a-time reader did: line, column and raw
  // text follow it.
  int get();
  void skipRestOfLine();
  std::string separatorSpelling() const;

  std::streambuf* input_;
  char separator_;
  std::size_t block_;
  // Room for a record, a block and a tail that vector loads may read.
  std::unique_ptr<char[]> buffer_;
  // What positions count from: buffer_, or the bytes read in place.
  const char* bytes_;
  // Where blocks are read (ReadPlacement.h), after room for a record.
  std::size_t readAt_;
  std::size_t position_ = 0; // the next byte to read
  std::size_t end_ = 0;      // of the bytes read
  bool inputEnded_ = false;
  bool inPlace_ = false;
  // Where separators, quotes and line ends are in the 64 bytes from
  // buffer position window_ (bit i: byte window_ + i), found 16 at a time
  // and reused by the cells and records that follow: separators; quotes
  // and line ends (stops); all three.
  static constexpr std::size_t kNoWindow = std::size_t{1} << 62;
  std::size_t window_ = kNoWindow;
  std::uint64_t windowSeparators_ = 0;
  std::uint64_t windowStops_ = 0;
  std::uint64_t windowBits_ = 0;
  // Not 0 when a byte is not ASCII: in the window; in the windows loaded
  // since scanPlainRun began (and the one it began in).
  std::uint32_t windowNonAscii_ = 0;
  std::uint32_t windowsNonAscii_ = 0;
  bool started_ = false;
  std::uint64_t line_ = 1;
  // Of the byte-at-a-time path only.
  std::uint64_t column_ = 1;
  std::string raw_;
  std::size_t rawLength_ = 0;
  // Cells that are not views into the buffer: undoubled quotes, or every
  // cell of a record read byte at a time.
  std::string copies_;
  std::vector<std::size_t> copiedCells_;
  std::vector<std::uint32_t> copyOffsets_;
};

} // namespace slac::ingest
