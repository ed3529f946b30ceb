// The file-test runner of `slac check`, in the style of clang's -verify:
// every tests/check/**/NAME.sla (except files under an `inputs/` directory,
// which are only imported) is checked as `slac check` would, and must
// produce exactly the diagnostics its comments announce:
//
//   // expect: E0300            a diagnostic with this code on this line
//   // expect@+1: E0201 E0200   on the next line (@-1: the previous one)
//
// Annotations may sit in any file the check loads (imported files too);
// a diagnostic counts on the line of its primary location.
#include "compile/Compile.h"
#include "support/CheckAnnotations.h"

#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>

namespace slac::testing {
namespace {

using Expected = Annotation;

std::vector<Expected> diagnosticsOf(const compile::Compilation& compilation) {
  std::vector<Expected> actual;
  for (const Diagnostic& diagnostic : compilation.diagnostics().diagnostics()) {
    const SourceFile* file = compilation.sources().fileContaining(diagnostic.range.begin);
    actual.push_back({file ? file->name() : "<no file>",
                      file ? file->lineColumn(diagnostic.range.begin).line : 0,
                      std::string(diagnostic.code())});
  }
  std::sort(actual.begin(), actual.end());
  return actual;
}

std::string describe(const std::vector<Expected>& list) {
  std::string text;
  for (const Expected& entry : list)
    text += "  " + entry.file + ":" + std::to_string(entry.line) + ": " + entry.code + "\n";
  return text;
}

class VerifyTest : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(VerifyTest, ProducesExactlyTheAnnotatedDiagnostics) {
  compile::Compilation compilation =
      compile::compileFiles({std::filesystem::relative(GetParam(), SLAC_SOURCE_DIR).string()},
                            compile::Options(compile::Stage::Checked));
  Annotations annotations = annotationsOf(compilation.sources());
  for (const std::string& malformed : annotations.malformed)
    ADD_FAILURE() << malformed;
  std::vector<Expected> expected = annotations.expected;
  std::vector<Expected> actual = diagnosticsOf(compilation);
  std::vector<Expected> missing;
  std::vector<Expected> unexpected;
  std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(),
                      std::back_inserter(missing));
  std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(),
                      std::back_inserter(unexpected));
  EXPECT_TRUE(missing.empty()) << "expected but not reported:\n" << describe(missing);
  EXPECT_TRUE(unexpected.empty()) << "reported but not expected:\n" << describe(unexpected);
}

INSTANTIATE_TEST_SUITE_P(CheckFiles, VerifyTest, ::testing::ValuesIn(checkTestFiles()),
                         [](const auto& test) {
                           std::string name =
                               std::filesystem::relative(test.param, SLAC_SOURCE_DIR "/tests/check")
                                   .replace_extension()
                                   .string();
                           std::replace_if(
                               name.begin(), name.end(),
                               [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
                               '_');
                           return name;
                         });

} // namespace
} // namespace slac::testing
