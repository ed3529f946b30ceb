#pragma once

#include "values/Values.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace slac::parse {

// The decoded value of a literal's spelling, or why the spelling is not a
// valid one (phrased to follow "`SPELLING` is not a date: ...").
template <typename T> struct Decoded {
  std::variant<T, std::string> result;

  bool ok() const { return result.index() == 0; }
  const T& value() const { return std::get<0>(result); }
  const std::string& error() const { return std::get<1>(result); }
};

Decoded<std::int64_t> decodeInt(std::string_view spelling);
// `99.5` (at most 18 significant digits).
Decoded<values::Decimal> decodeDecimal(std::string_view spelling);
// `2026-02-28`
Decoded<values::CivilDate> decodeDate(std::string_view spelling);
// `08:00`, `24:00`
Decoded<values::TimeOfDay> decodeTimeOfDay(std::string_view spelling);
// `2026-03-01T08:00:00Z`, `2026-03-01T08:00+01:00`
Decoded<values::DateTime> decodeDateTime(std::string_view spelling);
// `1h30m`, `250ms`, `1.5h`: exact microseconds.
Decoded<std::int64_t> decodeDuration(std::string_view spelling);
// `12000.00 EUR`
Decoded<values::Money> decodeMoney(std::string_view spelling);

// Splits `5min` into its number and its unit, for the unknown-unit message.
std::size_t unitStart(std::string_view spelling);

// The value of a string literal's spelling (quotes included) and the offset
// of the first unknown escape, if any.
struct DecodedString {
  std::string value;
  std::size_t badEscapeOffset = std::string::npos;
};
DecodedString decodeString(std::string_view spelling);

} // namespace slac::parse
