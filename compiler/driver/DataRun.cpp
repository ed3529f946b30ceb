#include "driver/DataRun.h"

#include "driver/Commands.h"
#include "ingest/StreamReader.h"
#include "jit/JitLoader.h"
#include "report/ValueFormat.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace slac::driver {

namespace {

// `slac eval --help` says the default: Commands.h cannot see ingest's.
static_assert(EvalOptions{}.chunkBytes == ingest::Parallelism::kDefaultChunkBytes);

// How many threads read a measurement file when their number is not
// asked for: one per core, but one for a plain file of less than 16 chunks
// (4 MiB by default), where starting the threads takes longer than they
// save (10,000 tickets, 1 MB, in 8.6 ms on one thread and 9.8 on two;
// 50,000 in 13.1 and 12.8: docs/performance.md, "Small files"). A pipe or
// compressed data may be long whatever its size: on every core.
constexpr std::size_t kChunksWorthThreads = 16;

unsigned readingThreads(const DataSource& source, ingest::Compression compression,
                        const DataRunOptions& options, unsigned threads) {
  if (options.threads > 0 || source.path == "-" || compression != ingest::Compression::None)
    return threads;
  std::error_code error;
  std::uintmax_t size = std::filesystem::file_size(source.path, error);
  return !error && size < kChunksWorthThreads * options.chunkBytes ? 1 : threads;
}

constexpr const char* kWithoutTheJit =
    "note: `--engine interp` evaluates without it, to the same results\n";

void sayTheJitCannotBeLoaded(const std::string& reason) {
  std::cerr << fmt::format("error: the JIT engine cannot be loaded: {}\n", reason);
}

class RejectLog {
public:
  // Opens `path` and writes the header; an error (the reason is on stderr)
  // when it cannot, so that a run never skips records into nothing.
  bool open(const std::string& path) {
    path_ = path;
    out_.open(path, std::ios::binary | std::ios::trunc);
    if (out_)
      out_ << "file,line,column,reason,message,record\n" << std::flush;
    return checked();
  }
  bool enabled() const { return out_.is_open(); }

  void write(const ingest::DataError& error) {
    if (!out_.is_open())
      return;
    out_ << report::csvCell(error.where.file) << ',' << error.where.line << ','
         << error.where.column << ',' << error.reason << ',' << report::csvCell(error.message)
         << ',' << report::csvCell(error.record) << '\n';
  }
  // Flushes what is written; false, with the reason on stderr, if any of it
  // could not be.
  bool finish() {
    if (!out_.is_open())
      return true;
    out_.flush();
    return checked();
  }

private:
  bool checked() {
    if (out_.good())
      return true;
    std::cerr << fmt::format("error: cannot write the rejects to `{}`: {}\n", path_,
                             std::strerror(errno));
    return false;
  }

  std::string path_;
  std::ofstream out_;
};

// Whether writing the rejects to `rejectsPath` would overwrite one of the
// data files before it is read: the same file under any spelling (same
// device and inode).
bool rejectsOverwriteData(const std::string& rejectsPath, const std::vector<DataSource>& sources) {
  for (const DataSource& source : sources) {
    std::error_code error;
    if (source.path != "-" && std::filesystem::equivalent(rejectsPath, source.path, error)) {
      std::cerr << fmt::format("error: --rejects `{}` is the data file `{}`; writing the "
                               "rejects would erase the data before it is read\n",
                               rejectsPath, source.path);
      return true;
    }
  }
  return false;
}

// A progress line on a terminal, at most once a second.
class Progress {
public:
  Progress() : enabled_(isatty(STDERR_FILENO)) {}
  void update(std::uint64_t records, const std::string& path) {
    if (!enabled_)
      return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::seconds(1))
      return;
    if (last_ == std::chrono::steady_clock::time_point{}) {
      last_ = now;
      return;
    }
    last_ = now;
    shown_ = true;
    std::cerr << fmt::format("\rslac eval: {} records read from {}\x1b[K", records, path)
              << std::flush;
  }
  ~Progress() {
    if (shown_)
      std::cerr << "\r\x1b[K" << std::flush;
  }

private:
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_{};
};

