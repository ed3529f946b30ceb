// Deterministic mutations of the examples (bytes deleted, duplicated,
// replaced with language fragments or arbitrary bytes): the parser never
// crashes, rejects with at least one error whatever it does not accept, and
// points every diagnostic inside the file. Runs under ASan + UBSan in CI.
#include "support/ParseSupport.h"

#include <gtest/gtest.h>
#include <cstdlib>
#include <random>

namespace slac::testing {
namespace {

const std::vector<std::string> kFragments = {
    "{",         "}",           "(",          ")",
    ",",         "=>",          "99.5%",      "25:00",
    "\"",        "/*",          "//",         "where",
    "match",     "slices(1m)",  "2026-02-30", "12 EUR",
    "1h",        "per",         "business",   "is not",
    "not",       "-",           "\xC3",       "\xFF",
    "\n",        "at or below", "2026-Q5",    "import",
    "agreement", ".",           "0.5us",      "9999999999999999999"};

std::string mutate(std::string text, std::mt19937& random) {
  auto position = [&] {
    return std::uniform_int_distribution<std::size_t>(0, text.size())(random);
  };
  for (int edits = 1 + static_cast<int>(random() % 4); edits > 0; --edits) {
    std::size_t at = position();
    switch (random() % 4) {
    case 0:
      text.erase(at, random() % 40);
      break;
    case 1:
      text.insert(at, text.substr(position(), random() % 60));
      break;
    case 2:
      text.insert(at, kFragments[random() % kFragments.size()]);
      break;
    default:
      text.insert(at, 1, static_cast<char>(random() % 256));
    }
  }
  return text;
}

// SLAC_FUZZ_ROUNDS runs longer campaigns by hand.
int roundsPerExample() {
  const char* configured = std::getenv("SLAC_FUZZ_ROUNDS");
  return configured ? std::atoi(configured) : 250;
}

TEST(MutationFuzzTest, MutatedExamplesNeverCrashAndAlwaysExplain) {
  std::size_t parsed = 0;
  const int rounds = roundsPerExample();
  for (const auto& example : sourceFilesIn("examples", ".sla")) {
    const std::string original = readFileBytes(example);
    std::mt19937 random(static_cast<unsigned>(original.size()));
    for (int round = 0; round < rounds; ++round, ++parsed) {
      std::string text = mutate(original, random);
      auto result = parseText("mutated.sla", text);
      std::string context = example.filename().string() + " round " + std::to_string(round);
      if (!result->ast) {
        ASSERT_TRUE(result->diagnostics.hasErrors()) << context;
      }
      const SourceFile& file = *result->sources.fileContaining(SourceLocation{1});
      for (const Diagnostic& diagnostic : result->diagnostics.diagnostics()) {
        ASSERT_TRUE(file.contains(diagnostic.range.begin)) << context;
        ASSERT_TRUE(file.contains(diagnostic.range.end)) << context;
        ASSERT_LE(diagnostic.range.begin.offset, diagnostic.range.end.offset) << context;
      }
    }
  }
  EXPECT_GE(parsed, 4u * static_cast<std::size_t>(rounds));
}

} // namespace
} // namespace slac::testing
