#pragma once

// Compile and link times are the calling thread's CPU time: on a loaded
// machine the wall clock says more about the neighbours than about the
// compiler. Shared by the JIT (JitCompiler.cpp) and the kernel cache's
// linker (CachedKernels.cpp), whose `--verbose` lines compare.

#include <ctime>

namespace slac::jit {

// The calling thread's CPU time so far, in milliseconds.
inline double threadCpuMilliseconds() {
  timespec spec{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec);
  return static_cast<double>(spec.tv_sec) * 1e3 + static_cast<double>(spec.tv_nsec) / 1e6;
}

} // namespace slac::jit
