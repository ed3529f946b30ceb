#pragma once

#include <string>
#include <vector>

namespace slac::driver {

// Process exit codes, the CI contract of `slac`.
enum ExitCode : int { kSuccess = 0, kErrorsFound = 1, kUsageOrIoError = 2 };

enum class DiagnosticFormat { Text, Json };
enum class ColorMode { Auto, Always, Never };

struct CheckOptions {
  std::vector<std::string> files;
  DiagnosticFormat format = DiagnosticFormat::Text;
  ColorMode color = ColorMode::Auto;
  std::size_t maxErrors = 50;
  bool warningsAsErrors = false;
};

int runCheck(const CheckOptions& options);

struct ParseOptions {
  std::string file;
  bool dumpAst = false;
};

int runParse(const ParseOptions& options);

} // namespace slac::driver
