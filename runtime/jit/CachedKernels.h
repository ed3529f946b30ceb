#pragma once

// A program's kernels taken from the kernel cache (KernelCache.h) and
// linked by the cache's own loader (KernelObject.h), without LLVM: a run
// whose kernels an earlier run compiled maps neither LLVM nor the JIT
// module, 22 MB less at its peak (docs/performance.md, "Peak memory").

#include "eval/RecordKernel.h"

#include <optional>

namespace slac::jit {

// Nothing when the request names no cache directory, the cache does not
// hold its kernels, or they cannot be linked: the JIT then compiles them.
std::optional<eval::CompiledKernels> loadCachedKernels(const eval::KernelRequest& request);

} // namespace slac::jit
