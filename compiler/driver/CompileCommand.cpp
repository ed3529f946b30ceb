// `slac compile FILE --emit=plan|llvm|asm`: checks the file and prints what
// the evaluators will run: the plan (plan/PlanPrinter.h), or the JIT's record
// kernels as optimised LLVM IR or the host's assembly.
#include "driver/Commands.h"
#include "driver/DataRun.h"
#include "driver/PipelineOutput.h"
#include "eval/Evaluator.h"
#include "plan/PlanPrinter.h"

#include <iostream>

namespace slac::driver {

int runCompile(const CompileOptions& options) {
  compile::Compilation compilation =
      compile::compileFiles({options.file}, compileOptions(compile::Stage::Verified));
  if (auto code = reportForEvaluation(compilation))
    return *code;
  if (options.emit == CompileOutput::Plan) {
    std::cout << plan::printPlan(*compilation.plan());
    return kSuccess;
  }
  const jit::JitEntryPoints* jit = loadJitOrSayWhy();
  if (!jit)
    return kUsageOrIoError;
  auto emitted =
      eval::Evaluator::emitKernels(*compilation.plan(), [&](const eval::KernelRequest& request) {
        return jit->emitKernels(request, options.emit == CompileOutput::Llvm ? jit::Emit::Llvm
                                                                             : jit::Emit::Asm);
      });
  if (emitted.index() == 1) {
    std::cerr << "error: " << std::get<1>(emitted) << "\n";
    return kErrorsFound;
  }
  std::cout << std::get<0>(emitted);
  return kSuccess;
}

} // namespace slac::driver