// Says which file cannot be read, who named it and, for the generated data
// of an example (a `generate.sh` beside it), how to make it.
void reportUnreadable(const DataSource& source, const char* reason) {
  std::cerr << fmt::format("error: cannot read `{}`: {}\n", source.path, reason);
  if (source.origin.empty())
    return;
  std::cerr << fmt::format("note: {}\n", source.origin);
  std::filesystem::path generator =
      std::filesystem::path(source.path).parent_path() / "generate.sh";
  std::error_code error;
  if (std::filesystem::is_regular_file(generator, error))
    std::cerr << fmt::format("note: this data is generated: run `sh {}` first\n",
                             generator.string());
}

// A record the evaluator refused, as a rejection of the file it came from.
// Filled member by member: from a braced temporary, GCC 12 at -O3 warns
// that the file name may be used uninitialized (a false
// -Wmaybe-uninitialized that breaks the Release build).
ingest::DataError rejection(const std::string& path, const eval::RecordError& problem) {
  ingest::DataError error;
  error.where.file = path;
  error.where.line = problem.line;
  error.where.column = 1;
  error.reason = problem.reason;
  error.message = problem.message;
  return error;
}

// Where a data path is written, for the note when it cannot be read:

// What a calendar file holds, as a stream ingest can read: windows have a
// start and an end instant, closed dates a local date; other columns are
// not read.
plan::Program calendarFileSchema(plan::CalendarFile::Kind kind) {
  plan::Program schema;
  plan::Stream& stream = schema.streams.emplace_back();
  stream.service = "calendar";
  auto field = [&](const char* name, plan::TypeKind type) {
    plan::Field& added = stream.fields.emplace_back();
    added.name = added.column = name;
    added.type = plan::Type::of(type);
  };
  if (kind == plan::CalendarFile::Kind::Windows) {
    stream.name = "windows";
    field("start", plan::TypeKind::Time);
    field("end", plan::TypeKind::Time);
  } else {
    stream.name = "closed";
    field("date", plan::TypeKind::Date);
  }
  stream.eventTime = 0;
  return schema;
}

} // namespace

std::string originAt(const SourceManager& sources, SourceRange range, std::string what) {
  const SourceFile* file = sources.fileContaining(range.begin);
  if (!file)
    return what;
  SourceFile::LineColumn position = file->lineColumn(range.begin);
  return fmt::format("{}:{}:{}: {}", file->name(), position.line, position.column, what);
}

bool readCalendarData(const DataSource& source, calendar::CalendarSpec& spec,
                      const std::function<bool(const ingest::DataError&)>& onError,
                      std::uint64_t& read) {
  std::ifstream file(source.path, std::ios::binary);
  if (!file) {
    reportUnreadable(source, std::strerror(errno));
    return false;
  }
  plan::Program schema = calendarFileSchema(source.calendarKind);
  ingest::StreamReader reader(schema, 0, file, source.path,
                              source.format.value_or(ingest::formatOfPath(source.path)),
                              ingest::compressionOfPath(source.path));
  ingest::RecordBatch batch;
  // A row at a time, so that a reversed window is reported in line order
  // with the rows ingest refuses (calendar files are short).
  while (reader.next(batch, 1, onError)) {
    for (std::size_t row = 0; row < batch.size(); ++row) {
      if (source.calendarKind == plan::CalendarFile::Kind::ClosedDates) {
        spec.closedDates.emplace_back(std::chrono::days(batch.columns[0].integers[row]));
        continue;
      }
      std::int64_t start = batch.columns[0].integers[row];
      std::int64_t end = batch.columns[1].integers[row];
      if (end > start) {
        spec.windows.push_back({start, end});
        continue;
      }
      ingest::DataError error;
      error.where = {source.path, batch.lines[row], 1};
      error.reason = "invalid_value";
      error.field = "end";
      error.message = fmt::format("end: the window ends at {}, not after its start {}",
                                  calendar::formatInstant(end), calendar::formatInstant(start));
      if (!onError(error))
        return false;
    }
  }
  read += reader.recordsRead();
  if (reader.failed())
    return false;
  return true;
}

