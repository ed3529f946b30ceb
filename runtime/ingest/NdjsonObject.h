#pragma once

// One NDJSON line as the reader needs it: the object's top-level members,
// each as the text of its value. Numbers keep the exact text of their JSON
// token (`1.0` stays `1.0`, a 23-digit id keeps every digit), so that a
// `string` field holds what was written and a `number` field is converted
// once, by the field's own rules. A key that appears twice is reported, not
// resolved by last-wins.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace slac::ingest {

struct JsonMember {
  enum class Kind : std::uint8_t { Value, Null, Structured };
  Kind kind = Kind::Value; // Structured: an object or array, never a value
  std::string text;        // of a Value
};

struct NdjsonObject {
  std::map<std::string, JsonMember, std::less<>> members;
  std::optional<std::string> duplicateKey; // the first key seen twice
  std::string problem;                     // why parsing failed
};

// The members of `line`, or nothing and why when it is not one JSON object
// (numbers beyond a double's range, ±1.8e308, are refused by the parser).
std::optional<NdjsonObject> parseNdjsonObject(std::string_view line, std::string& problem);

} // namespace slac::ingest
