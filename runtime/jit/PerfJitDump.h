#pragma once

// Tells `perf` where the kernels linked from the kernel cache are and what
// their code is, in its jitdump format, so that a profile of a run shows
// them by name and `perf annotate` shows their instructions
// (docs/performance.md, "Profiling a kernel"). Off unless the environment
// names a directory in SLAC_PERF_JITDUMP; nothing here ever fails a run.

#include <string_view>

namespace slac::jit {

// Records that `code` (loaded and executable) is the function `name`.
void announceToPerf(std::string_view name, std::string_view code);

} // namespace slac::jit
