#pragma once

// The spellings nearly all data uses, converted without the general rules
// of convertValue (FieldValue.h): RFC 3339 instants with `Z` or a fixed
// offset, epoch integers, `true`/`false`, integers, plain decimals and
// percents, amounts with or without their currency (`12.50 EUR`), the
// code of a currency column, `YYYY-MM-DD` dates, enum cases as declared,
// ASCII strings.
// A text in another shape, or one that is wrong, is not converted here:
// convertValue then gives the same value or the error, so that the fast
// path never changes what a record means, only how soon it is known.

#include "ingest/FieldValue.h"

#include <string>
#include <string_view>
#include <vector>

namespace slac::ingest {

class CommonSpelling {
public:
  // Chosen once per field and input (the spelling's decimal mark applies).
  CommonSpelling(const plan::Program& program, const plan::Field& field,
                 const FieldSpelling& spelling);

  // True, with the value appended to the field's `column` (without its
  // `present` flag), when the non-empty `text` is a value of the field in
  // its common shape; false, with `column` untouched, leaves the work to
  // convertValue.
  bool append(std::string_view text, Column& column) const;

private:
  enum class Shape : std::uint8_t {
    None,
    Instant,
    Epoch,
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

  bool enumCase(std::string_view text, std::int64_t& index) const;

  Shape shape_ = Shape::None;
  char decimalMark_ = '.';
  int epochDigits_ = 0; // an epoch's decimals: 10^epochDigits units in a µs count
  const plan::Enum* enum_ = nullptr;
  std::string currency_; // a money field's code
};

} // namespace slac::ingest
