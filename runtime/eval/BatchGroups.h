#pragma once

// The group (`per a, b`) of every row of a batch, as the dense id of the
// evaluator's group names, in two steps: a key per row and the group of
// each key. A batch's group columns hold few distinct values: each cell
// finds its value's batch-local id in a small table (or takes the code the
// reader gave its text, Column::codes), each row its combination's (the
// key), and only the first row of each combination is named and interned
// by the evaluator (so the ids are those its routing gives), where naming
// and hashing the group's name per record was a fifth of the tickets
// workload (docs/performance.md). A kernel reads both steps, so that a
// column the reader coded is never walked row by row here.

#include "ingest/DenseIds.h"
#include "ingest/RecordBatch.h"

#include <cstdint>
#include <vector>

namespace slac::eval {

class BatchGroups {
public:
  struct Column {
    std::uint32_t index; // in the batch
    bool text;           // the cells are strings (else integers)
  };

  // The rows' keys (returned: the reader's codes of a coded column, else
  // `combined`) and, in `groups`, the group id of each key: nameRow(row)
  // for the first row of each distinct combination of the columns' cells
  // (an unset cell is apart from every value), or for a coded column
  // nameText(text) for each of its texts, a text no row holds (a rejected
  // record's) included.
  template <typename NameRow, typename NameText>
  const std::uint32_t* assign(const ingest::RecordBatch& batch, const std::vector<Column>& columns,
                              NameRow&& nameRow, NameText&& nameText,
                              std::vector<std::uint32_t>& combined,
                              std::vector<std::uint32_t>& groups) {
    if (const ingest::Column* coded = onlyCodedColumn(batch, columns)) {
      groups.resize(coded->codeCount());
      for (std::uint32_t code = 0; code < groups.size(); ++code)
        groups[code] = nameText(coded->texts[code]);
      return coded->codes.data();
    }
    groups.assign(combine(batch, columns, combined), kUnnamed);
    // Plain pointers: through the vectors, GCC reloaded them every row.
    const std::uint32_t* keys = combined.data();
    std::uint32_t* named = groups.data();
    for (std::size_t row = 0, rows = batch.size(); row < rows; ++row)
      if (named[keys[row]] == kUnnamed)
        named[keys[row]] = nameRow(row);
    return keys;
  }

private:
  static constexpr std::uint32_t kUnnamed = ~std::uint32_t{0};

  // The one column grouped by, when it is text the reader coded and every
  // row sets; else nullptr.
  static const ingest::Column* onlyCodedColumn(const ingest::RecordBatch& batch,
                                               const std::vector<Column>& columns) {
    if (columns.size() != 1 || !columns.front().text)
      return nullptr;
    const ingest::Column& data = batch.columns[columns.front().index];
    return data.coded() && data.present.empty() ? &data : nullptr;
  }
  // ids[row] = the row's combination, dense from 0; returns how many.
  std::uint32_t combine(const ingest::RecordBatch& batch, const std::vector<Column>& columns,
                        std::vector<std::uint32_t>& ids);
  // codes[row] = 0 for an unset cell, else 1 + the id of its value;
  // returns 1 + the number of ids (or more, for the reader's codes).
  std::uint32_t codeCells(const ingest::RecordBatch& batch, const Column& column,
                          std::vector<std::uint32_t>& codes);

  ingest::DenseTextIds texts_;
  ingest::DenseNumberIds numbers_;
  ingest::DenseNumberIds pairs_; // (combination so far, next code) packed in 64 bits
  std::vector<std::uint32_t> codes_;
};

} // namespace slac::eval
