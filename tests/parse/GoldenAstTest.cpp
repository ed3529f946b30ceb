// Each tests/parse/golden/NAME.sla parses without diagnostics and dumps to
// exactly NAME.ast. The .ast files were reviewed by reading them against
// their sources; regenerate with SLAC_UPDATE_GOLDEN=1 and review the diff.
#include "support/ParseSupport.h"

#include <gtest/gtest.h>

namespace slac::testing {
namespace {

class GoldenAstTest : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(GoldenAstTest, DumpMatchesGolden) {
  const std::filesystem::path& source = GetParam();
  std::filesystem::path golden = std::filesystem::path(source).replace_extension(".ast");
  // Named as `slac` run from the source tree names it, so that the CLI test
  // can compare `slac parse --dump-ast` with the same golden file.
  auto parsed =
      parseText(std::filesystem::relative(source, SLAC_SOURCE_DIR).string(), readFileBytes(source));
  ASSERT_TRUE(parsed->ast.has_value()) << ::testing::PrintToString(parsed->describeDiagnostics());
  EXPECT_TRUE(parsed->diagnostics.diagnostics().empty());
  if (updatingGoldenFiles()) {
    writeFileBytes(golden, parsed->dump());
    GTEST_SKIP() << "rewrote " << golden;
  }
  ASSERT_TRUE(std::filesystem::exists(golden)) << "no golden dump " << golden;
  EXPECT_EQ(parsed->dump(), readFileBytes(golden));
}

INSTANTIATE_TEST_SUITE_P(Constructs, GoldenAstTest,
                         ::testing::ValuesIn(sourceFilesIn("tests/parse/golden", ".sla")),
                         [](const auto& test) { return testNameFor(test.param); });

} // namespace
} // namespace slac::testing
