// The pipeline as one call (compile/Compile.h): where each stage stops,
// what the result owns after it moves, overlays in place of files.
#include "compile/Compile.h"

#include <gtest/gtest.h>
#include <string>
#include <utility>

namespace slac::testing {
namespace {

const std::string kMsp = std::string(SLAC_SOURCE_DIR) + "/examples/msp-support.sla";

// msp-support.sla imports a holiday calendar of the standard library.
TEST(CompileFiles, ParsedStopsBeforeTheImports) {
  compile::Compilation compilation =
      compile::compileFiles({kMsp}, compile::Options(compile::Stage::Parsed));
  EXPECT_FALSE(compilation.diagnostics().hasErrors());
  EXPECT_EQ(compilation.files().size(), 1u);
  EXPECT_TRUE(compilation.roots().empty());
  EXPECT_TRUE(compilation.modules().empty());
  EXPECT_FALSE(compilation.plan().has_value());
}

TEST(CompileFiles, CheckedLoadsTheImportsAndBuildsThePlan) {
  compile::Compilation compilation =
      compile::compileFiles({kMsp}, compile::Options(compile::Stage::Checked));
  EXPECT_FALSE(compilation.diagnostics().hasErrors());
  EXPECT_TRUE(compilation.files().empty());
  ASSERT_EQ(compilation.roots().size(), 1u);
  ASSERT_NE(compilation.roots().front(), nullptr);
  EXPECT_GT(compilation.modules().size(), 1u); // the file and what it imports
  EXPECT_TRUE(compilation.plan().has_value());
  EXPECT_TRUE(compilation.brokenInvariants().empty());
}

TEST(CompileFiles, VerifiedIsTheDefaultAndKeepsASoundPlan) {
  compile::Compilation compilation = compile::compileFiles({kMsp});
  ASSERT_TRUE(compilation.plan().has_value());
  EXPECT_TRUE(compilation.brokenInvariants().empty());
  std::optional<plan::Program> taken = compilation.takePlan();
  EXPECT_TRUE(taken.has_value());
  EXPECT_FALSE(compilation.plan().has_value()); // taken, not left moved-from
}

TEST(CompileFiles, AFileThatCannotBeReadIsAnIoFailureNotAPlan) {
  compile::Compilation compilation =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/no/such/file.sla"});
  EXPECT_TRUE(compilation.ioFailed());
  ASSERT_EQ(compilation.diagnostics().diagnostics().size(), 1u);
  EXPECT_EQ(compilation.diagnostics().diagnostics().front().code(), "E0001");
  ASSERT_EQ(compilation.roots().size(), 1u);
  EXPECT_EQ(compilation.roots().front(), nullptr);
  EXPECT_FALSE(compilation.plan().has_value());
}

// An editor's buffer stands for a file that is not on disk, and its errors
// point into the buffer's text, which the result keeps after it moves.
TEST(CompileFiles, AnOverlayIsReadInPlaceOfTheFileAndOutlivesAMove) {
  // (Its directory must exist: it is the root of the imports.)
  std::string path = std::string(SLAC_SOURCE_DIR) + "/tests/compile/unsaved-buffer.sla";
  compile::Options options(compile::Stage::Checked);
  options.overlays.emplace_back(path, "service {");
  compile::Compilation compiled = compile::compileFiles({path}, std::move(options));
  compile::Compilation compilation = std::move(compiled);
  EXPECT_FALSE(compilation.ioFailed());
  ASSERT_TRUE(compilation.diagnostics().hasErrors());
  const Diagnostic& first = compilation.diagnostics().diagnostics().front();
  const SourceFile* file = compilation.sources().fileContaining(first.range.begin);
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->text(), "service {");
  EXPECT_FALSE(compilation.plan().has_value());
}

TEST(CompileFiles, TheErrorLimitStopsThePipeline) {
  std::string path = std::string(SLAC_SOURCE_DIR) + "/tests/compile/unsaved-errors.sla";
  compile::Options options(compile::Stage::Checked);
  options.maxErrors = 1;
  // A syntax error, then three unknown names the checker would report.
  options.overlays.emplace_back(path, "service a {\n  stream s { x: int }\n  metric m = nosuch1\n"
                                      "  metric n = nosuch2\n  metric o = nosuch3\n}\n");
  compile::Compilation compilation = compile::compileFiles({path}, std::move(options));
  EXPECT_TRUE(compilation.diagnostics().stopRequested());
  // The first error, then `too many errors` (E0008) in place of the second.
  ASSERT_EQ(compilation.diagnostics().diagnostics().size(), 2u);
  EXPECT_EQ(compilation.diagnostics().diagnostics().back().code(), "E0008");
  EXPECT_FALSE(compilation.plan().has_value());
}

} // namespace
} // namespace slac::testing
