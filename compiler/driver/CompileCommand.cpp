// `slac compile FILE --emit=plan`: checks the file and prints what the
// evaluators will run, the plan (plan/PlanPrinter.h). The JIT's LLVM IR and
// assembly will be emitted here too.
#include "driver/Commands.h"
#include "driver/Compilation.h"
#include "plan/PlanPrinter.h"

#include <iostream>

namespace slac::driver {

int runCompile(const CompileOptions& options) {
  Compilation compilation(50);
  if (auto code = compilation.checkForEvaluation(options.file))
    return *code;
  std::cout << plan::printPlan(*compilation.plan);
  return kSuccess;
}

} // namespace slac::driver
