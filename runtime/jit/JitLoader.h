#pragma once

// Loads the JIT module (slac_jit.so, runtime/jit/CMakeLists.txt) the first
// time a program needs it to compile: LLVM is mapped and initialised then,
// not when the program starts, and not at all when the kernel cache holds
// every kernel (CachedKernels.h). The module lies at ../lib/slac/slac_jit.so
// from the program's directory.

#include "eval/RecordKernel.h"
#include "jit/JitEntryPoints.h"

#include <filesystem>
#include <optional>
#include <string>
#include <variant>

namespace slac::jit {

// The module's entry points, or why it cannot be loaded (every call says
// so again).
std::variant<const JitEntryPoints*, std::string> loadJit();

// Where the module is; nothing when the program's own file cannot be found.
std::optional<std::filesystem::path> jitModulePath();

// The JIT as commands use it: kernels the cache holds are linked without
// LLVM; the module is loaded to compile the others.
const eval::KernelCompiler& kernelCompiler();

// Why the module could not be loaded, once kernelCompiler() has tried.
std::optional<std::string> jitModuleFailure();

} // namespace slac::jit
