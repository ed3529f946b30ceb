// The examples check clean, and seeded mistakes in copies of them are each
// caught with the right code at the right place.
//
// A case takes one example, replaces a piece of its text (which must occur
// exactly once) and lists the errors and warnings `slac check` must report
// on the mutated copy: each as a code and a marker, a piece of the mutated
// text (again occurring exactly once) where the diagnostic starts. The
// expected line and column (1-based, columns in code points) are computed
// here from the text, independently of the checker; the reported set must
// equal the expected one exactly.
//
// The whole examples/ directory is copied to a fresh directory first, so
// that imports (examples/holidays/) resolve as they do for the originals.
#include "compile/Compile.h"
#include "diagnostics/TextRenderer.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <unistd.h>
#include <vector>

namespace slac::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kExamples = fs::path(SLAC_SOURCE_DIR) / "examples";

struct ExpectedDiagnostic {
  std::string code;
  // Where the diagnostic starts: a substring of the mutated file that
  // occurs exactly once.
  std::string marker;
  // If set, text the diagnostic's message or one of its notes must contain.
  std::string mentions = {};
};

struct SeededMistake {
  std::string name;     // the test's name
  std::string example;  // examples/<example>.sla
  std::string original; // occurs exactly once in the example
  std::string replacement;
  std::vector<ExpectedDiagnostic> expected;
};

// gtest prints a failing case by its name.
void PrintTo(const SeededMistake& mistake, std::ostream* out) {
  *out << mistake.name;
}

// A reported or expected diagnostic: (file, code, line, column).
using Located = std::tuple<std::string, std::string, std::uint32_t, std::uint32_t>;

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::size_t> occurrences(std::string_view text, std::string_view piece) {
  std::vector<std::size_t> found;
  if (piece.empty())
    return found;
  for (std::size_t at = text.find(piece); at != std::string_view::npos;
       at = text.find(piece, at + 1))
    found.push_back(at);
  return found;
}

// 1-based line and column of a byte offset; the column counts code points
// (bytes that are not UTF-8 continuation bytes), a tab being one column.
std::pair<std::uint32_t, std::uint32_t> lineColumnOf(std::string_view text, std::size_t offset) {
  std::uint32_t line = 1;
  std::size_t lineStart = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') {
      ++line;
      lineStart = i + 1;
    }
  std::uint32_t column = 1;
  for (std::size_t i = lineStart; i < offset; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
      ++column;
  return {line, column};
}

