// The acceptance rule of the checker: every check of `slac check` has at
// least 2 failing and 1 passing annotated test file.
//
// - Each diagnostic code numbered E0300 or above (imports and calendars,
//   names, consistency, and every later range) is expected, with an
//   `// expect:` annotation, in at least two different .sla files of
//   tests/check/ (an annotation in an imported `inputs/` file counts for
//   that file, since the test importing it verifies it).
// - Each group directory directly under tests/check/ holds at least one
//   test that checks clean: no annotation in it or in what it imports.
//
// The tests are the ones VerifyTest runs (support/CheckAnnotations); the
// codes come from the registry (DiagnosticKinds.def), as in
// tests/parse/DiagnosticCoverageTest.cpp.
#include "compile/Compile.h"
#include "diagnostics/Diagnostic.h"
#include "support/CheckAnnotations.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <string>

namespace slac::testing {
namespace {

// Codes `slac check` cannot report, so no check file can expect them; each
// is tested where it is reported.
const std::map<std::string_view, std::string_view> kNotReportedByCheck = {
    // Unknown calendar: only `slac calendar FILE NAME` names a calendar
    // (tests/cli/calendar/unknown-calendar.*); in a file, an undefined
    // calendar is E0401.
    {"E0303", "reported only by `slac calendar`"},
};

constexpr int kFirstCheckedCode = 300;

int codeNumber(std::string_view code) {
  return std::stoi(std::string(code.substr(1)));
}

struct Coverage {
  // Code → the files with an annotation expecting it.
  std::map<std::string, std::set<std::string>> filesExpecting;
  // Group directory → its tests that check clean.
  std::map<std::string, std::vector<std::string>> passingTests;
};

const Coverage& coverage() {
  static const Coverage result = [] {
    Coverage coverage;
    std::filesystem::path root = std::filesystem::path(SLAC_SOURCE_DIR) / "tests/check";
    for (const std::filesystem::path& test : checkTestFiles()) {
      std::filesystem::path relative = std::filesystem::relative(test, root);
      std::string group = relative.begin()->string();
      std::vector<std::string>& passing = coverage.passingTests[group];
      if (std::next(relative.begin()) == relative.end())
        continue; // a file directly in tests/check belongs to no group
      compile::Compilation compilation =
          compile::compileFiles({std::filesystem::relative(test, SLAC_SOURCE_DIR).string()},
                                compile::Options(compile::Stage::Checked));
      Annotations annotations = annotationsOf(compilation.sources());
      for (const Annotation& annotation : annotations.expected)
        coverage.filesExpecting[annotation.code].insert(
            std::filesystem::path(annotation.file).lexically_normal().string());
      if (annotations.expected.empty() && annotations.malformed.empty())
        passing.push_back(relative.string());
    }
    return coverage;
  }();
  return result;
}

TEST(CheckFileCoverageTest, EveryCheckIsExpectedInTwoFiles) {
  const Coverage& covered = coverage();
  for (DiagnosticKind kind : allDiagnosticKinds()) {
    const DiagnosticKindInfo& info = describe(kind);
    if (codeNumber(info.code) < kFirstCheckedCode || kNotReportedByCheck.count(info.code))
      continue;
    auto found = covered.filesExpecting.find(std::string(info.code));
    std::size_t files = found == covered.filesExpecting.end() ? 0 : found->second.size();
    std::string which;
    if (found != covered.filesExpecting.end())
      for (const std::string& file : found->second)
        which += "\n  " + file;
    EXPECT_GE(files, 2u) << info.code << " (" << info.name << ") is expected in " << files
                         << " file(s) under tests/check/, at least 2 are needed" << which;
  }
}

TEST(CheckFileCoverageTest, EveryGroupHasAPassingFile) {
  for (const auto& [group, passing] : coverage().passingTests)
    EXPECT_FALSE(passing.empty()) << "tests/check/" << group
                                  << "/ has no test that checks clean (a file without `expect` "
                                     "annotations, also in what it imports)";
}

TEST(CheckFileCoverageTest, ExemptCodesAreRegistered) {
  std::set<std::string_view> codes;
  for (DiagnosticKind kind : allDiagnosticKinds())
    codes.insert(describe(kind).code);
  for (const auto& [code, reason] : kNotReportedByCheck)
    EXPECT_TRUE(codes.count(code))
        << code << " is exempt (" << reason << ") but no longer in DiagnosticKinds.def";
}

} // namespace
} // namespace slac::testing
