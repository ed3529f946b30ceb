#pragma once

#include "modules/ModuleLoader.h"

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
  std::string toolVersion;   // for SARIF
  modules::RootPolicy roots; // --root, --allow-outside-root
};

int runCheck(const CheckOptions& options);

struct ParseOptions {
  std::string file;
  bool dumpAst = false;
};

int runParse(const ParseOptions& options);

enum class CompileOutput : std::uint8_t { Plan, Llvm, Asm };

struct CompileOptions {
  std::string file;
  CompileOutput emit = CompileOutput::Plan;
};

// Checks a file and prints its plan, or the JIT's kernels as LLVM IR or
// assembly (`slac compile --emit=plan|llvm|asm`).
int runCompile(const CompileOptions& options);

struct FormatOptions {
  std::vector<std::string> files;
  // Rewrite nothing; print what would change as a unified diff.
  bool check = false;
};

// Rewrites files in the canonical layout (`slac fmt`). Exit code 1 with
// --check when a file is not in it, and when a file does not parse.
int runFormat(const FormatOptions& options);

struct CalendarOptions {
  std::string file;
  std::string calendar;
  // The range the calendar is prepared for, UTC dates (end exclusive).
  std::string from = "2000-01-01";
  std::string to = "2100-01-01";
  std::vector<std::string> calendarData; // as EvalOptions::calendarData
};

// Answers `in`, `elapsed` and `deadline` queries from stdin, a line each.
int runCalendar(const CalendarOptions& options);

// How --data sources are read: by their names (`.ndjson`, `.jsonl`: NDJSON,
// else CSV), or all as one format (the way to read NDJSON from stdin).
enum class DataFormatChoice { ByFileName, Csv, Ndjson };

enum class DataCompressionChoice { ByFileName, None, Gzip, Zstd };

enum class ReportFormat { Table, Json, Csv, Markdown, Html };

// Which engine evaluates: compiled kernels (the default) or the reference
// interpreter alone. The reports are the same.
enum class EngineChoice { Jit, Interp };

struct EvalOptions {
  std::string file;
  // `service.stream=PATH` (`-` is stdin); none: the data of the file's tests.
  std::vector<std::string> data;
  // `NAME=PATH`, `NAME.window=PATH`, `NAME.closed=PATH`: a calendar's file
  // (CalendarDataOverrides.h).
  std::vector<std::string> calendarData;
  DataFormatChoice dataFormat = DataFormatChoice::ByFileName;                // --data-format
  DataCompressionChoice dataCompression = DataCompressionChoice::ByFileName; // --data-compression
  std::string period; // `2026-03`, `2026-Q1`, `2026`, `2026-03-15`
  std::string from;   // RFC 3339 instants or dates
  std::string to;
  std::string at;
  ReportFormat format = ReportFormat::Table;
  int precision = 2; // digits after the point in table, markdown and html
  bool explain = false;
  std::size_t explainLimit = 20;
  bool skipBadRecords = false; // --on-error=skip
  std::string rejectsPath;
  std::size_t batchSize = 4096;
  unsigned threads = 0; // --threads: how many parse the data and compile; 0: one per core
  std::size_t chunkBytes = std::size_t{1} << 18; // --chunk-size: a parser's piece of input
  std::string maxMemory; // `2G`, `512M`, `0`; empty: MemoryBudget::defaultBytes()
  EngineChoice engine = EngineChoice::Jit;
  bool verbose = false;      // the engine's statistics on stderr
  modules::RootPolicy roots; // --root, --allow-outside-root
};

// Evaluates the agreements of a checked file on measurement data.
int runEval(const EvalOptions& options);

enum class TestFormat { Text, Json, JUnit };

struct TestOptions {
  // Files, and directories: every .sla file under one that declares tests.
  std::vector<std::string> files;
  TestFormat format = TestFormat::Text;
  EngineChoice engine = EngineChoice::Jit;
  unsigned threads = 0;      // --threads, as for eval
  modules::RootPolicy roots; // --root, --allow-outside-root
};

// Runs the file's `test` blocks and checks their `expect` lines.
int runTest(const TestOptions& options);

// Serves the Language Server Protocol on stdin and stdout.
int runLsp();

} // namespace slac::driver
