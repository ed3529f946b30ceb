// The population of a ratio in the plan, and the fix-it of E0620: applied
// to tests/check/ratios/trap.sla, every trap becomes a ratio with a
// population and the file checks clean.
#include "compile/Compile.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <unistd.h>

namespace slac::testing {
namespace {

namespace fs = std::filesystem;
using plan::ExprKind;

const fs::path kRatios = fs::path(SLAC_SOURCE_DIR) / "tests" / "check" / "ratios";

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const plan::Aggregate& ratioOf(const plan::Program& program, std::string_view metric) {
  for (const plan::Metric& candidate : program.metrics)
    if (candidate.name == metric) {
      EXPECT_EQ(candidate.value->kind, ExprKind::Aggregate);
      return program.aggregates.at(candidate.value->slot);
    }
  throw std::runtime_error("no metric " + std::string(metric));
}

TEST(RatioPopulation, TheWhereOfTheTwoArgumentFormIsThePopulation) {
  compile::Compilation compilation = compile::compileFiles(
      {(kRatios / "population.sla").string()}, compile::Options(compile::Stage::Checked));
  ASSERT_EQ(compilation.diagnostics().diagnostics().size(), 0u);
  ASSERT_TRUE(compilation.plan());
  const plan::Program& program = *compilation.plan();

  // ratio(ticket where severity == urgent, answered_in_time)
  const plan::Aggregate& urgent = ratioOf(program, "urgent_in_time");
  ASSERT_NE(urgent.population, nullptr);
  EXPECT_EQ(urgent.population->kind, ExprKind::Eq);
  ASSERT_NE(urgent.filter, nullptr);
  EXPECT_EQ(urgent.filter->kind, ExprKind::Let);

  // ratio(ticket, severity == urgent): no population, the condition only.
  const plan::Aggregate& share = ratioOf(program, "urgent_share");
  EXPECT_EQ(share.population, nullptr);
  ASSERT_NE(share.filter, nullptr);
  EXPECT_EQ(share.filter->kind, ExprKind::Eq);

  // The one-argument form keeps its meaning: `where` is the condition.
  const plan::Aggregate& both = ratioOf(program, "urgent_phone");
  EXPECT_EQ(both.population, nullptr);
  EXPECT_EQ(both.filter->kind, ExprKind::And);
}

TEST(RatioPopulation, TheFixItGivesEveryTrapItsPopulation) {
  fs::path original = kRatios / "trap.sla";
  compile::Compilation before =
      compile::compileFiles({original.string()}, compile::Options(compile::Stage::Checked));
  std::string text = readFile(original);

  std::vector<FixIt> fixIts;
  for (const Diagnostic& diagnostic : before.diagnostics().diagnostics()) {
    ASSERT_EQ(diagnostic.code(), "E0620");
    ASSERT_EQ(diagnostic.fixIts.size(), 1u);
    fixIts.push_back(diagnostic.fixIts.front());
  }
  ASSERT_EQ(fixIts.size(), 4u);
  const SourceFile* file = before.sources().fileContaining(fixIts.front().range.begin);
  ASSERT_NE(file, nullptr);
  // Applied from the end, so that earlier offsets stay valid.
  std::sort(fixIts.begin(), fixIts.end(),
            [](const FixIt& a, const FixIt& b) { return a.range.begin > b.range.begin; });
  for (const FixIt& fix : fixIts)
    text.replace(fix.range.begin.offset - file->base(),
                 fix.range.end.offset - fix.range.begin.offset, fix.replacement);
  EXPECT_NE(text.find("ratio(ticket where severity == urgent, answered_in_time)"),
            std::string::npos);
  EXPECT_NE(text.find("ratio(ticket where (severity == urgent or severity == normal) and "
                      "channel == phone, answered_in_time)"),
            std::string::npos)
      << text;

  fs::path fixed =
      fs::temp_directory_path() / ("slac-ratio-fixed-" + std::to_string(::getpid()) + ".sla");
  std::ofstream(fixed, std::ios::binary) << text;
  compile::Compilation after =
      compile::compileFiles({fixed.string()}, compile::Options(compile::Stage::Checked));
  fs::remove(fixed);
  EXPECT_EQ(after.diagnostics().diagnostics().size(), 0u);
  ASSERT_TRUE(after.plan());
  for (std::string_view metric : {"urgent_in_time", "also", "not_email", "several"}) {
    const plan::Aggregate& ratio = ratioOf(*after.plan(), metric);
    EXPECT_NE(ratio.population, nullptr) << metric;
    ASSERT_NE(ratio.filter, nullptr) << metric;
    EXPECT_EQ(ratio.filter->kind, ExprKind::Let) << metric;
  }
}

} // namespace
} // namespace slac::testing
