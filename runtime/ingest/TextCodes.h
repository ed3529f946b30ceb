#pragma once

// The codes of a column's texts in one batch (Column::codes): equal texts
// get equal codes, dense from 0 in the order they are met. The reader codes
// the columns records are grouped by (`per customer`), so that the
// evaluator tells the groups of a batch's rows apart by number, where
// hashing each row's text on its one thread was a fifth of its time
// (docs/performance.md). A column with more distinct texts than a batch
// has groups to tell apart is not worth it: past kMostCodes the batch's
// column goes uncoded, and the evaluator hashes its texts itself.

#include "ingest/DenseIds.h"
#include "ingest/RecordBatch.h"
#include "ingest/ShortWord.h"

#include <array>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>

namespace slac::ingest {

class TextCodes {
public:
  static constexpr std::uint32_t kMostCodes = 1024;

  // The code of `text`, or kUncoded once the batch has too many texts.
  static constexpr std::uint32_t kUncoded = ~std::uint32_t{0};
  // Inlined where the readers code a record's text (as two calls, reading
  // the tickets on one thread took 3 % longer); the table's search is not.
  [[gnu::always_inline]] std::uint32_t codeOf(std::string_view text) {
    if (ids_.size() >= kMostCodes)
      return kUncoded;
    if (text.size() > ShortText::kLongest)
      return lookUp(text);
    ShortText key(text);
    Recent& recent = recent_[key.place()];
    if (recent.text == key)
      return recent.code;
    recent = {key, lookUp(text)};
    return recent.code;
  }
  // Appends `text` to the coded `column` (of this batch) as its code, and
  // as a text of the column if it is new; false once the batch has too
  // many, with the column turned back into a text per row (Column::uncode)
  // and `text` not appended.
  [[gnu::always_inline]] bool appendCode(std::string_view text, Column& column) {
    std::uint32_t code = codeOf(text);
    if (code == kUncoded) [[unlikely]] {
      column.uncode();
      return false;
    }
    if (code == column.texts.size())
      column.texts.emplace_back(text);
    column.codes.push_back(code);
    return true;
  }
  std::uint32_t size() const { return ids_.size(); }
  void clear() {
    ids_.clear();
    texts_.clear();
    recent_.fill({});
  }

private:
  // A text of up to 16 bytes as its size and two words that hold every
  // byte: equal exactly when the texts are.
  struct ShortText {
    static constexpr std::size_t kLongest = 16;
    std::uint64_t first = 0, last = 0;
    std::uint64_t size = ~std::uint64_t{0}; // no text's: an empty place

    ShortText() = default;
    explicit ShortText(std::string_view text) : size(text.size()) {
      if (size <= 8) {
        first = shortWordOf(text);
      } else {
        std::memcpy(&first, text.data(), 8);
        std::memcpy(&last, text.data() + size - 8, 8);
      }
    }
    bool operator==(const ShortText&) const = default;
    std::size_t place() const {
      return mixBits(first ^ (last * 0x9E3779B97F4A7C15ULL) ^ size) & (kRecentPlaces - 1);
    }
  };
  // The codes of the short texts met last, by place: a record's text is
  // found with three compares, where the table hashes it word by word and
  // compares it with the text it keeps, a load further (10^6 tickets, whose
  // customers are 10 bytes, 118.3 -> 111.3 ms on one thread).
  static constexpr std::size_t kRecentPlaces = 64;
  struct Recent {
    ShortText text;
    std::uint32_t code = 0;
  };

  [[gnu::noinline]] std::uint32_t lookUp(std::string_view text) {
    return ids_.idOf(
        text, [&](std::string_view met) { return std::string_view(texts_.emplace_back(met)); });
  }

  std::array<Recent, kRecentPlaces> recent_{};
  DenseTextIds ids_;
  // The texts the table's keys view: a deque never moves its strings.
  std::deque<std::string> texts_;
};

} // namespace slac::ingest
