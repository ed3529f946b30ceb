// Word-level mutations of the examples that usually still parse — a name
// swapped for another name, a literal for a literal of another unit — run
// through the whole checker. Whatever the mutation, the checker must not
// crash, and it must either build the plan or say why: a file without
// errors always has a plan, and a missing plan always comes with an error
// (no pass may give up silently). Runs under ASan + UBSan in CI.
#include "compile/Compile.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <random>
#include <sstream>
#include <unistd.h>

namespace slac::testing {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kReplacements = {
    "99.5%", "99.5",  "0.995", "4h",         "1 business day", "250.00 EUR", "12 USD",
    "true",  "P1",    "P4",    "office",     "always",         "opened",     "responded",
    "ok",    "2",     "-1",    "2026-03-01", "\"text\"",       "elapsed",    "deadline",
    "in",    "ratio", "count", "slices(1m)", "probe",          "ticket",     "quorum",
    "not",   "0%",    "100%",  "1s",         "priority",       "customer",   "hotline"};

// The words of a text: maximal runs of characters that can make up a name
// or a literal, with their offsets.
std::vector<std::pair<std::size_t, std::size_t>> wordsOf(const std::string& text) {
  std::vector<std::pair<std::size_t, std::size_t>> words;
  auto isWordChar = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '%' || c == '.';
  };
  for (std::size_t i = 0; i < text.size();) {
    if (!isWordChar(text[i])) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < text.size() && isWordChar(text[i]))
      ++i;
    words.emplace_back(start, i - start);
  }
  return words;
}

std::string mutate(const std::string& text, std::mt19937& random) {
  std::vector<std::pair<std::size_t, std::size_t>> words = wordsOf(text);
  std::string mutated = text;
  for (int edits = 1 + static_cast<int>(random() % 3); edits > 0; --edits) {
    words = wordsOf(mutated);
    auto [at, length] = words[random() % words.size()];
    std::string replacement;
    if (random() % 2) {
      replacement = kReplacements[random() % kReplacements.size()];
    } else {
      auto [from, size] = words[random() % words.size()];
      replacement = mutated.substr(from, size);
    }
    mutated.replace(at, length, replacement);
  }
  return mutated;
}

int roundsPerExample() {
  const char* configured = std::getenv("SLAC_FUZZ_ROUNDS");
  return configured ? std::atoi(configured) : 300;
}

TEST(CheckFuzzTest, MutatedExamplesAreCheckedOrExplained) {
  fs::path work = fs::temp_directory_path() / ("slac-check-fuzz-" + std::to_string(getpid()));
  fs::remove_all(work);
  fs::copy(fs::path(SLAC_SOURCE_DIR) / "examples", work, fs::copy_options::recursive);
  std::size_t planned = 0;
  std::size_t rejected = 0;
  for (const auto& entry : fs::directory_iterator(work)) {
    if (entry.path().extension() != ".sla")
      continue;
    std::ifstream in(entry.path());
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string original = buffer.str();
    std::mt19937 random(static_cast<unsigned>(original.size()));
    for (int round = 0; round < roundsPerExample(); ++round) {
      std::string text = mutate(original, random);
      std::ofstream(entry.path(), std::ios::trunc) << text;
      compile::Compilation compilation =
          compile::compileFiles({entry.path().string()}, compile::Options(compile::Stage::Checked));
      bool errors = compilation.diagnostics().hasErrors();
      if (errors == compilation.plan().has_value()) {
        ADD_FAILURE() << entry.path().filename() << " round " << round << ": "
                      << (errors ? "a plan despite errors" : "no plan and no error")
                      << "\n--- mutated file ---\n"
                      << text;
        break;
      }
      (errors ? rejected : planned) += 1;
    }
    std::ofstream(entry.path(), std::ios::trunc) << original;
  }
  fs::remove_all(work);
  // Both outcomes must occur, or the mutations test nothing.
  EXPECT_GT(planned, 0u);
  EXPECT_GT(rejected, 0u);
  std::cout << planned << " mutated examples planned, " << rejected << " rejected\n";
}

// The deepest expressions the parser accepts (a 1,000-term sum, 250 nested
// parentheses) are typed without running out of stack, also under ASan.
TEST(CheckFuzzTest, DeepestAcceptedExpressionsAreTyped) {
  std::string sum = "1";
  for (int i = 1; i < 1000; ++i)
    sum += " + 1";
  std::string nested = std::string(250, '(') + "1" + std::string(250, ')');
  fs::path file = fs::temp_directory_path() / ("slac-deep-" + std::to_string(getpid()) + ".sla");
  std::ofstream(file) << "service s {\n  let a = " << sum << "\n  stream r at t {\n    t: time\n"
                      << "    let b = " << nested << " + a\n  }\n"
                      << "  metric m = ratio(r where b > 3)\n}\n";
  compile::Compilation compilation =
      compile::compileFiles({file.string()}, compile::Options(compile::Stage::Checked));
  fs::remove(file);
  EXPECT_FALSE(compilation.diagnostics().hasErrors());
  ASSERT_TRUE(compilation.plan().has_value());
  EXPECT_EQ(compilation.plan()->streams.at(0).lets.size(), 1u);
}

} // namespace
} // namespace slac::testing
