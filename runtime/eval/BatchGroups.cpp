#include "eval/BatchGroups.h"

namespace slac::eval {

void BatchGroups::codeCells(const ingest::RecordBatch& batch, const Column& column,
                            std::vector<std::uint32_t>& codes) {
  const ingest::Column& data = batch.columns[column.index];
  std::size_t rows = batch.size();
  codes.resize(rows);
  if (column.text) {
    texts_.clear();
    for (std::size_t row = 0; row < rows; ++row)
      codes[row] = 1 + texts_.idOf(data.strings[row]);
  } else {
    numbers_.clear();
    for (std::size_t row = 0; row < rows; ++row)
      codes[row] = 1 + numbers_.idOf(data.integers[row]);
  }
  if (!data.present.empty())
    for (std::size_t row = 0; row < rows; ++row)
      codes[row] = data.present[row] ? codes[row] : 0;
}

std::uint32_t BatchGroups::combine(const ingest::RecordBatch& batch,
                                   const std::vector<Column>& columns,
                                   std::vector<std::uint32_t>& ids) {
  codeCells(batch, columns.front(), ids);
  std::uint32_t combinations = 1 + (columns.front().text ? texts_.size() : numbers_.size());
  for (std::size_t next = 1; next < columns.size(); ++next) {
    codeCells(batch, columns[next], codes_);
    pairs_.clear();
    for (std::size_t row = 0; row < ids.size(); ++row)
      ids[row] =
          pairs_.idOf(static_cast<std::int64_t>((std::uint64_t{ids[row]} << 32) | codes_[row]));
    combinations = pairs_.size();
  }
  return combinations;
}

} // namespace slac::eval
