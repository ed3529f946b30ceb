#pragma once

// Finds the values of a stream's keys in one NDJSON line with simdjson's
// On-Demand parser, without a copy or an allocation per member: a value
// comes out as a view of its text (a number's exact token, `-0` as `0`,
// as ingest/NdjsonObject.h writes it; a string unescaped; `true` or
// `false`), or as null, absent or structured (an object or array).
//
// Only lines this scanner can vouch for are read here: one JSON object
// that the JSON rules of parseNdjsonObject accept, every value validated
// (nested ones and those of other keys too), no key twice. Anything else
// (invalid JSON, a key twice, a line that does not start with `{`, nesting
// deeper than simdjson goes) is left to parseNdjsonObject, whose verdict
// and message are the reader's, so that errors stay exactly what they were.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace slac::ingest {

struct NdjsonValue {
  enum class Kind : std::uint8_t { Absent, Null, Value, Structured };
  Kind kind = Kind::Absent;
  std::string_view text; // of a Value
};

class NdjsonFieldScanner {
public:
  // The keys looked for, one per field (two fields may read one key).
  explicit NdjsonFieldScanner(std::vector<std::string> keys);
  ~NdjsonFieldScanner();
  NdjsonFieldScanner(const NdjsonFieldScanner&) = delete;
  NdjsonFieldScanner& operator=(const NdjsonFieldScanner&) = delete;

  // True with every key's value found when `line` is read here; `readable`
  // bytes from line.data() on may be read (at least line.size() + 64).
  // The values stay valid until the next call.
  bool scan(std::string_view line, std::size_t readable);

  // Of the key of field `field`.
  const NdjsonValue& value(std::size_t field) const { return values_[keyOfField_[field]]; }

private:
  class Parser;

  std::vector<std::string> keys_;        // distinct
  std::vector<std::size_t> keyOfField_;  // per field: its index in keys_
  std::vector<NdjsonValue> values_;      // per key
  std::vector<std::string_view> others_; // keys of the line that are not looked for
  std::unique_ptr<Parser> parser_;
};

} // namespace slac::ingest
