#pragma once

// The functions compiled kernels call (eval/RecordKernel.h and
// CalendarCalls.h), by the names the kernels' code uses: what a linker,
// LLJIT's or the kernel cache's (CachedKernels.h), resolves their calls to.

#include <span>
#include <string_view>

namespace slac::jit {

struct KernelHelper {
  std::string_view name;
  const void* address;
};

std::span<const KernelHelper> kernelHelpers();

} // namespace slac::jit
