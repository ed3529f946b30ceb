#include "eval/BatchGroups.h"

namespace slac::eval {

std::uint32_t BatchGroups::codeCells(const ingest::RecordBatch& batch, const Column& column,
                                     std::vector<std::uint32_t>& codes) {
  const ingest::Column& data = batch.columns[column.index];
  std::size_t rows = batch.size();
  codes.resize(rows);
  std::uint32_t count = 0;
  if (column.text && data.coded()) {
    for (std::size_t row = 0; row < rows; ++row)
      codes[row] = 1 + data.codes[row];
    count = data.codeCount();
  } else if (column.text) {
    texts_.clear();
    for (std::size_t row = 0; row < rows; ++row)
      codes[row] = 1 + texts_.idOf(data.strings[row]);
    count = texts_.size();
  } else {
    numbers_.clear();
    for (std::size_t row = 0; row < rows; ++row)
      codes[row] = 1 + numbers_.idOf(data.integers[row]);
    count = numbers_.size();
  }
  if (!data.present.empty())
    for (std::size_t row = 0; row < rows; ++row)
      codes[row] = data.present[row] ? codes[row] : 0;
  return 1 + count;
}

std::uint32_t BatchGroups::combine(const ingest::RecordBatch& batch,
                                   const std::vector<Column>& columns,
                                   std::vector<std::uint32_t>& ids) {
  std::uint32_t combinations = codeCells(batch, columns.front(), ids);
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
