#pragma once

// Loads the JIT module (slac_jit.so, runtime/jit/CMakeLists.txt) the first
// time a program asks for it: LLVM is mapped and initialised then, not when
// the program starts. The module lies at ../lib/slac/slac_jit.so from the
// program's directory.

#include "jit/JitEntryPoints.h"

#include <string>
#include <variant>

namespace slac::jit {

// The module's entry points, or why it cannot be loaded (every call says
// so again).
std::variant<const JitEntryPoints*, std::string> loadJit();

} // namespace slac::jit
