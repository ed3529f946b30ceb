// The module's one exported object (JitEntryPoints.h).
#include "jit/JitEntryPoints.h"

#include "jit/JitCompiler.h"

namespace {
const slac::jit::JitCompiler compiler;
}

extern "C" const slac::jit::JitEntryPoints slac_jit_entry_points{&compiler,
                                                                 &slac::jit::emitKernels};
