#pragma once

// Converting one value of the data — a CSV cell, or a JSON value written as
// text — to the representation of its field (ingest/RecordBatch.h). The
// spellings are the language's own where it has one (`250ms`, `99.5%`,
// `2026-03-01T08:00:00+01:00`, decimals), so a value reads the same in a
// .sla file and in its data.

#include "ingest/RecordBatch.h"
#include "plan/TimeFormat.h"
#include "values/Zone.h"

#include <optional>
#include <string>
#include <string_view>

namespace slac::ingest {

// A value converted but not yet stored, so that a record with one bad
// field leaves no trace in the batch.
struct FieldValue {
  bool set = true;
  std::int64_t integer = 0; // a number's significand
  std::int8_t exponent = 0; // a number: integer x 10^exponent
  std::string text;
};

// How one field's values are written, prepared once per input from the
// plan: the time formats to try, the zone of local times, the decimal mark.
struct FieldSpelling {
  // A time field's pattern, or with a zone and no pattern the offset-less
  // `2026-03-01 08:00[:00]` forms; empty: RFC 3339 only.
  std::vector<plan::TimeFormat> timeFormats;
  const values::Zone* localZone = nullptr;
  char decimalMark = '.'; // `,` for a CSV stream that says `decimal ","`
};

// Nothing and why when the field's zone is not in this machine's tz
// database (the checker found it in the one it ran with).
std::optional<FieldSpelling> prepareSpelling(const plan::Field& field, char decimalMark,
                                             std::string& error);

// Converts the non-empty `text`; nothing and a message naming what was
// found and what was expected when it is not a value of the field.
std::optional<FieldValue> convertValue(const plan::Program& program, const plan::Field& field,
                                       const FieldSpelling& spelling, std::string_view text,
                                       std::string& error);

void appendValue(const plan::Field& field, const FieldValue& value, Column& column);

// Why an empty value (an empty cell, JSON null, no key) of the required
// `field` rejects its record.
std::string missingValueMessage(const plan::Field& field);

// The microseconds of one unit of a number written `as ms`, `as epoch_s`
// and the like; 1 for other formats.
std::int64_t microsPerUnit(plan::FieldFormat format);

// RFC 3339 with seconds and `Z` or an offset, as `time` fields are read:
// UTC microseconds, or nothing and why.
std::optional<std::int64_t> parseInstant(std::string_view text, std::string& error);
// `2026-03-01`: days since 1970-01-01, or nothing and why.
std::optional<std::int64_t> parseDate(std::string_view text, std::string& error);

} // namespace slac::ingest
