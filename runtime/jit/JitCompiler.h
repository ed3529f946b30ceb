#pragma once

// The JIT engine: compiles the record kernels of a plan (KernelCodegen)
// with LLVM, optimised by the new PassBuilder, links them with ORC LLJIT
// and hands them to the evaluation core (eval/RecordKernel.h). Each
// stream's kernel is a module of its own, optimised and compiled to
// machine code on one of the compiler's threads; one LLJIT per compiled
// program links them, and the code lives as long as the CompiledKernels.
// Programs reach it through the module's entry points (JitLoader.h).

#include "eval/RecordKernel.h"
#include "jit/JitEntryPoints.h"

#include <string>
#include <variant>

namespace slac::jit {

class JitCompiler final : public eval::KernelCompiler {
public:
  std::variant<eval::CompiledKernels, std::string>
  compile(const eval::KernelRequest& request) const override;
};

// JitEntryPoints::emitKernels.
std::variant<std::string, std::string> emitKernels(const eval::KernelRequest& request, Emit emit);

} // namespace slac::jit
