#pragma once

// A record kept until the evaluation instant: a ratio's undecided record,
// judged at `at` once every record is in. It keeps the fields its lets and
// outcomes are computed from again when it is judged (not its group's:
// it is in its group's state already).
//
// A million tickets with 2.5 % still open keep 25,000 of them, so each is
// packed into one allocation of 64-bit words: a bit per field (set or
// not), then each set field in order (a whole number in one word, an
// exact fraction in four, a text as its length and its bytes). The
// interpreter's peak for those tickets went from 19.1 to 14.6 MB, about
// 180 bytes less per kept ticket than as vectors of cells, bits, texts and
// fractions (docs/performance.md, "Peak memory").

#include "eval/Value.h"
#include "plan/Plan.h"

#include <cstdint>
#include <memory>
#include <tuple>
#include <vector>

namespace slac::eval {

class KeptRecord {
public:
  // `fields` are the record's, one per field of `schema` (its stream), of
  // their types; those `kept` leaves out come back unset.
  KeptRecord(std::uint32_t streamIndex, std::uint32_t inputSource, std::uint64_t inputLine,
             const plan::Stream& schema, const std::vector<Value>& fields,
             const std::vector<bool>& kept);

  // The fields as they were kept; `schema` is the one they were kept with.
  std::vector<Value> fields(const plan::Stream& schema) const;

  std::uint32_t stream = 0;
  std::uint32_t source = 0;
  std::uint64_t line = 0;

private:
  std::unique_ptr<std::uint64_t[]> words_;
};

// Records kept whole are judged in the order one evaluator would have been
// fed them: by input, then line.
template <typename Record> bool feedOrder(const Record& a, const Record& b) {
  return std::tie(a.source, a.line) < std::tie(b.source, b.line);
}

} // namespace slac::eval
