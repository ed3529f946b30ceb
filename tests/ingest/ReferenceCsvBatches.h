#pragma once

// The CSV half of StreamReader as it was before the fast reader (issue
// 14): CsvRecordReader byte by byte, every value through convertValue.
// The property test holds the fast reader to it.

#include "ingest/RecordBatch.h"

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace slac::testing {

// What reading a whole input gave: every accepted row (batches
// concatenated), every error in order, and the reader's counts.
struct ReadOutcome {
  ingest::RecordBatch rows;
  std::vector<ingest::DataError> errors;
  bool failed = false;
  std::uint64_t read = 0;
  std::uint64_t rejected = 0;
};

// Reads `input` as stream `stream` of `program` the reference way, going on
// after every rejected record (as `slac eval` does by default). Rows past
// `keptRows` are dropped as they come (a benchmark keeps none).
ReadOutcome readCsvAsReference(const plan::Program& program, std::uint32_t stream,
                               std::istream& input, const std::string& fileName,
                               std::size_t keptRows = SIZE_MAX);

} // namespace slac::testing
