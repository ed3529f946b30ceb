#pragma once

// The functions compiled kernels call (eval/RecordKernel.h and
// CalendarCalls.h), by the names the kernels' code uses: what a linker,
// LLJIT's or the kernel cache's (CachedKernels.h), resolves their calls to.

#include <span>
#include <string_view>

// Every such function, as X(name, result): `result` 1 if it returns a value
// (in rax, for its trampoline: PreservingHelpers.cpp), 0 if it returns
// nothing.
#define SLAC_KERNEL_HELPERS(X)                                                                     \
  X(slac_kernel_slow_record, 0)                                                                    \
  X(slac_kernel_locate, 1)                                                                         \
  X(slac_kernel_slow_route, 0)                                                                     \
  X(slac_kernel_locate_slice, 1)                                                                   \
  X(slac_kernel_add_slice, 0)                                                                      \
  X(slac_kernel_add_value, 0)                                                                      \
  X(slac_kernel_judge, 1)                                                                          \
  X(slac_calendar_stretch, 1)                                                                      \
  X(slac_calendar_position, 1)                                                                     \
  X(slac_calendar_reach, 1)

namespace slac::jit {

struct KernelHelper {
  std::string_view name;
  const void* address;
};

std::span<const KernelHelper> kernelHelpers();

} // namespace slac::jit
