#pragma once

// The reference CSV reader of the property test (CsvPropertyTest.cpp): the
// reader slac had before ingest/CsvScanner.h, kept as it was.
//
// Splits CSV text (RFC 4180, with another separator on request) into
// records, streaming: quoted cells with
// doubled quotes, separators and line breaks inside quotes, LF, CRLF or
// CR-only line ends, an optional UTF-8 byte order mark, blank lines
// skipped. A record keeps the line where it starts and the column (in code
// points) where each cell starts, for errors.
//
// Every physical record is accounted for: a malformed record is skipped to
// its real end (its quotes still followed, so that a line break inside a
// quoted cell never starts a record), and when quoting makes the records
// impossible to tell apart (a quote left open to the end of the file, or a
// quoted cell spanning lines that then ends badly) the file is refused.

#include <cstdint>
#include <fmt/format.h>
#include <istream>
#include <string>
#include <vector>

namespace slac::testing {

struct CsvRecord {
  std::uint64_t line = 0;
  std::vector<std::string> cells;
  std::vector<std::uint64_t> columns;
  // The record as written, for a rejects file: at most kKeptOfRawRecord
  // bytes of a record that is too long.
  std::string raw;
};

class CsvRecordReader {
public:
  // Records longer than this are malformed; they are read to their end
  // without being kept, so that memory stays bounded whatever the input.
  static constexpr std::size_t kLongestRecord = 1 << 20;
  // How much of a record too long to keep is kept, to show it.
  static constexpr std::size_t kKeptOfRawRecord = 1 << 10;

  // `separator` is `,`, `;`, a tab or `|` (the stream's `csv separator`).
  CsvRecordReader(std::istream& input, char separator)
      : input_(*input.rdbuf()), separator_(separator) {}

  struct Problem {
    std::string message;
    std::uint64_t line = 0;
    std::uint64_t column = 0;
    // The file cannot be split into records past this point.
    bool refusesFile = false;
  };

  enum class Result { Record, End, Malformed };
  // On Malformed, `problem` says why and where; unless it refuses the file,
  // reading can go on with the next record.
  Result next(CsvRecord& record, Problem& problem);

private:
  int get();
  int peek() { return input_.sgetc(); }
  bool atLineEnd(int c) const { return c == '\n' || c == '\r'; }
  std::string separatorSpelling() const {
    return separator_ == '\t' ? "tab" : fmt::format("`{}`", separator_);
  }
  void skipRestOfLine();

  std::streambuf& input_;
  char separator_;
  std::uint64_t line_ = 1;
  std::uint64_t column_ = 1;
  bool started_ = false;
  std::string raw_;
  std::size_t rawLength_ = 0; // of the current record, kept or not
};

} // namespace slac::testing
