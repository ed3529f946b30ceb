// `slac check` end to end (load, parse, imports, every check) on a
// generated 10,000-objective agreement (target: under 1 s) and on 100
// example-sized files, copies of examples/ (target: under 2 s).
#include "driver/Compilation.h"

#include <benchmark/benchmark.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

fs::path workDirectory() {
  static const fs::path directory = [] {
    fs::path path = fs::temp_directory_path() / fmt::format("slac-check-bench-{}", ::getpid());
    fs::create_directories(path);
    return path;
  }();
  return directory;
}

std::string generateAgreement(int objectives) {
  std::string text = R"(import std.holidays.germany

calendar office {
  zone "Europe/Berlin"
  mon-fri 08:00-18:00
  closed germany.national, 2026-12-24 to 2026-12-26
  business day = 10h
}

service portal {
  enum Tier { gold, silver, bronze }
  stream probe at t {
    t: time
    ok: bool
    latency: duration
    tier: Tier
    customer: string
    let target = match tier { gold => 200ms, silver => 500ms, bronze => 1s }
    let fast = latency <= target
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
  return text + "  cap credits 100% per month\n}\n";
}

void runCheck(benchmark::State& state, const std::vector<std::string>& paths) {
  for (auto _ : state) {
    slac::driver::Compilation compilation(50);
    compilation.check(paths);
    if (compilation.diagnostics.hasErrors()) {
      state.SkipWithError("the benchmark input does not check cleanly");
      break;
    }
    benchmark::DoNotOptimize(compilation.diagnostics.errorCount());
  }
}

void BM_CheckObjectives(benchmark::State& state) {
  fs::path file = workDirectory() / fmt::format("portfolio-{}.sla", state.range(0));
  std::ofstream(file) << generateAgreement(static_cast<int>(state.range(0)));
  runCheck(state, {file.string()});
  state.counters["objectives"] = static_cast<double>(state.range(0));
}
BENCHMARK(BM_CheckObjectives)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMillisecond);

// 100 files: the examples copied 25 times each (with the files they import).
void BM_CheckHundredExampleFiles(benchmark::State& state) {
  fs::path examples = fs::path(SLAC_SOURCE_DIR) / "examples";
  fs::path copies = workDirectory() / "examples";
  fs::create_directories(copies / "holidays");
  fs::copy(examples / "holidays", copies / "holidays",
           fs::copy_options::overwrite_existing | fs::copy_options::recursive);
  std::vector<std::string> paths;
  for (int copy = 0; paths.size() < 100; ++copy)
    for (const auto& entry : fs::directory_iterator(examples))
      if (entry.path().extension() == ".sla" && paths.size() < 100) {
        fs::path target = copies / fmt::format("{}-{}.sla", entry.path().stem().string(), copy);
        fs::copy_file(entry.path(), target, fs::copy_options::overwrite_existing);
        paths.push_back(target.string());
      }
  runCheck(state, paths);
  state.counters["files"] = static_cast<double>(paths.size());
}
BENCHMARK(BM_CheckHundredExampleFiles)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  fs::remove_all(workDirectory());
}
