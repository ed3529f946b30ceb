#include "driver/Commands.h"
#include "driver/Compilation.h"

#include <unistd.h>

namespace slac::driver {

int runCheck(const CheckOptions& options) {
  Compilation compilation(options.maxErrors, options.roots);
  compilation.diagnostics.setWarningsAsErrors(options.warningsAsErrors);
  compilation.check(options.files);

  bool color = options.color == ColorMode::Always ||
               (options.color == ColorMode::Auto && isatty(STDERR_FILENO));
  printDiagnostics(compilation, options.format, color, options.toolVersion);
  const DiagnosticEngine& diagnostics = compilation.diagnostics;
  if (options.format == DiagnosticFormat::Text)
    printDiagnosticCounts(diagnostics);
  if (compilation.ioFailed)
    return kUsageOrIoError;
  return diagnostics.hasErrors() ? kErrorsFound : kSuccess;
}

} // namespace slac::driver
