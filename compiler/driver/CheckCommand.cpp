#include "driver/Commands.h"
#include "driver/Compilation.h"

#include <fmt/format.h>
#include <iostream>
#include <unistd.h>

namespace slac::driver {

int runCheck(const CheckOptions& options) {
  Compilation compilation(options.maxErrors);
  compilation.diagnostics.setWarningsAsErrors(options.warningsAsErrors);
  compilation.check(options.files);

  bool color = options.color == ColorMode::Always ||
               (options.color == ColorMode::Auto && isatty(STDERR_FILENO));
  printDiagnostics(compilation, options.format, color, options.toolVersion);
  const DiagnosticEngine& diagnostics = compilation.diagnostics;
  if (options.format == DiagnosticFormat::Text &&
      diagnostics.errorCount() + diagnostics.warningCount() > 0)
    std::cerr << fmt::format("{} error{} and {} warning{} generated\n", diagnostics.errorCount(),
                             diagnostics.errorCount() == 1 ? "" : "s", diagnostics.warningCount(),
                             diagnostics.warningCount() == 1 ? "" : "s");
  if (compilation.ioFailed)
    return kUsageOrIoError;
  return diagnostics.hasErrors() ? kErrorsFound : kSuccess;
}

} // namespace slac::driver
