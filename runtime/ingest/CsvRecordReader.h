#pragma once

// Splits CSV text (RFC 4180) into records, streaming: quoted cells with
// doubled quotes, separators and line breaks inside quotes, LF or CRLF line
// ends, an optional UTF-8 byte order mark, blank lines skipped. A record
// keeps the line where it starts and the column (in code points) where each
// cell starts, for errors.

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace slac::ingest {

struct CsvRecord {
  std::uint64_t line = 0;
  std::vector<std::string> cells;
  std::vector<std::uint64_t> columns;
  std::string raw; // the record as written, for a rejects file
};

class CsvRecordReader {
public:
  // Records longer than this are malformed (and skipped to the next line),
  // so that memory stays bounded whatever the input.
  static constexpr std::size_t kLongestRecord = 1 << 20;

  explicit CsvRecordReader(std::istream& input) : input_(*input.rdbuf()) {}

  enum class Result { Record, End, Malformed };
  // On Malformed, `problem` says why and `record.line`, `problemColumn`
  // where; reading can go on with the next record.
  Result next(CsvRecord& record, std::string& problem, std::uint64_t& problemColumn);

private:
  int get();
  int peek() { return input_.sgetc(); }
  void skipRestOfLine();

  std::streambuf& input_;
  std::uint64_t line_ = 1;
  std::uint64_t column_ = 1;
  bool started_ = false;
  std::string raw_;
};

} // namespace slac::ingest
