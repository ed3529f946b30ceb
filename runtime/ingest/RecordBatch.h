#pragma once

// Measurements as the evaluators read them: the records of one stream in
// columnar batches, one column per field of the stream's schema
// (plan::Stream::fields, same order), values already converted to the
// plan's representation (plan/Expr.h, ConstantValue):
//
//   Bool                      bools: 0 or 1, a byte each (a kernel streams
//                             an eighth of what a 64-bit cell costs it,
//                             and takes the byte as its truth: any other
//                             value is undefined)
//   Int                       integers
//   Duration, Time            integers: microseconds (Time: UTC since epoch)
//   Date                      integers: days since 1970-01-01
//   Enum                      integers: the case's index in its enum
//   Percent                   integers: millionths of a percent (99.5% is
//                             99'500'000), exact for up to 6 decimals
//   Money                     integers: millionths of the field's currency
//                             (12.50 EUR is 12'500'000), exact for up to 6
//                             decimals; a currency column (format
//                             CurrencyColumn) holds 0
//   Number                    integers x 10^exponents: the exact decimal
//                             as written (at most 18 significant digits,
//                             exponents -18 to 18)
//   String                    strings, or for a field records are
//                             grouped by (`per`), codes and texts (below)
//
// An optional field has `present` (1 set, 0 unset, nothing else: a
// kernel relies on it) for every row; a required field leaves it empty. Unset rows hold 0 / "".

#include "plan/Plan.h"

#include <cstdint>
#include <string>
#include <vector>

namespace slac::ingest {

struct Column {
  std::vector<std::int64_t> integers;
  std::vector<std::uint8_t> bools;
  std::vector<std::int8_t> exponents;
  std::vector<std::string> strings; // a text per row, unless coded
  std::vector<std::uint8_t> present;
  // Texts the reader numbered (TextCodes): a code per row, and the text of
  // each code. Rows with one code hold one text (rows with different codes
  // may still hold equal texts: the rows of two chunks). A column is coded
  // as long as its batch has few distinct texts, so that grouping its rows
  // compares numbers and the texts are kept once, not once per row.
  std::vector<std::uint32_t> codes;
  std::vector<std::string> texts; // by code

  bool coded() const { return !codes.empty(); }
  std::uint32_t codeCount() const { return static_cast<std::uint32_t>(texts.size()); }
  const std::string& text(std::size_t row) const {
    return coded() ? texts[codes[row]] : strings[row];
  }
  // Back to a text per row: the coded rows' texts, then the strings the
  // column held besides (a record's, not yet coded).
  void uncode() {
    std::vector<std::string> rows;
    rows.reserve(codes.size() + strings.size());
    for (std::uint32_t code : codes)
      rows.push_back(texts[code]);
    for (std::string& text : strings)
      rows.push_back(std::move(text));
    strings = std::move(rows);
    codes.clear();
    texts.clear();
  }

  // A whole-number cell (every type but Number and String) as a 64-bit
  // integer, a bool's too.
  std::int64_t whole(std::size_t row) const { return bools.empty() ? integers[row] : bools[row]; }

  void clear() {
    integers.clear();
    bools.clear();
    exponents.clear();
    strings.clear();
    present.clear();
    codes.clear();
    texts.clear();
  }
};

struct RecordBatch {
  std::uint32_t stream = 0; // index in plan::Program::streams
  std::uint32_t source = 0; // which input of the run it came from (the caller's numbering)
  std::vector<Column> columns;
  // The 1-based line of each row in its input, for errors found later
  // (an event time outside the agreement, responded before opened).
  std::vector<std::uint64_t> lines;

  std::size_t size() const { return lines.size(); }
};

// Where a bad value is: file (as given), 1-based line and column (columns
// count code points; for NDJSON the column of the value in the line).
struct DataLocation {
  std::string file;
  std::uint64_t line = 0;
  std::uint64_t column = 0;
};

// One rejected record, or a problem with the whole input (a missing
// column: line 1, no record).
struct DataError {
  DataLocation where;
  // A stable reason, counted per kind in reports: `missing_column`,
  // `malformed_record` (CSV quoting, invalid JSON, wrong number of cells),
  // `invalid_value` (a value that does not parse as its field's type),
  // `missing_value` (a required field left empty or null), `malformed_file`
  // (quoting that makes the records impossible to tell apart, compressed
  // data that is corrupt or cut short).
  std::string reason;
  std::string field;   // the field concerned, if any
  std::string message; // what was found and what was expected
  std::string record;  // the raw record (one CSV record or NDJSON line)
  // Nothing more can be read from the file (`missing_column`,
  // `malformed_file`), whatever the handler says.
  bool stopsReading = false;
};

// A record accepted by the reader and refused by whoever took it (the
// evaluator: an event time outside the agreements, an end before its
// start): its row in the batch it came in, and why.
struct RowRefusal {
  std::size_t row = 0;
  DataError error;
};

} // namespace slac::ingest
