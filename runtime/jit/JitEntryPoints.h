#pragma once

// What the JIT module (slac_jit.so) offers the program that loads it
// (JitLoader.h): one object, found by its C name.

#include "eval/RecordKernel.h"

#include <string>
#include <variant>

namespace slac::jit {

enum class Emit { Llvm, Asm };

struct JitEntryPoints {
  const eval::KernelCompiler* compiler = nullptr;
  // The kernels as optimised LLVM IR or as the host's assembly, for
  // `slac compile --emit=llvm|asm`; an error message when LLVM fails.
  std::variant<std::string, std::string> (*emitKernels)(const eval::KernelRequest& request,
                                                        Emit emit) = nullptr;
};

inline constexpr const char* kEntryPointsSymbol = "slac_jit_entry_points";

} // namespace slac::jit
