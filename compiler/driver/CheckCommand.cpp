#include "driver/Commands.h"
#include "driver/PipelineOutput.h"

#include <unistd.h>

namespace slac::driver {

int runCheck(const CheckOptions& options) {
  compile::Options compiling = compileOptions(compile::Stage::Checked, options.roots);
  compiling.maxErrors = options.maxErrors;
  compiling.warningsAsErrors = options.warningsAsErrors;
  compile::Compilation compilation = compile::compileFiles(options.files, compiling);

  bool color = options.color == ColorMode::Always ||
               (options.color == ColorMode::Auto && isatty(STDERR_FILENO));
  const DiagnosticEngine& diagnostics = compilation.diagnostics();
  printDiagnostics(diagnostics, compilation.sources(), options.format, color, options.toolVersion);
  if (options.format == DiagnosticFormat::Text)
    printDiagnosticCounts(diagnostics);
  if (compilation.ioFailed())
    return kUsageOrIoError;
  return diagnostics.hasErrors() ? kErrorsFound : kSuccess;
}

} // namespace slac::driver
