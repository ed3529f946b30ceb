#pragma once

// The NDJSON half of StreamReader as it was before the fast reader (issue
// 14): NdjsonLineReader byte by byte, each line through parseNdjsonObject
// (nlohmann::json) into a map of members, every value through
// convertValue. The property test holds the fast reader to it.

#include "ReferenceCsvBatches.h"

namespace slac::testing {

// Reads `input` as stream `stream` of `program` the reference way, going on
// after every rejected record. Rows past `keptRows` are dropped as they come.
ReadOutcome readNdjsonAsReference(const plan::Program& program, std::uint32_t stream,
                                  std::istream& input, const std::string& fileName,
                                  std::size_t keptRows = SIZE_MAX);

} // namespace slac::testing
