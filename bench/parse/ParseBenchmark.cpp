// How long parsing takes for a large agreement: a generated file with
// 10,000 objectives (and a remedy for every tenth), the size of a big MSP's
// whole contract portfolio in one file. The target is under one second.
#include "ast/AstContext.h"
#include "diagnostics/DiagnosticEngine.h"
#include "parse/Parser.h"
#include "source/SourceManager.h"

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <string>

namespace {

std::string generateAgreement(int objectives) {
  std::string text = R"(calendar office {
  zone "Europe/Berlin"
  mon-fri 08:00-18:00
  closed 2026-12-24 to 2026-12-26
  business day = 10h
}

service portal {
  stream probe at t {
    t: time
    ok: bool
    latency: duration
  }
  metric availability = ratio(probe where ok)
  metric p95 = percentile(probe.latency where ok, 95)
}

agreement portfolio {
  provider "Example Cloud GmbH"
  customer "ACME Corp"
  effective 2026-01-01 to 2026-12-31
  fee 12000.00 EUR per month
)";
  for (int i = 0; i < objectives; ++i) {
    if (i % 2 == 0)
      text += fmt::format("  objective availability_{0} \"Availability of unit {0}\": "
                          "portal.availability >= 99.{1}% during office over month\n",
                          i, i % 10);
    else
      text += fmt::format("  objective latency_{}: portal.p95 <= {}ms excluding office "
                          "over rolling 28d per customer when no data met\n",
                          i, 100 + i % 400);
    if (i % 10 == 0)
      text += fmt::format("  remedy credits_{0} on availability_{0} {{\n"
                          "    below 99.{1}% credit 10%\n    below 95% credit 25%\n"
                          "    cap 50%\n  }}\n",
                          i, i % 10);
  }
  return text + "}\n";
}

void BM_ParseObjectives(benchmark::State& state) {
  const std::string text = generateAgreement(static_cast<int>(state.range(0)));
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
