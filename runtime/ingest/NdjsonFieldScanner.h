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
//
// Many lines per simdjson call: the whole lines read after a line are
// parsed with it as a stream of documents (simdjson's iterate_many, one
// stage 1 for them all, no set-up per line), each document mapped back to
// its line. A line is taken from the stream only when its document starts
// at the line's `{` and the token after it is the next line's first, so
// that the document is the line and nothing else (simdjson does not know
// lines: to it a document may span lines, two may share one). Any other
// line, and the rest of a stream that went wrong, is parsed alone, as
// before.
//
// Before any of that, the line of nearly every file (one flat object of
// strings, numbers and literals, ASCII, no escapes) is read by hand, byte by
// byte, without simdjson; any other line goes on to simdjson.

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
  // At most this many bytes of lines are parsed in one call.
  static constexpr std::size_t kLargestRun = 1 << 16;

  // The keys looked for, one per field (two fields may read one key).
  // `largestRun`: tests make it small, to cut runs of lines at every place
  // (0: each line alone by simdjson, not even a flat one read by hand: what
  // the tests hold the other ways to).
  explicit NdjsonFieldScanner(std::vector<std::string> keys, std::size_t largestRun = kLargestRun);
  ~NdjsonFieldScanner();
  NdjsonFieldScanner(const NdjsonFieldScanner&) = delete;
  NdjsonFieldScanner& operator=(const NdjsonFieldScanner&) = delete;

  // True with every key's value found when `line` is read here. `after`:
  // the bytes read after it, which it is parsed with (NdjsonLines::readAfter),
  // followed by at least 64 readable bytes; `version` changes whenever
  // bytes read before may have moved (NdjsonLines::version). The values stay
  // valid until the next call.
  bool scan(std::string_view line, std::string_view after, std::uint64_t version);

  // Of the key of field `field`.
  const NdjsonValue& value(std::size_t field) const { return values_[keyOfField_[field]]; }

private:
  class Parser;
  class Run;

  // `line` parsed alone.
  bool scanAlone(std::string_view line, std::size_t readable);

  std::vector<std::string> keys_;        // distinct
  std::vector<std::size_t> keyOfField_;  // per field: its index in keys_
  std::vector<NdjsonValue> values_;      // per key
  std::vector<std::string_view> others_; // keys of the line that are not looked for
  std::unique_ptr<Parser> parser_;
  std::unique_ptr<Run> run_;
};

} // namespace slac::ingest