// A fresh directory, removed when the test ends.
class TempDirectory {
public:
  explicit TempDirectory(const std::string& tag) {
    static std::atomic<unsigned> counter{0};
    auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    path_ =
        fs::temp_directory_path() / ("slac-seeded-" + tag + "-" + std::to_string(::getpid()) + "-" +
                                     std::to_string(stamp) + "-" + std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~TempDirectory() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

private:
  fs::path path_;
};

struct CheckResult {
  std::set<Located> located; // errors and warnings
  // The message and notes of each, by location.
  std::multimap<Located, std::string> texts;
  std::string rendered; // everything reported, as `slac check` prints it
};

CheckResult runCheck(const fs::path& file) {
  compile::Compilation compilation =
      compile::compileFiles({file.string()}, compile::Options(compile::Stage::Checked));
  CheckResult result;
  std::ostringstream rendered;
  TextRenderer renderer(compilation.sources(), rendered, /*color=*/false);
  for (const Diagnostic& diagnostic : compilation.diagnostics().sortedDiagnostics()) {
    renderer.render(diagnostic);
    if (diagnostic.severity == Severity::Note)
      continue;
    const SourceFile* source = compilation.sources().fileContaining(diagnostic.range.begin);
    std::string name = source ? fs::path(source->name()).filename().string() : "<no file>";
    auto [line, column] = source ? std::pair{source->lineColumn(diagnostic.range.begin).line,
                                             source->lineColumn(diagnostic.range.begin).column}
                                 : std::pair<std::uint32_t, std::uint32_t>{0, 0};
    Located where{name, std::string(diagnostic.code()), line, column};
    result.located.insert(where);
    std::string text = diagnostic.message;
    for (const DiagnosticNote& note : diagnostic.notes)
      text += "\n" + note.message;
    result.texts.emplace(where, text);
  }
  result.rendered = rendered.str();
  if (result.rendered.empty())
    result.rendered = "  (nothing)\n";
  return result;
}

std::string describe(const std::set<Located>& list) {
  std::string text;
  for (const auto& [file, code, line, column] : list)
    text += "  " + file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + code +
            "\n";
  return text.empty() ? "  (none)\n" : text;
}

const std::vector<SeededMistake>& seededMistakes() {
  static const std::vector<SeededMistake> cases = {
      // E0601: a percent target without its `%`, reported at the target
      // literal (with the fix-it `99.95%`).
      {"MissingPercentUnit",
       "cloud-availability",
       "portal.availability >= 99.95% excluding",
       "portal.availability >= 99.95 excluding",
       {{"E0601", "99.95 excluding"}}},

      // E0600: a latency target that is a percent, reported at
      // the target literal. (`300%` would also be E0504, out of range; 30%
      // keeps the case to the unit mismatch.)
      {"WrongUnitOnLatency",
       "cloud-availability",
       "portal.p95_latency <= 300ms",
       "portal.p95_latency <= 30%",
       {{"E0600", "30%"}}},

      // E0509 is reported at the remedy's name (RemedyChecks.cpp,
      // remedy.name.range). Values in [99.0%, 99.95%) get 30%, worse ones
      // below 99.0% only 25%.
      {"NonMonotoneTiers",
       "cloud-availability",
       "below 99.95% credit 10%",
       "below 99.95% and at or above 99.0% credit 30%",
       {{"E0509", "availability_credit \"Service credits\""}}},

      // E0510 at the tier rule (tier.rule->range, from `below`): the 10% of
      // `below 99.95%` applies wherever the 5% tier would.
      {"TierNeverApplies",
       "cloud-availability",
       "below 99.0% credit 25%",
       "below 99.0% credit 5%",
       {{"E0510", "below 99.0% credit 5%"}}},

      // E0508 at the remedy's name (remedy.name.range): exactly 99.0% gets
      // no credit although values on both sides do.
      {"GapBetweenTiers",
       "cloud-availability",
       "    below 99.95% credit 10%\n"
       "    below 99.0% credit 25%\n"
       "    below 95.0% credit 100%\n",
       "    at or below 99.95% and above 99.0% credit 10%\n"
       "    below 99.0% credit 25%\n",
       {{"E0508", "availability_credit \"Service credits\""}}},

      // E0500 at the whole OLA objective (SupportsCheck.cpp, ola.range()),
      // which starts at its `objective` keyword.
      {"OlaLooserThanSla",
       "saas-with-ola",
       "support.p95_first_response <= 4h over month",
       "support.p95_first_response <= 8h over month",
       {{"E0500", "objective response \"First response within 4 support hours\""}}},

      // E0502 at the subject of the `match` (MatchChecks.cpp,
      // match.subject()->range()).
      {"MissingEnumCase",
       "msp-support",
       "      P4 => deadline(opened, 1 business day, office),\n",
       "",
       {{"E0502", "priority {\n      P1 => deadline"}}},

      // E0306 at the interval that overlaps an earlier one
      // (CalendarChecks.cpp, interval.range).
      {"OverlappingHours",
       "distributor",
       "  mon-fri 06:00-22:00\n",
       "  mon-fri 06:00-22:00\n  mon 21:00-23:00\n",
       {{"E0306", "21:00-23:00"}}},

      // E0304 at the zone's string, quotes included (item.zone.range).
      {"UnknownZone",
       "distributor",
       "zone \"Europe/Berlin\"\n  mon-fri 06:00-22:00",
       "zone \"Europe/Berlni\"\n  mon-fri 06:00-22:00",
       {{"E0304", "\"Europe/Berlni\""}}},

      // E0309 at each business-days literal measured on `office`, once per
      // literal and calendar (BusinessDaysChecks.cpp, literal.range()): the
      // P4 response deadline and the P2, P3 and P4 resolution targets.
      {"BusinessDaysWithoutBusinessDay",
       "msp-support",
       "  business day = 8h\n",
       "",
       {{"E0309", "1 business day, office"},
        {"E0309", "1 business day,\n"},
        {"E0309", "3 business days,"},
        {"E0309", "5 business days,"}}},

      // E0401 at the misspelt metric name (NameResolution.cpp, the member's
      // range); the note suggests `availability`.
      {"MisspeltMetric",
       "cloud-availability",
       "portal.availability >= 99.95%",
       "portal.availabilty >= 99.95%",
       {{"E0401", "availabilty", "did you mean `availability`?"}}},

      // E0401 at the objective named by `terminate` (terminate->objective).
      {"TerminateOnUnknownObjective",
       "cloud-availability",
       "terminate when availability breached",
       "terminate when uptime breached",
       {{"E0401", "uptime"}}},

      // E0504 at the percent literal (PercentChecks.cpp, percent->range()).
      {"PercentOutOfRange",
       "msp-support",
       "cap credits 30% per month",
       "cap credits 130% per month",
       {{"E0504", "130%"}}},

      // E0620 (a warning) at the condition of a ratio that lost its
      // population (RatioPopulation.cpp, condition.range()); the message
      // suggests the population form back.
      {"RatioWithoutPopulation",
       "msp-support",
       "ratio(ticket where priority == P1, responded_in_time)",
       "ratio(ticket where priority == P1 and responded_in_time)",
       {{"E0620", "priority == P1 and responded_in_time)\n",
         "`ratio(ticket where priority == P1, responded_in_time)`"}}},

      // E0505 (a warning) at the target literal (target->range()).
      {"HundredPercentTarget",
       "cloud-availability",
       "portal.availability >= 99.95%",
       "portal.availability >= 100%",
       {{"E0505", "100% excluding"}}},
  };
  return cases;
}

class SeededMistakesTest : public ::testing::TestWithParam<SeededMistake> {};

TEST_P(SeededMistakesTest, IsCaughtWithTheRightCodeAndLocation) {
  const SeededMistake& mistake = GetParam();
  const std::string fileName = mistake.example + ".sla";
  std::string text = readFile(kExamples / fileName);
  ASSERT_FALSE(text.empty()) << "cannot read examples/" << fileName;

  std::vector<std::size_t> found = occurrences(text, mistake.original);
  ASSERT_EQ(found.size(), 1u) << "the original text must occur exactly once in examples/"
                              << fileName << ":\n"
                              << mistake.original;
  std::string mutated = text;
  mutated.replace(found.front(), mistake.original.size(), mistake.replacement);

  std::set<Located> expected;
  std::vector<std::pair<Located, std::string>> mentions;
  for (const ExpectedDiagnostic& diagnostic : mistake.expected) {
    std::vector<std::size_t> at = occurrences(mutated, diagnostic.marker);
    ASSERT_EQ(at.size(), 1u) << "the marker of " << diagnostic.code
                             << " must occur exactly once in the mutated file:\n"
                             << diagnostic.marker;
    auto [line, column] = lineColumnOf(mutated, at.front());
    expected.insert({fileName, diagnostic.code, line, column});
    if (!diagnostic.mentions.empty())
      mentions.push_back({{fileName, diagnostic.code, line, column}, diagnostic.mentions});
  }

  TempDirectory directory(mistake.name);
  fs::copy(kExamples, directory.path(), fs::copy_options::recursive);
  {
    std::ofstream out(directory.path() / fileName, std::ios::binary | std::ios::trunc);
    out << mutated;
    ASSERT_TRUE(out.good()) << "cannot write the mutated copy";
  }

  CheckResult result = runCheck(directory.path() / fileName);
  std::set<Located> missing;
  std::set<Located> unexpected;
  std::set_difference(expected.begin(), expected.end(), result.located.begin(),
                      result.located.end(), std::inserter(missing, missing.end()));
  std::set_difference(result.located.begin(), result.located.end(), expected.begin(),
                      expected.end(), std::inserter(unexpected, unexpected.end()));
  EXPECT_TRUE(missing.empty() && unexpected.empty())
      << "expected but not reported:\n"
      << describe(missing) << "reported but not expected:\n"
      << describe(unexpected) << "what slac check reported:\n"
      << result.rendered;
  for (const auto& [where, mention] : mentions) {
    auto [first, last] = result.texts.equal_range(where);
    bool mentioned = std::any_of(first, last, [&, &wanted = mention](const auto& entry) {
      return entry.second.find(wanted) != std::string::npos;
    });
    EXPECT_TRUE(mentioned) << std::get<1>(where) << " does not mention `" << mention << "`:\n"
                           << result.rendered;
  }
}

INSTANTIATE_TEST_SUITE_P(Examples, SeededMistakesTest, ::testing::ValuesIn(seededMistakes()),
                         [](const auto& test) { return test.param.name; });

std::vector<fs::path> exampleFiles() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kExamples))
    if (entry.path().extension() == ".sla")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

TEST(SeededMistakesBaseline, EveryExampleChecksWithoutDiagnostics) {
  std::vector<fs::path> files = exampleFiles();
  ASSERT_FALSE(files.empty()) << "no examples/*.sla";
  for (const fs::path& file : files) {
    compile::Compilation compilation =
        compile::compileFiles({file.string()}, compile::Options(compile::Stage::Checked));
    std::ostringstream rendered;
    TextRenderer renderer(compilation.sources(), rendered, /*color=*/false);
    for (const Diagnostic& diagnostic : compilation.diagnostics().sortedDiagnostics())
      renderer.render(diagnostic);
    EXPECT_TRUE(compilation.diagnostics().diagnostics().empty())
        << file.filename().string() << " is not clean:\n"
        << rendered.str();
  }
}

} // namespace
} // namespace slac::testing