std::vector<DataSource> calendarDataSources(const plan::Program& program,
                                            const SourceManager& sources) {
  std::vector<DataSource> result;
  for (std::uint32_t index = 0; index < program.calendars.size(); ++index)
    for (const plan::CalendarFile& file : program.calendars[index].files) {
      bool windows = file.kind == plan::CalendarFile::Kind::Windows;
      DataSource& source = result.emplace_back();
      source.path = (std::filesystem::path(file.directory) / file.path).string();
      source.origin =
          originAt(sources, file.range,
                   fmt::format("named by `{} from` in calendar `{}`", windows ? "window" : "closed",
                               program.calendars[index].name));
      source.calendar = index;
      source.calendarKind = file.kind;
    }
  return result;
}

DataSource testDataSource(const plan::Test& test, const plan::DataSource& data,
                          const SourceManager& sources) {
  DataSource source;
  source.stream = data.stream;
  source.path = (std::filesystem::path(test.directory) / data.path).string();
  source.origin =
      originAt(sources, data.range,
               fmt::format("named by the `data` line of test \"{}\"", test.description));
  return source;
}

const jit::JitEntryPoints* loadJitOrSayWhy() {
  auto loaded = jit::loadJit();
  if (auto* reason = std::get_if<std::string>(&loaded)) {
    sayTheJitCannotBeLoaded(*reason);
    return nullptr;
  }
  return std::get<const jit::JitEntryPoints*>(loaded);
}

const eval::KernelCompiler* kernelCompilerFor(EngineChoice engine) {
  if (engine == EngineChoice::Interp)
    return nullptr;
  return &jit::kernelCompiler();
}

std::string kernelCacheDirectory() {
  auto variable = [](const char* name) {
    const char* value = std::getenv(name);
    return std::string(value ? value : "");
  };
  if (!variable("SLAC_NO_CACHE").empty())
    return {};
  std::filesystem::path root;
  if (std::string chosen = variable("SLAC_CACHE_DIR"); !chosen.empty())
    root = chosen;
  else if (std::string xdg = variable("XDG_CACHE_HOME"); !xdg.empty())
    root = std::filesystem::path(xdg) / "slac";
  else if (std::string home = variable("HOME"); !home.empty())
    root = std::filesystem::path(home) / ".cache" / "slac";
  else
    return {};
  return (root / "kernels").string();
}

