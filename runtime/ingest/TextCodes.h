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
