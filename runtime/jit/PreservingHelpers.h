#pragma once

// The functions compiled kernels call (KernelHelpers.h), each behind a
// trampoline in LLVM's `preserve_most` calling convention where the host
// has them (x86-64 ELF): kernels declare and call the helpers in that
// convention then (KernelCodegen.cpp), and the helpers' names resolve to
// the trampolines (kernelHelpers()).

#include "jit/KernelHelpers.h"

#if defined(__x86_64__) && defined(__ELF__)
#define SLAC_HELPERS_PRESERVE_MOST 1
#else
#define SLAC_HELPERS_PRESERVE_MOST 0
#endif

namespace slac::jit {

inline constexpr bool kHelpersPreserveMost = SLAC_HELPERS_PRESERVE_MOST;

} // namespace slac::jit

#if SLAC_HELPERS_PRESERVE_MOST
// Symbols only: called from kernels, never from C++.
#define SLAC_DECLARE_PRESERVING(name, result) void name##_preserving();
extern "C" {
SLAC_KERNEL_HELPERS(SLAC_DECLARE_PRESERVING)
}
#undef SLAC_DECLARE_PRESERVING
#endif
