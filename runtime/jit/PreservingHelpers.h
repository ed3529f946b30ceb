#pragma once

// The functions compiled kernels call (KernelHelpers.h), each behind a
// trampoline in LLVM's `preserve_most` calling convention where the host
// has them (x86-64 ELF): kernels declare and call the helpers in that
// convention then (KernelCodegen.cpp), and the helpers' names resolve to
// the trampolines (kernelHelpers()).

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
extern "C" {
void slac_kernel_slow_record_preserving();
void slac_kernel_locate_preserving();
void slac_kernel_slow_route_preserving();
void slac_kernel_locate_slice_preserving();
void slac_kernel_add_slice_preserving();
void slac_kernel_add_value_preserving();
void slac_kernel_judge_preserving();
void slac_calendar_stretch_preserving();
void slac_calendar_position_preserving();
void slac_calendar_reach_preserving();
}
#endif
