#pragma once

// The spellings nearly all data uses, converted without the general rules
// of convertValue (FieldValue.h): RFC 3339 instants with `Z` or a fixed
// offset, epoch integers, whole numbers of a duration's unit (`as ms`),
// `true`/`false`, integers, plain decimals and
// percents, amounts with or without their currency (`12.50 EUR`), the
// code of a currency column, `YYYY-MM-DD` dates, enum cases as declared,
// ASCII strings.
// A text in another shape, or one that is wrong, is not converted here:
// convertValue then gives the same value or the error, so that the fast
// path never changes what a record means, only how soon it is known.

#include "ingest/CsvScanner.h"
#include "ingest/FieldValue.h"
#include "ingest/TextCodes.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace slac::ingest {

class CommonSpelling {
public:
  // Chosen once per field and input (the spelling's decimal mark applies).
  // Not `kept`: the field's values are checked but appended nowhere (a
  // field the evaluation does not read).
  CommonSpelling(const plan::Program& program, const plan::Field& field,
                 const FieldSpelling& spelling, bool kept = true);

  // True, with the value appended to the field's `column` (without its
  // `present` flag) if it is kept, when the non-empty `text` is a value of
  // the field in its common shape; false, with `column` untouched, leaves
  // the work to convertValue.
  bool append(std::string_view text, Column& column) const;

  // A text field records are grouped by: its texts are appended as codes
  // from `codes` (the batch's) while the column is coded (RecordBatch.h),
  // without a string per record.
  void codeTextsWith(TextCodes& codes) { codes_ = &codes; }

  // The common case of a whole CSV record at once: appends field i's value
  // from cells[cellOfField[i]], and its `present` flag if it is optional,
  // for i = 0, 1, ... as long as the cell is non-empty and in its common
  // shape. Returns how many fields were appended (`fields` when all were);
  // the caller converts the others from the first not appended on. One
  // call per record, not one per cell.
  static std::size_t appendRecord(const CommonSpelling* spellings, std::size_t fields,
                                  const std::string_view* cells, const std::size_t* cellOfField,
                                  Column* columns);

  // Appends the values of cell `cell` of the first `rows` records of
  // `run` (with their `present` flags, if the field is optional) as
  // append does, and an optional field's empty cells unset, up to the
  // first value that is not in its common shape: how many it appended.
  // One dispatch per column, not per value.
  std::size_t appendCells(const PlainRun& run, std::size_t cell, std::size_t rows,
                          Column& column) const;
  // Whether appendRecord can append any value of the field at all (false
  // for a field whose spelling is never the common one, as a time in a
  // format of its own).
  bool hasCommonShape() const { return shape_ != Shape::None; }
  // Whether the field's texts are coded (codeTextsWith).
  bool codesTexts() const { return codes_ != nullptr; }

  // The minute of the last instant a field read in the common shape, by
  // the 16 bytes that spell it (`2026-03-01T08:00`): records in time order
  // repeat them, and an instant of the same minute is then its seconds
  // away. Zeros match no text (a valid one starts with a digit).
  struct MinuteMemo {
    std::uint64_t low = 0, high = 0; // the bytes, as loaded
    std::int64_t micros = 0;         // the minute's start, UTC
  };

private:
  enum class Shape : std::uint8_t {
    None,
    Instant,
    Epoch,
    WholeUnits,
    Bool,
    Int,
    Number,
    Percent,
    Money,
    CurrencyCode,
    Date,
    Enum,
    Text
  };

  // Inlined into appendRecord's loop (as a call, reading the tickets with
  // their two enum columns took 2.6 % longer on one thread).
  [[gnu::always_inline]] inline bool enumCase(std::string_view text, std::int64_t& index) const;
  // Appends an ASCII text of a text field.
  [[gnu::always_inline]] inline bool appendAsciiText(std::string_view text, Column& column) const;
  // append's body for one shape, inlined where it is called.
  template <Shape kShape>
  [[gnu::always_inline]] inline bool appendAs(std::string_view text, Column& column) const;
  template <class Apply> [[gnu::always_inline]] inline decltype(auto) withShape(Apply apply) const;
  template <Shape kShape>
  [[gnu::noinline]] std::size_t appendCellsAs(const PlainRun& run, std::size_t cell,
                                              std::size_t rows, Column& column) const;
  // append's body, inlined into appendRecord's loop.
  [[gnu::always_inline]] inline bool appendInline(std::string_view text, Column& column) const;

  Shape shape_ = Shape::None;
  bool kept_ = true;
  bool optional_ = false;
  TextCodes* codes_ = nullptr;  // the batch's, for a field records are grouped by
  bool appendsPresent_ = false; // optional and kept
  char decimalMark_ = '.';
  int epochDigits_ = 0;         // an epoch's decimals: 10^epochDigits units in a µs count
  std::int64_t unitMicros_ = 1; // a duration `as ms`, `as s`, ...: one unit's µs
  // An enum's spellings, each with its case: those of up to 8 bytes as one
  // word (zero-padded) and their size, compared without a call; the
  // others as written.
  struct ShortSpelling {
    std::uint64_t word;
    std::uint32_t size;
    std::uint32_t index;
  };
  std::vector<ShortSpelling> shortSpellings_;
  std::vector<std::pair<std::string, std::uint32_t>> longSpellings_;
  std::string currency_; // a money field's code
  // An instant field's (a reader's own: one thread reads with it).
  mutable MinuteMemo minute_;
};

} // namespace slac::ingest
