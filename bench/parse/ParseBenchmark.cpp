// How long parsing takes for a large agreement: a generated file with
// 10,000 objectives (and a remedy for every tenth), the size of a big MSP's
// whole contract portfolio in one file. The target is under one second.
#include "ast/AstContext.h"
#include "diagnostics/DiagnosticEngine.h"
#include "parse/Parser.h"
#include "source/SourceManager.h"
#include "support/GeneratedAgreement.h"

#include <benchmark/benchmark.h>
#include <string>

namespace {

void BM_ParseObjectives(benchmark::State& state) {
  const std::string text = slac::bench::generatePortfolio(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    slac::SourceManager sources;
    slac::DiagnosticEngine diagnostics;
    slac::ast::AstContext context;
    const slac::SourceFile& file = sources.addFile("portfolio.sla", text);
    auto ast = slac::parse::parseFile(file, context, diagnostics);
    if (!ast) {
      state.SkipWithError("the generated agreement does not parse");
      break;
    }
    benchmark::DoNotOptimize(ast);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.counters["objectives"] = static_cast<double>(state.range(0));
}

BENCHMARK(BM_ParseObjectives)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
