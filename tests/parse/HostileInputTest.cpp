// Generated inputs that try to crash, hang or exhaust the parser: each must
// end in a diagnostic at the right place, within the parse limits.
#include "support/ParseSupport.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <random>

namespace slac::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string repeat(std::string_view piece, std::size_t count) {
  std::string text;
  text.reserve(piece.size() * count);
  for (std::size_t i = 0; i < count; ++i)
    text += piece;
  return text;
}

std::string firstDiagnostic(const ParsedSource& parsed) {
  std::vector<std::string> lines = parsed.describeDiagnostics();
  return lines.empty() ? "" : lines.front();
}

constexpr std::string_view kMetricPrefix = "service s {\n  metric m = ";

TEST(HostileInputTest, HundredThousandNestedParenthesesStopAtTheLimit) {
  // `{` of the service is level 1, so the 256th `(` is the 257th level; it
  // sits at column 14 + 255.
  std::string text =
      std::string(kMetricPrefix) + repeat("(", 100'000) + "1" + repeat(")", 100'000) + "\n}\n";
  auto parsed = parseText("parens.sla", text);
  EXPECT_FALSE(parsed->ast);
  EXPECT_THAT(parsed->describeDiagnostics(),
              ElementsAre("2:269: error[E0007]: nesting is deeper than 256 levels here; "
                          "simplify the expression"));
}

TEST(HostileInputTest, HundredThousandNestedBracesStopAtTheLimit) {
  std::string text = repeat("{", 100'000) + repeat("}", 100'000);
  auto parsed = parseText("braces.sla", text);
  EXPECT_FALSE(parsed->ast);
  EXPECT_THAT(firstDiagnostic(*parsed), StartsWith("1:257: error[E0007]"));
}

TEST(HostileInputTest, HundredThousandPrefixMinusesStopAtTheLimit) {
  std::string text = std::string(kMetricPrefix) + repeat("- ", 100'000) + "1\n}\n";
  auto parsed = parseText("minus.sla", text);
  EXPECT_FALSE(parsed->ast);
  // 255 prefix operators fit beside the service's brace: the 256th, at
  // column 14 + 2 * 255, is one too many.
  EXPECT_THAT(firstDiagnostic(*parsed), StartsWith("2:524: error[E0007]"));
}

TEST(HostileInputTest, HundredThousandNotsStopAtTheLimit) {
  std::string text = std::string(kMetricPrefix) + repeat("not ", 100'000) + "true\n}\n";
  auto parsed = parseText("not.sla", text);
  EXPECT_FALSE(parsed->ast);
  EXPECT_THAT(firstDiagnostic(*parsed), StartsWith("2:1034: error[E0007]"));
}

TEST(HostileInputTest, HundredThousandTermSumIsTooDeepForTheAstNotTheStack) {
  std::string text = std::string(kMetricPrefix) + "a" + repeat(" + a", 100'000) + "\n}\n";
  auto parsed = parseText("sum.sla", text);
  EXPECT_FALSE(parsed->ast);
  EXPECT_THAT(firstDiagnostic(*parsed),
              AllOf(StartsWith("2:"), HasSubstr("error[E0007]: nesting is deeper than 1024")));
}

TEST(HostileInputTest, FiftyMegabyteLineKeepsItsColumns) {
  const std::size_t width = 50u << 20;
  std::string text = "service s {\n  metric m = 1" + std::string(width, ' ') + "}}\n";
  auto parsed = parseText("wide.sla", text);
  EXPECT_FALSE(parsed->ast);
  // The second `}` closes nothing: it is column 15 + width + 1 of line 2.
  EXPECT_THAT(firstDiagnostic(*parsed),
              StartsWith(std::to_string(2) + ":" + std::to_string(15 + width + 1) +
                         ": error[E0102]: unexpected `}`"));
}

TEST(HostileInputTest, FiftyMegabytesOfTokensHitTheTokenLimit) {
  std::string text = repeat("a+", 25u << 20);
  auto parsed = parseText("tokens.sla", text);
  EXPECT_FALSE(parsed->ast);
  // Tokens 0 .. 7,999,999 are within the limit; the next begins at byte
  // 8,000,000 (each token is one byte), column 8,000,001.
  EXPECT_THAT(parsed->describeDiagnostics(),
              ElementsAre("1:8000001: error[E0006]: file has more than 8000000 tokens; split it "
                          "into several files"));
}

TEST(HostileInputTest, BinaryGarbageIsRejectedAsInvalidUtf8) {
  std::mt19937 random(20261122);
  std::string text(1u << 20, '\0');
  for (char& byte : text)
    byte = static_cast<char>(random() & 0xFF);
  text[0] = 'a';
  text[1] = static_cast<char>(0xFF);
  auto parsed = parseText("garbage.sla", text);
  EXPECT_FALSE(parsed->ast);
  EXPECT_THAT(parsed->describeDiagnostics(),
              ElementsAre("1:2: error[E0002]: invalid UTF-8: byte 0xFF cannot appear here; source "
                          "files must be UTF-8 text"));
}

TEST(HostileInputTest, PrintableGarbageEndsAfterTheErrorLimit) {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    std::mt19937 random(seed);
    std::string text(64u << 10, ' ');
    for (char& byte : text)
      byte = static_cast<char>(' ' + random() % 95 + (random() % 16 == 0 ? -22 : 0));
    auto parsed = parseText("printable.sla", text);
    EXPECT_FALSE(parsed->ast) << "seed " << seed;
    EXPECT_TRUE(parsed->diagnostics.hasErrors()) << "seed " << seed;
    EXPECT_LE(parsed->diagnostics.errorCount(), 51u) << "seed " << seed;
  }
}

} // namespace
} // namespace slac::testing
