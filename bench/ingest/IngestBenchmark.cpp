// Parsing alone (issue 14, acceptance 1): StreamReader from a CSV or
// NDJSON file on disk (in the page cache after the first run) into
// columnar batches, no evaluation, in MB/s of the file:
//   Probes   10^7 probes `t,ok` (bench/engine/probes.sla)
//   Tickets  10^6 tickets of examples/msp-support.sla (7 columns, 3 times)
// each with the fast reader (StreamReader) and the reader it replaced (the
// property tests' references, tests/ingest/ReferenceCsvBatches.h and
// ReferenceNdjsonBatches.h). For NDJSON, a hand-written simdjson loop over
// the same file (every line parsed, every value's text found, nothing
// converted) is the limit.
//
// The files are bench/engine/generate.py's, in $SLAC_BENCH_DATA (default:
// BUILD/bench-data, where bench/ingest/compare.py writes them): the same
// files the hand-written reader and DuckDB read.
#include "ReferenceCsvBatches.h"
#include "ReferenceNdjsonBatches.h"
#include "compile/Compile.h"
#include "ingest/StreamReader.h"

#include <benchmark/benchmark.h>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <simdjson.h>

namespace {

constexpr std::size_t kBatchRows = 4096;

const slac::plan::Program& programOf(const std::string& path) {
  static std::map<std::string, std::unique_ptr<slac::compile::Compilation>> compilations;
  auto& compilation = compilations[path];
  if (!compilation) {
    compilation = std::make_unique<slac::compile::Compilation>(
        slac::compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/" + path}));
    if (!compilation->plan())
      throw std::runtime_error(path + " does not check");
  }
  return *compilation->plan();
}

std::string dataFile(const std::string& name) {
  const char* directory = std::getenv("SLAC_BENCH_DATA");
  return (directory ? std::string(directory) : std::string(SLAC_BINARY_DIR) + "/bench-data") + "/" +
         name;
}

struct Workload {
  const char* sla;
  const char* file;
  slac::ingest::DataFormat format;
};

using slac::ingest::DataFormat;
const Workload kProbes{"bench/engine/probes.sla", "probes-10000000.csv", DataFormat::Csv};
const Workload kTickets{"examples/msp-support.sla", "tickets-1000000.csv", DataFormat::Csv};
const Workload kProbesNdjson{"bench/engine/probes.sla", "probes-10000000.ndjson",
                             DataFormat::Ndjson};
const Workload kTicketsNdjson{"examples/msp-support.sla", "tickets-1000000.ndjson",
                              DataFormat::Ndjson};

// Runs `read` (returns the rows read, or -1 on an error) over the file.
template <class Read> void measure(benchmark::State& state, const Workload& workload, Read read) {
  std::string path = dataFile(workload.file);
  if (!std::filesystem::exists(path)) {
    state.SkipWithError((path + " is missing: run bench/ingest/compare.py").c_str());
    return;
  }
  const slac::plan::Program& program = programOf(workload.sla);
  std::int64_t rows = 0;
  for (auto _ : state) {
    std::ifstream input(path, std::ios::binary);
    rows = read(program, input, path, workload.format);
    if (rows < 0) {
      state.SkipWithError("the file has rejected records");
      return;
    }
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.SetBytesProcessed(state.iterations() *
                          static_cast<std::int64_t>(std::filesystem::file_size(path)));
}

std::int64_t readOnThreads(const slac::plan::Program& program, std::istream& input,
                           const std::string& path, DataFormat format, unsigned threads) {
  slac::ingest::Parallelism parallelism;
  parallelism.threads = threads;
  slac::ingest::StreamReader reader(program, 0, input, path, format,
                                    slac::ingest::Compression::None, parallelism);
  slac::ingest::RecordBatch batch;
  std::int64_t rows = 0;
  while (reader.next(batch, kBatchRows, [](const slac::ingest::DataError&) { return false; }))
    rows += static_cast<std::int64_t>(batch.size());
  benchmark::DoNotOptimize(batch);
  return reader.failed() ? -1 : rows;
}

std::int64_t readFast(const slac::plan::Program& program, std::istream& input,
                      const std::string& path, DataFormat format) {
  return readOnThreads(program, input, path, format, 1);
}

// Two parser threads (docs/data.md, "Threads"); the reading thread and this
// one, which takes the batches, come in addition. Its CPU time is the
// process's: every thread's.
std::int64_t readOnTwoThreads(const slac::plan::Program& program, std::istream& input,
                              const std::string& path, DataFormat format) {
  return readOnThreads(program, input, path, format, 2);
}

std::int64_t readAsBefore(const slac::plan::Program& program, std::istream& input,
                          const std::string& path, DataFormat format) {
  slac::testing::ReadOutcome outcome =
      format == DataFormat::Csv
          ? slac::testing::readCsvAsReference(program, 0, input, path, kBatchRows)
          : slac::testing::readNdjsonAsReference(program, 0, input, path, kBatchRows);
  return outcome.errors.empty() ? static_cast<std::int64_t>(outcome.read) : -1;
}

// The limit for NDJSON: simdjson On-Demand over the same blocks of lines,
// each line parsed where it lies and each value's text found (a string
// unescaped, a number's or literal's token), nothing converted or stored.
std::int64_t readWithSimdjsonAlone(const slac::plan::Program&, std::istream& input,
                                   const std::string&, DataFormat) {
  constexpr std::size_t kBlock = 1 << 17;
  std::vector<char> buffer(kBlock + simdjson::SIMDJSON_PADDING + (1 << 20));
  simdjson::ondemand::parser parser;
  std::size_t kept = 0;
  std::int64_t rows = 0;
  std::size_t bytes = 0;
  while (true) {
    input.read(buffer.data() + kept, kBlock);
    std::size_t end = kept + static_cast<std::size_t>(input.gcount());
    if (end == kept)
      break;
    std::size_t start = 0;
    while (true) {
      const char* newline =
          static_cast<const char*>(std::memchr(buffer.data() + start, '\n', end - start));
      if (!newline)
        break;
      std::size_t length = static_cast<std::size_t>(newline - buffer.data()) - start;
      simdjson::ondemand::document document;
      simdjson::ondemand::object object;
      if (parser.iterate(buffer.data() + start, length, buffer.size() - start).get(document) ||
          document.get_object().get(object))
        return -1;
      for (auto member : object) {
        simdjson::ondemand::field field;
        std::string_view text;
        if (std::move(member).get(field))
          return -1;
        simdjson::ondemand::value value = field.value();
        if (value.get_string().get(text))
          text = value.raw_json_token();
        bytes += text.size();
      }
      ++rows;
      start += length + 1;
    }
    kept = end - start;
    std::memmove(buffer.data(), buffer.data() + start, kept);
  }
  benchmark::DoNotOptimize(bytes);
  return rows;
}

void BM_ParseProbes(benchmark::State& state) {
  measure(state, kProbes, readFast);
}
void BM_ParseProbesOnTwoThreads(benchmark::State& state) {
  measure(state, kProbes, readOnTwoThreads);
}
void BM_ParseProbesReference(benchmark::State& state) {
  measure(state, kProbes, readAsBefore);
}
void BM_ParseTickets(benchmark::State& state) {
  measure(state, kTickets, readFast);
}
void BM_ParseTicketsOnTwoThreads(benchmark::State& state) {
  measure(state, kTickets, readOnTwoThreads);
}
void BM_ParseTicketsReference(benchmark::State& state) {
  measure(state, kTickets, readAsBefore);
}

void BM_ParseProbesNdjson(benchmark::State& state) {
  measure(state, kProbesNdjson, readFast);
}
void BM_ParseProbesNdjsonOnTwoThreads(benchmark::State& state) {
  measure(state, kProbesNdjson, readOnTwoThreads);
}
void BM_ParseProbesNdjsonReference(benchmark::State& state) {
  measure(state, kProbesNdjson, readAsBefore);
}
void BM_ParseProbesNdjsonSimdjson(benchmark::State& state) {
  measure(state, kProbesNdjson, readWithSimdjsonAlone);
}
void BM_ParseTicketsNdjson(benchmark::State& state) {
  measure(state, kTicketsNdjson, readFast);
}
void BM_ParseTicketsNdjsonOnTwoThreads(benchmark::State& state) {
  measure(state, kTicketsNdjson, readOnTwoThreads);
}
void BM_ParseTicketsNdjsonReference(benchmark::State& state) {
  measure(state, kTicketsNdjson, readAsBefore);
}
void BM_ParseTicketsNdjsonSimdjson(benchmark::State& state) {
  measure(state, kTicketsNdjson, readWithSimdjsonAlone);
}

BENCHMARK(BM_ParseProbes)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ParseProbesOnTwoThreads)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();
BENCHMARK(BM_ParseProbesReference)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ParseTickets)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ParseTicketsOnTwoThreads)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();
BENCHMARK(BM_ParseTicketsReference)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ParseProbesNdjson)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ParseProbesNdjsonOnTwoThreads)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();
BENCHMARK(BM_ParseProbesNdjsonReference)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ParseProbesNdjsonSimdjson)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ParseTicketsNdjson)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ParseTicketsNdjsonOnTwoThreads)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();
BENCHMARK(BM_ParseTicketsNdjsonReference)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ParseTicketsNdjsonSimdjson)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
