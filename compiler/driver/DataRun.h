#pragma once

// Streams measurement files through the reference interpreter: the part of
// `slac eval` and `slac test` between a checked plan and a report. Bad
// records stop the run with their file:line:column, or are counted and
// written to a rejects file; a progress line shows on a terminal.

#include "driver/Commands.h"
#include "eval/Evaluator.h"
#include "ingest/StreamReader.h"
#include "jit/JitEntryPoints.h"
#include "plan/Plan.h"
#include "source/SourceManager.h"

#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace slac::driver {

struct DataSource {
  std::uint32_t stream; // index in plan::Program::streams
  std::string path;     // `-`: stdin
  // Where the path comes from, for a note when it cannot be read (empty: the
  // command line).
  std::string origin;
  // Unset: by the file name (ingest::formatOfPath; stdin is CSV).
  std::optional<ingest::DataFormat> format;
  // Unset: by the file name (ingest::compressionOfPath; stdin is plain).
  std::optional<ingest::Compression> compression = std::nullopt;
  // Set for a calendar's file (`window from`, `closed from`) instead of
  // measurements: the calendar's index in Program::calendars; `stream` is
  // not used. Calendar files are read before any measurement.
  std::optional<std::uint32_t> calendar;
  plan::CalendarFile::Kind calendarKind = plan::CalendarFile::Kind::Windows;
};

struct DataRunOptions {
  bool skipBadRecords = false;
  std::string rejectsPath;
  std::size_t batchSize = 4096;
  bool verbose = false; // the engine's statistics on stderr
  // How many threads parse a measurement file (ingest::Parallelism) and
  // compile the kernels; 0: one per core. Calendar files, short, are read
  // by one.
  unsigned threads = 1;
  std::size_t chunkBytes = ingest::Parallelism::kDefaultChunkBytes;
};

// The JIT module's entry points, loaded on the first call (jit/JitLoader.h);
// null, with the reason on stderr, when it cannot be loaded.
const jit::JitEntryPoints* loadJitOrSayWhy();

// The kernel compiler of an engine (null: the interpreter alone). The JIT
// module is loaded when kernels must be compiled, and runOnData says so
// when it cannot be (exit kUsageOrIoError, jit::jitModuleFailure()).
const eval::KernelCompiler* kernelCompilerFor(EngineChoice engine);

// Where compiled kernels are kept between runs (docs/evaluation.md, "The
// kernel cache"): $SLAC_CACHE_DIR/kernels, else $XDG_CACHE_HOME/slac/kernels,
// else ~/.cache/slac/kernels; empty when SLAC_NO_CACHE is set or there is
// no home.
std::string kernelCacheDirectory();

// The file a test block's `data` line names, relative to the .sla file.
DataSource testDataSource(const plan::Test& test, const plan::DataSource& data,
                          const SourceManager& sources);

// The files the program's calendars read their windows and closed dates
// from, relative to the .sla file that declares each.
std::vector<DataSource> calendarDataSources(const plan::Program& program,
                                            const SourceManager& sources);

// Adds the rows of a calendar's file (`source.calendarKind`) to `spec`.
// False when reading stopped: the reason was given to `onError` (a bad
// row) or written to stderr (an unreadable file).
bool readCalendarData(const DataSource& source, calendar::CalendarSpec& spec,
                      const std::function<bool(const ingest::DataError&)>& onError,
                      std::uint64_t& read);

// `file:line:column: what` for a place of `sources` (`what` alone when the
// place is unknown): where a data path was written.
std::string originAt(const SourceManager& sources, SourceRange range, std::string what);

// The report, or the exit code once the reason has been written to stderr.
std::variant<eval::Report, int> runOnData(const plan::Program& program,
                                          const std::vector<DataSource>& sources,
                                          const eval::EvaluationOptions& evaluation,
                                          const DataRunOptions& options);

} // namespace slac::driver
