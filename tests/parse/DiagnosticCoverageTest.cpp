// Every diagnostic code is exercised by some test (its code appears in an
// expectation file or a test source under tests/) and explained in
// docs/diagnostics.md (a `### CODE — title` entry).
#include "diagnostics/Diagnostic.h"
#include "support/ParseSupport.h"

#include <gtest/gtest.h>
#include <set>

namespace slac::testing {
namespace {

std::string everyTestText() {
  static const std::set<std::string> kTestFileExtensions = {".diag", ".cpp",      ".stderr",
                                                            ".json", ".expected", ".sla"};
  std::string text;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(
           std::filesystem::path(SLAC_SOURCE_DIR) / "tests"))
    if (entry.is_regular_file() && kTestFileExtensions.count(entry.path().extension().string()) &&
        entry.path().filename() != "DiagnosticCoverageTest.cpp")
      text += readFileBytes(entry.path());
  return text;
}

TEST(DiagnosticCoverageTest, EveryCodeHasATest) {
  std::string text = everyTestText();
  for (DiagnosticKind kind : allDiagnosticKinds()) {
    const DiagnosticKindInfo& info = describe(kind);
    EXPECT_NE(text.find(std::string(info.code)), std::string::npos)
        << info.code << " (" << info.name << ") has no test";
  }
}

TEST(DiagnosticCoverageTest, EveryCodeHasADocsEntry) {
  std::string docs =
      readFileBytes(std::filesystem::path(SLAC_SOURCE_DIR) / "docs" / "diagnostics.md");
  for (DiagnosticKind kind : allDiagnosticKinds()) {
    const DiagnosticKindInfo& info = describe(kind);
    EXPECT_NE(docs.find("### " + std::string(info.code) + " — "), std::string::npos)
        << info.code << " (" << info.name << ") has no entry in docs/diagnostics.md";
  }
}

TEST(DiagnosticCoverageTest, CodesAreUniqueAndWellFormed) {
  std::set<std::string_view> seen;
  for (DiagnosticKind kind : allDiagnosticKinds()) {
    std::string_view code = describe(kind).code;
    EXPECT_TRUE(seen.insert(code).second) << code << " is used twice";
    EXPECT_EQ(code.size(), 5u) << code;
    EXPECT_EQ(code.front(), 'E') << code;
  }
}

} // namespace
} // namespace slac::testing
