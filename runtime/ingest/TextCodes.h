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

#include <deque>
#include <string>
#include <string_view>

namespace slac::ingest {

class TextCodes {
public:
  static constexpr std::uint32_t kMostCodes = 1024;

  // The code of `text`, or kUncoded once the batch has too many texts.
  static constexpr std::uint32_t kUncoded = ~std::uint32_t{0};
  std::uint32_t codeOf(std::string_view text) {
    if (ids_.size() >= kMostCodes)
      return kUncoded;
    return ids_.idOf(
        text, [&](std::string_view met) { return std::string_view(texts_.emplace_back(met)); });
  }
  // Appends `text` to the coded `column` (of this batch) as its code, and
  // as a text of the column if it is new; false once the batch has too
  // many, with the column turned back into a text per row (Column::uncode)
  // and `text` not appended.
  bool appendCode(std::string_view text, Column& column) {
    std::uint32_t code = codeOf(text);
    if (code == kUncoded) {
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
  }

private:
  DenseTextIds ids_;
  // The texts the table's keys view: a deque never moves its strings.
  std::deque<std::string> texts_;
};

} // namespace slac::ingest
