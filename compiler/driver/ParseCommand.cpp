#include "ast/AstDump.h"
#include "driver/Commands.h"
#include "driver/Compilation.h"

#include <iostream>
#include <unistd.h>

namespace slac::driver {

int runParse(const ParseOptions& options) {
  Compilation compilation(50);
  compilation.parseFiles({options.file});
  printDiagnostics(compilation, DiagnosticFormat::Text, isatty(STDERR_FILENO));
  if (compilation.ioFailed)
    return kUsageOrIoError;
  if (compilation.diagnostics.hasErrors())
    return kErrorsFound;
  if (options.dumpAst)
    ast::dumpAst(compilation.files.front(), std::cout);
  return kSuccess;
}

} // namespace slac::driver
