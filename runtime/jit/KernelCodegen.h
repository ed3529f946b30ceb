#pragma once

// Lowers the record part of a plan to LLVM IR: one function per stream,
// `void slac_kernel_<stream>(KernelFrame*)`, a loop over the batch that
// does for each record what the interpreter's Evaluator::feed does, with
// the records it cannot decide alone handed back to the interpreter
// (eval/RecordKernel.h). A stream that reads something the kernel does not
// lower (text or decimal arithmetic, rolling windows, slices, approximate
// percentiles) gets no function and the reason instead.

#include "eval/RecordKernel.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace llvm {
class LLVMContext;
class Module;
} // namespace llvm

namespace slac::jit {

// One stream's kernel, alone in its module so that streams can be
// optimised and compiled on separate threads, each in its own context.
struct GeneratedKernel {
  std::unique_ptr<llvm::Module> module; // null: the stream is interpreted
  std::string function;
  // Why not compiled, or which routes the interpreter counts.
  std::string interpreted;
};

GeneratedKernel generateKernel(const eval::KernelRequest& request, std::uint32_t stream,
                               llvm::LLVMContext& context);

} // namespace slac::jit
