#pragma once

// The group (`per a, b`) of every row of a batch, as the dense id of the
// evaluator's group names. A batch's group columns hold few distinct
// values: each cell finds its value's batch-local id in a small table (or
// takes the code the reader gave its text, Column::codes), each row its
// combination's, and only the first row of each combination is named and
// interned by the evaluator (so the ids are those its routing gives), where
// naming and hashing the group's name per record was a fifth of the
// tickets workload (docs/performance.md).

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

  // ids[row] for every row of `batch`: nameRow(row) for the first row of
  // each distinct combination of the columns' cells (an unset cell is
  // apart from every value), the same id for the rows after it.
  template <typename NameRow>
  void assign(const ingest::RecordBatch& batch, const std::vector<Column>& columns,
              NameRow&& nameRow, std::vector<std::uint32_t>& ids) {
    // A coded column's codes are its combinations already; other columns
    // are combined into `ids` first, and named there in place.
    const ingest::Column* coded = onlyCodedColumn(batch, columns);
    const std::uint32_t combinations = coded ? coded->codeCount() : combine(batch, columns, ids);
    ids.resize(batch.size());
    const std::uint32_t* keys = coded ? coded->codes.data() : ids.data();
    named_.assign(combinations, kUnnamed);
    // Plain pointers: through the vectors, each row reloaded them and
    // spilled its reference into named_ (1.3 ms of the million tickets in
    // memory). The rows of named combinations run in a loop of their own,
    // without the call to nameRow: with the call in it, GCC kept the
    // pointers on the stack and reloaded four of them every row (12
    // instructions a row, 8 without).
    std::uint32_t* named = named_.data();
    std::uint32_t* out = ids.data();
    const std::size_t rows = ids.size();
    for (std::size_t row = 0; row < rows; ++row) {
      for (; row < rows && named[keys[row]] != kUnnamed; ++row)
        out[row] = named[keys[row]];
      if (row < rows)
        out[row] = named[keys[row]] = nameRow(row);
    }
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
  std::vector<std::uint32_t> named_; // by combination: the group id
};

} // namespace slac::eval
