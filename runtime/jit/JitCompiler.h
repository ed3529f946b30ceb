#pragma once

// The JIT engine: compiles the record kernels of a plan (KernelCodegen)
// with LLVM ORC LLJIT, optimised by the new PassBuilder, and hands them to
// the evaluation core (eval/RecordKernel.h). One module and one LLJIT per
// compiled program; the code lives as long as the CompiledKernels.

#include "eval/RecordKernel.h"

#include <string>
#include <variant>

namespace slac::jit {

class JitCompiler final : public eval::KernelCompiler {
public:
  std::variant<eval::CompiledKernels, std::string>
  compile(const eval::KernelRequest& request) const override;
};

enum class Emit { Llvm, Asm };

// The kernels as optimised LLVM IR or as the host's assembly, for
// `slac compile --emit=llvm|asm`; an error message when LLVM fails.
std::variant<std::string, std::string> emitKernels(const eval::KernelRequest& request, Emit emit);

} // namespace slac::jit
