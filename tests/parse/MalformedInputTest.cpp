// Each tests/parse/malformed/NAME.sla must be rejected with exactly the
// diagnostics listed in NAME.diag (one per line, `LINE:COL: severity[CODE]:
// message`, notes as `LINE:COL: note: message`). The .diag files are written
// and reviewed by hand: they are the specification of our error messages.
#include "support/ParseSupport.h"

#include <gtest/gtest.h>
#include <sstream>

namespace slac::testing {
namespace {

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty())
      lines.push_back(line);
  return lines;
}

std::string joinLines(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines)
    text += line + "\n";
  return text;
}

class MalformedInputTest : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(MalformedInputTest, ReportsExpectedDiagnostics) {
  const std::filesystem::path& source = GetParam();
  std::filesystem::path expectation = std::filesystem::path(source).replace_extension(".diag");
  auto parsed = parseText(source.filename().string(), readFileBytes(source));
  EXPECT_FALSE(parsed->ast.has_value());
  std::vector<std::string> actual = parsed->describeDiagnostics();
  if (updatingGoldenFiles()) {
    writeFileBytes(expectation, joinLines(actual));
    GTEST_SKIP() << "rewrote " << expectation;
  }
  ASSERT_TRUE(std::filesystem::exists(expectation)) << "no expectation " << expectation;
  EXPECT_EQ(joinLines(actual), joinLines(splitLines(readFileBytes(expectation))));
}

INSTANTIATE_TEST_SUITE_P(Inputs, MalformedInputTest,
                         ::testing::ValuesIn(sourceFilesIn("tests/parse/malformed", ".sla")),
                         [](const auto& test) { return testNameFor(test.param); });

} // namespace
} // namespace slac::testing
