#include "ast/AstDump.h"
#include "driver/Commands.h"
#include "driver/PipelineOutput.h"

#include <iostream>
#include <unistd.h>

namespace slac::driver {

int runParse(const ParseOptions& options) {
  compile::Compilation compilation =
      compile::compileFiles({options.file}, compileOptions(compile::Stage::Parsed));
  printDiagnostics(compilation.diagnostics(), compilation.sources(), DiagnosticFormat::Text,
                   isatty(STDERR_FILENO));
  if (compilation.ioFailed())
    return kUsageOrIoError;
  if (compilation.diagnostics().hasErrors())
    return kErrorsFound;
  if (options.dumpAst)
    ast::dumpAst(compilation.files().front(), std::cout);
  return kSuccess;
}

} // namespace slac::driver
