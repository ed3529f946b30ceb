// The reference interpreter's throughput: the baseline the JIT issue will be
// measured against. Tickets of the MSP example (match on priority, deadline
// and elapsed on a business calendar with holidays, per-customer groups),
// read from CSV in memory and evaluated in batches of 4,096.
#include "compile/Compile.h"
#include "eval/Evaluator.h"
#include "ingest/StreamReader.h"
#include "support/GeneratedData.h"

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <sstream>

namespace {

const slac::plan::Program& mspProgram() {
  static const slac::compile::Compilation compilation =
      slac::compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/examples/msp-support.sla"});
  if (!compilation.plan())
    throw std::runtime_error("the MSP example does not check");
  return *compilation.plan();
}

void BM_EvaluateTickets(benchmark::State& state) {
  const slac::plan::Program& program = mspProgram();
  std::string csv = slac::bench::generateTicketsCsv(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    slac::eval::EvaluationOptions options;
    options.at = 1775001600'000'000; // 2026-04-01T00:00:00Z
    auto created = slac::eval::Evaluator::create(program, options);
    auto& evaluator = std::get<std::unique_ptr<slac::eval::Evaluator>>(created);
    std::istringstream input(csv);
    slac::ingest::StreamReader reader(program, 0, input, "tickets.csv",
                                      slac::ingest::DataFormat::Csv);
    slac::ingest::RecordBatch batch;
    std::size_t rejected = 0;
    while (reader.next(batch, 4096, [](const slac::ingest::DataError&) { return false; }))
      rejected += evaluator->feed(batch).size();
    if (reader.failed() || rejected > 0) {
      state.SkipWithError("the generated tickets have data errors");
      break;
    }
    evaluator->settle();
    benchmark::DoNotOptimize(evaluator->finish().index());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["records"] = static_cast<double>(state.range(0));
}
BENCHMARK(BM_EvaluateTickets)->Arg(100'000)->Unit(benchmark::kMillisecond);

void BM_ReadCsv(benchmark::State& state) {
  const slac::plan::Program& program = mspProgram();
  std::string csv = slac::bench::generateTicketsCsv(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    std::istringstream input(csv);
    slac::ingest::StreamReader reader(program, 0, input, "tickets.csv",
                                      slac::ingest::DataFormat::Csv);
    slac::ingest::RecordBatch batch;
    std::size_t rows = 0;
    while (reader.next(batch, 4096, [](const slac::ingest::DataError&) { return false; }))
      rows += batch.size();
    if (rows != static_cast<std::size_t>(state.range(0))) {
      state.SkipWithError("the generated tickets have data errors");
      break;
    }
    benchmark::DoNotOptimize(rows);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(csv.size()));
}
BENCHMARK(BM_ReadCsv)->Arg(100'000)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
