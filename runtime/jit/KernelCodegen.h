#pragma once

// Lowers the record part of a plan to LLVM IR: one function per stream,
// `void slac_kernel_<stream>(KernelFrame*)`, a loop over the batch that
// does for each record what the interpreter's Evaluator::feed does, with
// the records it cannot decide alone handed back to the interpreter
// (eval/RecordKernel.h). A stream that reads something the kernel does not
// lower (text or decimal arithmetic, rolling windows, slices, approximate
// percentiles) gets no function and the reason instead.

#include "eval/RecordKernel.h"

#include <memory>
#include <string>
#include <vector>

namespace llvm {
class LLVMContext;
class Module;
} // namespace llvm

namespace slac::jit {

struct GeneratedKernels {
  std::unique_ptr<llvm::Module> module;
  std::vector<std::string> functions; // per stream; empty: not compiled
  // Per stream: why not compiled, or which routes the interpreter counts.
  std::vector<std::string> interpreted;
};

GeneratedKernels generateKernels(const eval::KernelRequest& request, llvm::LLVMContext& context);

} // namespace slac::jit