std::variant<eval::Report, int> runOnData(const plan::Program& program,
                                          const std::vector<DataSource>& sources,
                                          const eval::EvaluationOptions& evaluation,
                                          const DataRunOptions& options) {
  RejectLog rejects;
  if (!options.rejectsPath.empty() &&
      (rejectsOverwriteData(options.rejectsPath, sources) || !rejects.open(options.rejectsPath)))
    return kUsageOrIoError;
  std::uint64_t read = 0;
  std::uint64_t rejected = 0;
  std::map<std::string, std::uint64_t> byReason;
  bool stopped = false;
  auto onError = [&](const ingest::DataError& error) {
    // A missing column or quoting that hides where records end is no bad
    // record but a wrong file: nothing to skip.
    if (!options.skipBadRecords || error.stopsReading) {
      std::cerr << fmt::format("error: {}:{}:{}: {}\n", error.where.file, error.where.line,
                               error.where.column, error.message);
      stopped = true;
      return false;
    }
    ++byReason[error.reason];
    ++rejected;
    rejects.write(error);
    return true;
  };
  // The calendars' own files first: every record is judged with the
  // calendars complete.
  eval::EvaluationOptions withCalendars = evaluation;
  for (const DataSource& source : sources) {
    if (!source.calendar)
      continue;
    if (withCalendars.calendars.empty())
      for (const plan::Calendar& planned : program.calendars)
        withCalendars.calendars.push_back(planned.spec);
    if (!readCalendarData(source, withCalendars.calendars[*source.calendar], onError, read))
      return stopped ? kErrorsFound : kUsageOrIoError;
  }
  std::uint64_t readOfCalendars = read;
  std::uint64_t rejectedOfCalendars = rejected;
  // As many threads compile the kernels as parse the data.
  const unsigned threads =
      options.threads > 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
  withCalendars.compileThreads = threads;
  if (withCalendars.compiler)
    withCalendars.kernelCache = kernelCacheDirectory();
  auto created = eval::Evaluator::create(program, withCalendars);
  if (auto* message = std::get_if<std::string>(&created)) {
    // The module is loaded only when kernels must be compiled: its absence
    // is a problem of the installation, not of the program.
    if (auto reason = jit::jitModuleFailure()) {
      sayTheJitCannotBeLoaded(*reason);
      std::cerr << kWithoutTheJit;
      return kUsageOrIoError;
    }
    std::cerr << "error: " << *message << "\n";
    return kErrorsFound;
  }
  eval::Evaluator& evaluator = *std::get<std::unique_ptr<eval::Evaluator>>(created);
  if (options.verbose)
    std::cerr << evaluator.engineStatistics();
  // On several threads, the records of a stream the interpreter evaluates
  // (most of the time then) are evaluated by the parser that read them,
  // with an evaluator of its own, merged at the end (Evaluator::merge);
  // compiled kernels cost little beside parsing, and keep one state on
  // this thread. Not when status changes pause clocks: those must reach
  // every evaluator before the records they pause.
  auto parsersEvaluate = [&](std::uint32_t stream, unsigned readers) {
    return readers > 1 && program.pauseSources.empty() && evaluator.interprets(stream);
  };
  std::vector<std::unique_ptr<eval::Evaluator>> siblings;
  std::mutex outgrewMutex;
  std::optional<std::string> outgrew; // the first evaluator over the memory budget says why
  Progress progress;
  // Status changes first: a record's clock pauses are complete when its
  // lets are computed. Otherwise in the order given (rejects keep it).
  std::vector<std::uint32_t> order;
  for (bool pausesPass : {true, false})
    for (std::uint32_t index = 0; index < sources.size(); ++index)
      if (!sources[index].calendar && program.holdsPauses(sources[index].stream) == pausesPass)
        order.push_back(index);
  for (std::uint32_t index : order) {
    const DataSource& source = sources[index];
    std::ifstream file;
    if (source.path != "-") {
      file.open(source.path, std::ios::binary);
      if (!file) {
        reportUnreadable(source, std::strerror(errno));
        return kUsageOrIoError;
      }
    }
    std::istream& input = source.path == "-" ? std::cin : file;
    ingest::Parallelism parallelism;
    ingest::Compression compression =
        source.compression.value_or(ingest::compressionOfPath(source.path));
    parallelism.threads = readingThreads(source, compression, options, threads);
    parallelism.chunkBytes = options.chunkBytes;
    // Several threads read a plain file where the kernel maps it, without
    // copying it (docs/performance.md, "eighth session: a file
    // mapped, not read").
    std::unique_ptr<ingest::MappedFile> mapped;
    if (parallelism.threads > 1 && compression == ingest::Compression::None && source.path != "-")
      mapped = ingest::MappedFile::open(source.path);
    parallelism.mapped = mapped.get();
    if (options.verbose && parallelism.threads < threads)
      std::cerr << fmt::format("{}: read on one thread, a file of less than {} bytes (--threads "
                               "N to choose)\n",
                               source.path, kChunksWorthThreads * options.chunkBytes);
    ingest::StreamReader reader(program, source.stream, input, source.path,
                                source.format.value_or(ingest::formatOfPath(source.path)),
                                compression, parallelism, evaluator.fieldsRead(source.stream));
    ingest::StreamReader::Consumer consumer;
    consumer.onParsers = parsersEvaluate(source.stream, parallelism.threads);
    // As many as threads: a file read on several is read on all.
    if (consumer.onParsers && siblings.empty())
      for (unsigned worker = 0; worker < parallelism.threads; ++worker)
        siblings.push_back(evaluator.sibling());
    if (options.verbose && consumer.onParsers)
      std::cerr << fmt::format("{}: evaluated by the {} parsing threads (interpreted), merged at "
                               "the end\n",
                               source.path, parallelism.threads);
    consumer.onError = onError;
    consumer.progress = [&] { progress.update(reader.recordsRead(), source.path); };
    consumer.take = [&](unsigned worker, ingest::RecordBatch& rows,
                        std::vector<ingest::RowRefusal>& refused) {
      rows.source = index;
      // Records of a sequential section (a record longer than four chunks)
      // come on this thread (`worker` == threads), as all of a file read on
      // one.
      eval::Evaluator& taker =
          consumer.onParsers && worker < siblings.size() ? *siblings[worker] : evaluator;
      for (const eval::RecordError& problem : taker.feed(rows)) {
        // A batch's lines increase: the refused record's row is its line's.
        auto row = std::lower_bound(rows.lines.begin(), rows.lines.end(), problem.line);
        refused.push_back(
            {static_cast<std::size_t>(row - rows.lines.begin()), rejection(source.path, problem)});
      }
      std::stable_sort(refused.begin(), refused.end(),
                       [](const auto& a, const auto& b) { return a.row < b.row; });
      if (auto problem = taker.overBudget()) {
        std::lock_guard lock(outgrewMutex);
        if (!outgrew)
          outgrew = std::move(problem);
        return false;
      }
      return true;
    };
    reader.consume(options.batchSize, consumer);
    if (outgrew) {
      std::cerr << "error: " << *outgrew << "\n";
      return kErrorsFound;
    }
    read += reader.recordsRead();
    if (stopped || reader.failed()) {
      if (!stopped)
        std::cerr << fmt::format("error: reading `{}` stopped\n", source.path);
      return kErrorsFound;
    }
  }
  for (std::unique_ptr<eval::Evaluator>& sibling : siblings)
    evaluator.merge(std::move(*sibling));
  siblings.clear();
  // In file order (the order the sources were read, then lines), whichever
  // evaluator kept the records.
  std::vector<std::uint32_t> rankOf(sources.size());
  for (std::uint32_t rank = 0; rank < order.size(); ++rank)
    rankOf[order[rank]] = rank;
  std::vector<eval::RecordError> settled = evaluator.settle();
  std::stable_sort(settled.begin(), settled.end(), [&](const auto& a, const auto& b) {
    return std::pair(rankOf[a.source], a.line) < std::pair(rankOf[b.source], b.line);
  });
  for (const eval::RecordError& problem : settled) {
    ingest::DataError error = rejection(sources[problem.source].path, problem);
    if (!onError(error))
      return kErrorsFound;
  }
  if (!rejects.finish())
    return kUsageOrIoError;
  if (read - readOfCalendars == rejected - rejectedOfCalendars && !evaluation.at &&
      !evaluation.from) {
    std::cerr << "error: no record to evaluate: the data holds none"
              << (rejected > 0 ? " that was accepted" : "")
              << "; give --period (or --from) and --at to report empty windows\n";
    return kErrorsFound;
  }
  auto finished = evaluator.finish();
  if (const std::string* problem = std::get_if<std::string>(&finished)) {
    std::cerr << "error: " << *problem << "\n";
    return kErrorsFound;
  }
  eval::Report& report = std::get<eval::Report>(finished);
  report.recordsRead = read;
  report.recordsRejected = rejected;
  report.rejectedByReason = byReason;
  for (const DataSource& source : sources)
    report.dataSources.push_back(source.path);
  return std::move(report);
}

} // namespace slac::driver
