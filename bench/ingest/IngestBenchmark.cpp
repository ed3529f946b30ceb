// Parsing alone (issue 14, acceptance 1): StreamReader from a CSV file on
// disk (in the page cache after the first run) into columnar batches, no
// evaluation, in MB/s of the file:
//   Probes   10^7 probes `t,ok` (bench/engine/probes.sla)
//   Tickets  10^6 tickets of examples/msp-support.sla (7 columns, 3 times)
// each with the fast reader (StreamReader) and the reader it replaced (the
// property test's reference, tests/ingest/ReferenceCsvBatches.h).
//
// The files are bench/engine/generate.py's, in $SLAC_BENCH_DATA (default:
// BUILD/bench-data, where bench/ingest/compare.py writes them): the same
// files the hand-written reader and DuckDB read.
#include "ReferenceCsvBatches.h"
#include "driver/Compilation.h"
#include "ingest/StreamReader.h"

#include <benchmark/benchmark.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

namespace {

constexpr std::size_t kBatchRows = 4096;

const slac::plan::Program& programOf(const std::string& path) {
  static std::map<std::string, std::unique_ptr<slac::driver::Compilation>> compilations;
  auto& compilation = compilations[path];
  if (!compilation) {
    compilation = std::make_unique<slac::driver::Compilation>(0);
    compilation->check({std::string(SLAC_SOURCE_DIR) + "/" + path});
    if (!compilation->plan)
      throw std::runtime_error(path + " does not check");
  }
  return *compilation->plan;
}

std::string dataFile(const std::string& name) {
  const char* directory = std::getenv("SLAC_BENCH_DATA");
  return (directory ? std::string(directory) : std::string(SLAC_BINARY_DIR) + "/bench-data") + "/" +
         name;
}

struct Workload {
  const char* sla;
  const char* file;
};

const Workload kProbes{"bench/engine/probes.sla", "probes-10000000.csv"};
const Workload kTickets{"examples/msp-support.sla", "tickets-1000000.csv"};

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
    rows = read(program, input, path);
    if (rows < 0) {
      state.SkipWithError("the file has rejected records");
      return;
    }
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.SetBytesProcessed(state.iterations() *
                          static_cast<std::int64_t>(std::filesystem::file_size(path)));
}

std::int64_t readFast(const slac::plan::Program& program, std::istream& input,
                      const std::string& path) {
  slac::ingest::StreamReader reader(program, 0, input, path, slac::ingest::DataFormat::Csv);
  slac::ingest::RecordBatch batch;
  std::int64_t rows = 0;
  while (reader.next(batch, kBatchRows, [](const slac::ingest::DataError&) { return false; }))
    rows += static_cast<std::int64_t>(batch.size());
  benchmark::DoNotOptimize(batch);
  return reader.failed() ? -1 : rows;
}

std::int64_t readAsBefore(const slac::plan::Program& program, std::istream& input,
                          const std::string& path) {
  slac::testing::ReadOutcome outcome =
      slac::testing::readCsvAsReference(program, 0, input, path, kBatchRows);
  return outcome.errors.empty() ? static_cast<std::int64_t>(outcome.read) : -1;
}

void BM_ParseProbes(benchmark::State& state) {
  measure(state, kProbes, readFast);
}
void BM_ParseProbesReference(benchmark::State& state) {
  measure(state, kProbes, readAsBefore);
}
void BM_ParseTickets(benchmark::State& state) {
  measure(state, kTickets, readFast);
}
void BM_ParseTicketsReference(benchmark::State& state) {
  measure(state, kTickets, readAsBefore);
}

BENCHMARK(BM_ParseProbes)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ParseProbesReference)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ParseTickets)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ParseTicketsReference)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
