// `slac check` end to end (load, parse, imports, every check) on a
// generated 10,000-objective agreement (target: under 1 s) and on 100
// example-sized files, copies of examples/ (target: under 2 s).
#include "compile/Compile.h"
#include "support/GeneratedAgreement.h"

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

void runCheck(benchmark::State& state, const std::vector<std::string>& paths) {
  for (auto _ : state) {
    slac::compile::Compilation compilation =
        slac::compile::compileFiles(paths, slac::compile::Options(slac::compile::Stage::Checked));
    if (compilation.diagnostics().hasErrors() || !compilation.plan()) {
      state.SkipWithError("the benchmark input does not check cleanly");
      break;
    }
    benchmark::DoNotOptimize(compilation.plan()->metrics.size());
  }
}

void BM_CheckObjectives(benchmark::State& state) {
  fs::path file = workDirectory() / fmt::format("portfolio-{}.sla", state.range(0));
  std::ofstream(file) << slac::bench::generatePortfolio(static_cast<int>(state.range(0)));
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
