#pragma once

// The NDJSON line reader slac had before the fast one (issue 14), kept as
// the reference of the property test: splits NDJSON into lines (ended by
// LF, CRLF or a lone CR) byte by byte, with each line's length bounded (a
// longer line is malformed and skipped without being kept) and blank lines
// skipped.

#include <cstdint>
#include <istream>
#include <string>

namespace slac::testing {

class NdjsonLineReader {
public:
  static constexpr std::size_t kLongestLine = 1 << 20;

  explicit NdjsonLineReader(std::istream& input) : input_(*input.rdbuf()) {}

  enum class Result { Line, End, TooLong };
  // The next non-blank line, without its line end.
  Result next(std::string& line, std::uint64_t& lineNumber);

  // The line being read, or the last one read (0 before the first).
  std::uint64_t line() const { return line_; }

private:
  std::streambuf& input_;
  std::uint64_t line_ = 0;
};

} // namespace slac::testing
