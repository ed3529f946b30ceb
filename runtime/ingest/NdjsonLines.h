#pragma once

// Splits NDJSON into lines (ended by LF, CRLF or a lone CR), streaming:
// blank lines (spaces and tabs only) are skipped, and a line longer than
// kLongestLine is reported, not kept. The rules are those of the reader
// slac had before (tests/ingest/NdjsonLineReader.h, the property test's
// reference).
//
// Fast: the input is read in large blocks and a line comes out as a view
// into the block, found 16 bytes at a time, without a copy. A line is
// followed in memory by at least kPadding readable bytes, so that the JSON
// parser (simdjson, which reads ahead in whole registers) can parse it
// where it lies.
//
// Memory: one buffer of kLongestLine + block + kPadding bytes (and a few
// more).

#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

namespace slac::ingest {

class NdjsonLines {
public:
  static constexpr std::size_t kLongestLine = 1 << 20;
  // Of a line that is too long, the start kept for the rejects file.
  static constexpr std::size_t kKeptOfLongLine = 200;
  static constexpr std::size_t kBlock = 1 << 17;
  // At least simdjson's SIMDJSON_PADDING (64 in simdjson 3).
  static constexpr std::size_t kPadding = 64;

  // `input` must outlive the reader. `block` is how much is read at a
  // time: tests make it tiny, to cut lines at every place.
  explicit NdjsonLines(std::istream& input, std::size_t block = kBlock);

  enum class Result { Line, End, TooLong };
  // The next non-blank line without its line end, valid until the next
  // call; on TooLong, its first kKeptOfLongLine bytes.
  Result next(std::string_view& line, std::uint64_t& lineNumber);

  // The line being read, or the last one read (0 before the first).
  std::uint64_t line() const { return line_; }

  // Reads `input` from now on as the part of a file that starts with line
  // `firstLine` (ChunkCutter).
  void restart(std::streambuf& input, std::uint64_t firstLine);
  // The same for a part held in memory, followed by at least kPadding
  // spaces: its lines are views into it (no copy), and it must outlive them.
  void restart(std::string_view bytes, std::uint64_t firstLine);

  // The bytes read after `line` (the last line returned, as it lies in the
  // buffer): its line end, whole lines and the start of one; at least
  // kPadding readable bytes follow them. Valid until version() changes.
  std::string_view readAfter(std::string_view line) const {
    const char* from = line.data() + line.size();
    return std::string_view(from, static_cast<std::size_t>(bytes_ + end_ - from));
  }
  // Changes whenever the bytes read move in the buffer (and views into it
  // from before no longer hold).
  std::uint64_t version() const { return version_; }

private:
  // The first LF or CR in [from, end), or `end`.
  const char* nextLineEnd(const char* from, const char* end) const;
  // Keeps the bytes from `keepFrom` on, moves them to just before readAt_
  // and reads more after them; false when the input has nothing more.
  bool refill(std::size_t keepFrom);
  // Skips the rest of a line that is too long, up to and with its end.
  void skipRestOfLine();

  std::streambuf* input_;
  std::size_t block_;
  std::size_t capacity_; // of the buffer, its padding included
  std::unique_ptr<char[]> buffer_;
  // What positions count from: buffer_, or the bytes read in place.
  const char* bytes_;
  // Where blocks are read (ReadPlacement.h), after room for a line.
  std::size_t readAt_;
  std::size_t position_ = 0; // the next byte to read
  std::size_t end_ = 0;      // of the bytes read
  bool inputEnded_ = false;
  bool inPlace_ = false;
  std::uint64_t version_ = 0;
  std::uint64_t line_ = 0;
  std::string longLine_; // the start of a line that is too long
};

} // namespace slac::ingest
