#include "jit/KernelHelpers.h"

#include "eval/RecordKernel.h"
#include "jit/CalendarCalls.h"
#include "jit/PreservingHelpers.h"

namespace slac::jit {

namespace {

template <typename Function> const void* addressOf(Function* function) {
  return reinterpret_cast<const void*>(function);
}

} // namespace

// A helper by the name kernels call it by: its trampoline's where they
// call helpers in `preserve_most` (PreservingHelpers.h). Not the helper's
// own name, which the program exports to the JIT's module and which the
// JIT's linker would find in the process first.
#if SLAC_HELPERS_PRESERVE_MOST
#define SLAC_HELPER(name, result) {#name "_preserving", addressOf(&name##_preserving)},
#else
#define SLAC_HELPER(name, result) {#name, addressOf(&name)},
#endif

std::span<const KernelHelper> kernelHelpers() {
  static const KernelHelper helpers[] = {SLAC_KERNEL_HELPERS(SLAC_HELPER)};
  return helpers;
}

#undef SLAC_HELPER

} // namespace slac::jit
