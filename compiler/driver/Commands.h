#pragma once

#include <string>
#include <vector>

namespace slac::driver {

// Process exit codes, the CI contract of `slac`.
enum ExitCode : int { kSuccess = 0, kErrorsFound = 1, kUsageOrIoError = 2 };

enum class DiagnosticFormat { Text, Json, Sarif };
enum class ColorMode { Auto, Always, Never };

struct CheckOptions {
  std::vector<std::string> files;
  DiagnosticFormat format = DiagnosticFormat::Text;
  ColorMode color = ColorMode::Auto;
  std::size_t maxErrors = 50;
  bool warningsAsErrors = false;
  std::string toolVersion; // for SARIF
};

int runCheck(const CheckOptions& options);

struct ParseOptions {
  std::string file;
  bool dumpAst = false;
};

int runParse(const ParseOptions& options);

struct CalendarOptions {
  std::string file;
  std::string calendar;
  // The range the calendar is prepared for, UTC dates (end exclusive).
  std::string from = "2000-01-01";
  std::string to = "2100-01-01";
};

// Answers `in`, `elapsed` and `deadline` queries from stdin, a line each.
int runCalendar(const CalendarOptions& options);

} // namespace slac::driver
