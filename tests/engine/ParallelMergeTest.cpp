// Evaluators fed disjoint parts of the data on two threads and merged give
// exactly the report of one evaluator fed it all (Evaluator::merge), with
// both engines, on every example with data and on the desk tests; and with
// the misses `--explain` lists, which interval records keep apart.
#include "compile/Compile.h"
#include "driver/DataRun.h"
#include "eval/Evaluator.h"
#include "ingest/StreamReader.h"
#include "jit/JitLoader.h"
#include "report/Renderers.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <thread>

namespace slac {
namespace {

struct Case {
  std::string file;
  bool jit;
  bool explain = false; // keep and render the misses (the interpreter alone)
};

std::string nameOf(const testing::TestParamInfo<Case>& info) {
  std::string name = std::filesystem::path(info.param.file).stem().string();
  std::replace(name.begin(), name.end(), '-', '_');
  return name + (info.param.jit ? "_jit" : "_interp") + (info.param.explain ? "_explain" : "");
}

class ParallelMergeTest : public testing::TestWithParam<Case> {};

TEST_P(ParallelMergeTest, TwoThreadsMergedGiveTheSingleThreadReport) {
  // desk-tests.sla imports from tests/eval: the repository is the root.
  compile::Options compiling;
  compiling.roots.root = SLAC_SOURCE_DIR;
  compile::Compilation compilation =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/" + GetParam().file}, compiling);
  ASSERT_TRUE(compilation.plan().has_value());
  const plan::Program& program = *compilation.plan();
  ASSERT_FALSE(program.tests.empty());
  const plan::Test& test = program.tests.front();

  // A record per batch, so that both halves see every stream and many windows,
  // and neighbours (two misses of one window) are fed to different halves.
  std::vector<ingest::RecordBatch> batches;
  for (std::uint32_t source = 0; source < test.data.size(); ++source) {
    driver::DataSource data =
        driver::testDataSource(test, test.data[source], compilation.sources());
    std::ifstream input(data.path, std::ios::binary);
    ASSERT_TRUE(input) << data.path;
    ingest::StreamReader reader(program, data.stream, input, data.path,
                                ingest::formatOfPath(data.path));
    ingest::RecordBatch batch;
    while (reader.next(batch, 1, [](const ingest::DataError&) { return true; })) {
      batch.source = source;
      batches.push_back(batch);
    }
  }
  ASSERT_GT(batches.size(), 2u);

  eval::EvaluationOptions options;
  options.at = test.at;
  if (GetParam().jit) {
    auto loaded = jit::loadJit();
    auto* jit = std::get_if<const jit::JitEntryPoints*>(&loaded);
    ASSERT_TRUE(jit) << std::get<std::string>(loaded);
    options.compiler = (*jit)->compiler;
  }
  options.keepMisses = GetParam().explain;
  options.listedMisses = GetParam().explain ? 20 : 0;
  report::RenderOptions rendering;
  rendering.explain = GetParam().explain;
  auto create = [&] {
    auto created = eval::Evaluator::create(program, options);
    EXPECT_EQ(created.index(), 0u);
    return std::move(std::get<std::unique_ptr<eval::Evaluator>>(created));
  };
  auto reportOf = [&](eval::Evaluator& evaluator) {
    evaluator.settle();
    auto report = evaluator.finish();
    EXPECT_EQ(report.index(), 0u) << std::get<std::string>(report);
    return report::renderJson(std::get<eval::Report>(report), program, rendering);
  };

  auto single = create();
  std::size_t refusedAlone = 0;
  for (const ingest::RecordBatch& batch : batches)
    refusedAlone += single->feed(batch).size();
  std::string expected = reportOf(*single);
  // The misses --explain lists are merged too, not only counted.
  if (GetParam().explain) {
    EXPECT_NE(expected.find("\"record\": "), std::string::npos) << expected;
  }

  auto first = create();
  auto second = create();
  std::size_t refused[2] = {0, 0};
  auto feedHalf = [&](eval::Evaluator& evaluator, std::size_t half) {
    for (std::size_t index = half; index < batches.size(); index += 2)
      refused[half] += evaluator.feed(batches[index]).size();
  };
  std::thread other([&] { feedHalf(*second, 1); });
  feedHalf(*first, 0);
  other.join();
  first->merge(std::move(*second));
  EXPECT_EQ(refused[0] + refused[1], refusedAlone);
  EXPECT_EQ(reportOf(*first), expected);
}

std::vector<Case> cases() {
  std::vector<Case> result;
  for (const char* file :
       {"examples/msp-support.sla", "examples/saas-with-ola.sla", "examples/distributor.sla",
        "tests/cli/eval/desk-tests.sla", "examples/incident-availability.sla"})
    for (bool jit : {false, true})
      result.push_back({file, jit});
  result.push_back({"examples/msp-support.sla", false, true});
  result.push_back({"examples/incident-availability.sla", false, true});
  return result;
}

INSTANTIATE_TEST_SUITE_P(Examples, ParallelMergeTest, testing::ValuesIn(cases()), nameOf);

} // namespace
} // namespace slac
