// `slac fmt`: the canonical layout on small cases written out by hand, and
// its three promises checked on every .sla file of the repository that
// parses, on the examples re-spaced and re-commented at random, and on the
// examples mutated at random: the formatted file has the same syntax tree
// (source positions aside), formatting it again changes nothing, and the
// text has no trailing blanks, no two blank lines in a row and one final
// line break. Runs under ASan + UBSan in CI.
#include "format/Formatter.h"

#include "format/UnifiedDiff.h"
#include "support/ParseSupport.h"

#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <random>

namespace slac::testing {
namespace {

namespace fs = std::filesystem;

format::FormatResult formatText(const std::string& text) {
  SourceManager sources;
  DiagnosticEngine diagnostics;
  return format::formatFile(sources.addFile("input.sla", text), diagnostics);
}

std::string formatted(const std::string& text) {
  format::FormatResult result = formatText(text);
  EXPECT_EQ(result.status, format::FormatResult::Status::Formatted) << text;
  return result.text;
}

// The AST dump without source positions (` <1:1-16:2>`).
std::string treeOf(const std::string& text) {
  std::string dump = parseText("input.sla", text)->dump();
  std::string tree;
  for (std::size_t index = 0; index < dump.size(); ++index) {
    if (dump.compare(index, 2, " <") == 0) {
      std::size_t end = dump.find_first_not_of("0123456789:-", index + 2);
      if (end != std::string::npos && dump[end] == '>') {
        index = end;
        continue;
      }
    }
    tree += dump[index];
  }
  return tree;
}

// Checks the promises on a text that parses; returns a failure or "".
std::string checkPromises(const std::string& text) {
  format::FormatResult result = formatText(text);
  if (result.status != format::FormatResult::Status::Formatted)
    return "not formatted";
  const std::string& once = result.text;
  if (treeOf(once) != treeOf(text))
    return "the syntax tree changed:\n" +
           format::unifiedDiff(treeOf(text), treeOf(once), "before", "after");
  format::FormatResult again = formatText(once);
  if (again.status != format::FormatResult::Status::Formatted || again.text != once)
    return "formatting twice differs:\n" + format::unifiedDiff(once, again.text, "once", "twice");
  if (once.empty() || once.back() != '\n' || once.ends_with("\n\n"))
    return "not one final line break";
  if (once.find(" \n") != std::string::npos || once.find("\t\n") != std::string::npos ||
      once.find("\n\t") != std::string::npos)
    return "blanks at a line end or tabs indenting a line";
  if (once.find("\n\n\n") != std::string::npos)
    return "two blank lines in a row";
  return "";
}

TEST(FormatterTest, LaysOutBlocksItemsOperatorsAndCommas) {
  EXPECT_EQ(formatted("calendar office{zone \"Europe/Berlin\" mon - fri 08:00 - 12:00,13:00-17:00 "
                      "closed 2026-12-24 to 2026-12-26}\n"
                      "service desk { enum Priority {P1,P2}\n"
                      "stream ticket at opened { opened : time\n"
                      "responded:time ? ; priority:Priority }\n"
                      "let late=ticket . responded>opened+1h*2 and not(-1<0)\n"
                      "metric answered = ratio ( ticket where responded is   set )}\n"),
            "calendar office {\n"
            "  zone \"Europe/Berlin\"\n"
            "  mon-fri 08:00-12:00, 13:00-17:00\n"
            "  closed 2026-12-24 to 2026-12-26\n"
            "}\n"
            "service desk {\n"
            "  enum Priority { P1, P2 }\n"
            "  stream ticket at opened {\n"
            "    opened: time\n"
            "    responded: time?;\n"
            "    priority: Priority\n"
            "  }\n"
            "  let late = ticket.responded > opened + 1h * 2 and not (-1 < 0)\n"
            "  metric answered = ratio(ticket where responded is set)\n"
            "}\n");
}

TEST(FormatterTest, WritesARatioWithItsPopulation) {
  std::string text = "service desk {\n"
                     "  metric p1 = ratio ( ticket where priority==P1 ,in_time )\n"
                     "  metric all = ratio(ticket,priority == P1 and in_time)\n"
                     "}\n";
  EXPECT_EQ(formatted(text), "service desk {\n"
                             "  metric p1 = ratio(ticket where priority == P1, in_time)\n"
                             "  metric all = ratio(ticket, priority == P1 and in_time)\n"
                             "}\n");
  EXPECT_EQ(checkPromises(text), "");
}

TEST(FormatterTest, KeepsLineBreaksInsideItemsAndIndentsContinuations) {
  EXPECT_EQ(formatted("agreement a {\n"
                      "objective response \"First response\":\n"
                      "        desk.answered >= 95%\n"
                      "    over month\n"
                      "remedy r on response {  below 95% credit 5%   at or below 80% credit 20% }\n"
                      "}\n"
                      "service desk {\n"
                      "  stream ticket at opened { opened: time }\n"
                      "  let due = match priority\n"
                      "  {\n"
                      "  P1 => deadline(opened,\n"
                      "  30m, always), P2 => 1h,\n"
                      "  }\n"
                      "  metric m =\n"
                      "  ratio(ticket where\n"
                      "  opened > due)\n"
                      "}\n"),
            "agreement a {\n"
            "  objective response \"First response\":\n"
            "    desk.answered >= 95%\n"
            "    over month\n"
            "  remedy r on response {\n"
            "    below 95% credit 5%\n"
            "    at or below 80% credit 20%\n"
            "  }\n"
            "}\n"
            "service desk {\n"
            "  stream ticket at opened {\n"
            "    opened: time\n"
            "  }\n"
            "  let due = match priority {\n"
            "    P1 => deadline(opened,\n"
            "      30m, always), P2 => 1h,\n"
            "  }\n"
            "  metric m =\n"
            "    ratio(ticket where\n"
            "      opened > due)\n"
            "}\n");
}

TEST(FormatterTest, KeepsThePeriodsAndRangesWrittenWithADash) {
  EXPECT_EQ(formatted("test \"t\" {\n"
                      "  expect a.b in 2026-Q1 == met\n"
                      "  expect a.b in 2026-03 == -5%\n"
                      "  expect a.b in 2026-03-15 == 1000 - 10\n"
                      "}\n"),
            "test \"t\" {\n"
            "  expect a.b in 2026-Q1 == met\n"
            "  expect a.b in 2026-03 == -5%\n"
            "  expect a.b in 2026-03-15 == 1000 - 10\n"
            "}\n");
}

TEST(FormatterTest, KeepsCommentsWhereTheyWereAndAlignsTrailingOnes) {
  EXPECT_EQ(formatted("\n\n// Header.\n\n\n"
                      "import std.calendars   // trailing\n"
                      "holidays h {   // after the brace\n"
                      "2026-01-01 \"New Year\"     // one\n"
                      "2026-12-25 /* inline */ \"Christmas\" // two\n"
                      "\n\n\n"
                      "    // before the closing brace\n"
                      "}\n"
                      "   /* a block\n"
                      "      comment */\n"
                      "calendar c { always }   \n\n\n"),
            "// Header.\n"
            "\n"
            "import std.calendars  // trailing\n"
            "holidays h {          // after the brace\n"
            "  2026-01-01 \"New Year\"                // one\n"
            "  2026-12-25 /* inline */ \"Christmas\"  // two\n"
            "\n"
            "  // before the closing brace\n"
            "}\n"
            "/* a block\n"
            "      comment */\n"
            "calendar c {\n"
            "  always\n"
            "}\n");
}

TEST(FormatterTest, WritesEmptyBlocksOnOneLineAndNormalizesLineEndsAndMoney) {
  EXPECT_EQ(formatted("calendar c {\r\n}\r\nagreement a {\r\n\tfee 10.00\t  EUR per month\r\n}"),
            "calendar c {}\n"
            "agreement a {\n"
            "  fee 10.00 EUR per month\n"
            "}\n");
}

TEST(FormatterTest, DoesNotFormatAFileWithErrors) {
  SourceManager sources;
  DiagnosticEngine diagnostics;
  format::FormatResult result =
      format::formatFile(sources.addFile("bad.sla", "calendar c { zone }\n"), diagnostics);
  EXPECT_EQ(result.status, format::FormatResult::Status::NotParsed);
  EXPECT_TRUE(result.text.empty());
  EXPECT_TRUE(diagnostics.hasErrors());
}

// Every .sla file of the repository that parses.
std::vector<fs::path> repositorySlaFiles() {
  std::vector<fs::path> files;
  for (const char* directory : {"examples", "stdlib", "tests"})
    for (const auto& entry :
         fs::recursive_directory_iterator(fs::path(SLAC_SOURCE_DIR) / directory))
      if (entry.is_regular_file() && entry.path().extension() == ".sla")
        files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

TEST(FormatterTest, EveryRepositoryFileKeepsItsTreeAndFormatsToAFixedPoint) {
  std::size_t checked = 0;
  for (const fs::path& path : repositorySlaFiles()) {
    std::string text = readFileBytes(path);
    if (!parseText("input.sla", text)->ast)
      continue;
    ++checked;
    EXPECT_EQ(checkPromises(text), "") << path;
  }
  EXPECT_GE(checked, 100u);
}

// SLAC_FUZZ_ROUNDS runs longer campaigns by hand.
int rounds() {
  const char* configured = std::getenv("SLAC_FUZZ_ROUNDS");
  return configured ? std::atoi(configured) : 25;
}

// The example with every run of blanks between two tokens replaced by a
// random one (a line comment keeps a line break after it), and comments
// inserted at random between tokens.
std::string respaced(const std::string& text, std::mt19937& random) {
  static const std::vector<std::string> kBlanks = {" ",    "  ",     "\t",   "\n",
                                                   "\n\n", "\n\n\n", " \n ", "\r\n"};
  static const std::vector<std::string> kComments = {"/* c */", "// c\n", "/* a\nb */",
                                                     "\n// own line\n"};
  std::string out;
  for (std::size_t index = 0; index < text.size();) {
    char c = text[index];
    bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!blank) {
      // Strings, comments and money amounts are copied whole.
      if (c == '"') {
        std::size_t end = text.find('"', index + 1);
        while (text[end - 1] == '\\')
          end = text.find('"', end + 1);
        out.append(text, index, end + 1 - index);
        index = end + 1;
        continue;
      }
      if (text.compare(index, 2, "//") == 0) {
        std::size_t end = text.find('\n', index);
        out.append(text, index, end - index);
        index = end;
        continue;
      }
      out += c;
      ++index;
      continue;
    }
    std::size_t end = index;
    while (end < text.size() &&
           (text[end] == ' ' || text[end] == '\t' || text[end] == '\n' || text[end] == '\r'))
      ++end;
    bool lineBreak = text.find('\n', index) < end;
    // Inside a money amount (`2400.00 EUR`) the blanks stay blanks.
    bool money = index > 0 && std::isdigit(static_cast<unsigned char>(text[index - 1])) &&
                 end + 3 <= text.size() && std::isupper(static_cast<unsigned char>(text[end])) &&
                 std::isupper(static_cast<unsigned char>(text[end + 1]));
    if (money) {
      out += " ";
    } else {
      std::string blanks = kBlanks[random() % kBlanks.size()];
      if (lineBreak && blanks.find('\n') == std::string::npos &&
          out.find("//") != std::string::npos)
        blanks += "\n";
      if (random() % 8 == 0)
        blanks += kComments[random() % kComments.size()] + "\n";
      out += blanks;
    }
    index = end;
  }
  return out;
}

TEST(FormatterTest, RespacedAndRecommentedExamplesKeepTheirTree) {
  std::size_t checked = 0;
  for (const fs::path& example : sourceFilesIn("examples", ".sla")) {
    std::string original = readFileBytes(example);
    std::mt19937 random(static_cast<unsigned>(original.size()));
    for (int round = 0; round < rounds(); ++round) {
      std::string text = respaced(original, random);
      if (!parseText("input.sla", text)->ast)
        continue; // a comment swallowed by a line comment's line, say
      ++checked;
      ASSERT_EQ(treeOf(text), treeOf(original)) << "respacing is wrong: " << text;
      ASSERT_EQ(checkPromises(text), "") << example << " round " << round << ":\n" << text;
    }
  }
  EXPECT_GE(checked, 4u * static_cast<std::size_t>(rounds()) / 2);
}

// Bytes deleted, duplicated or replaced with fragments, as the parser's
// mutation fuzz does; the mutants that still parse are formatted.
TEST(FormatterTest, MutatedExamplesThatParseKeepTheirTree) {
  static const std::vector<std::string> kFragments = {
      "{",           "}",  "(",  ")", ",",  "=>",  "99.5%", "-",       "\n",
      "//",          "/*", "*/", ".", "1h", "not", "where", "2026-03", "12 EUR",
      "at or below", ";",  ":",  "?", "-1", " ",   "\t"};
  std::size_t formattedCount = 0;
  for (const fs::path& example : sourceFilesIn("examples", ".sla")) {
    std::string original = readFileBytes(example);
    std::mt19937 random(static_cast<unsigned>(original.size()) + 7);
    for (int round = 0; round < 5 * rounds(); ++round) {
      std::string text = original;
      for (int edits = 1 + static_cast<int>(random() % 3); edits > 0; --edits) {
        std::size_t at = random() % (text.size() + 1);
        switch (random() % 3) {
        case 0:
          text.erase(at, random() % 20);
          break;
        case 1:
          text.insert(at, text.substr(random() % text.size(), random() % 40));
          break;
        default:
          text.insert(at, kFragments[random() % kFragments.size()]);
        }
      }
      if (!parseText("input.sla", text)->ast)
        continue;
      ++formattedCount;
      ASSERT_EQ(checkPromises(text), "") << example << " round " << round << ":\n" << text;
    }
  }
  EXPECT_GE(formattedCount, 20u);
}

TEST(UnifiedDiffTest, ShowsChangedLinesWithThreeLinesOfContext) {
  EXPECT_EQ(format::unifiedDiff("a\n", "a\n", "x", "y"), "");
  EXPECT_EQ(format::unifiedDiff("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n",
                                "1\n2\n3\n4\nfour\n6\n7\n8\n9\n10\n11\n12\nthirteen\n", "x", "y"),
            "--- x\n"
            "+++ y\n"
            "@@ -2,7 +2,7 @@\n"
            " 2\n"
            " 3\n"
            " 4\n"
            "-5\n"
            "+four\n"
            " 6\n"
            " 7\n"
            " 8\n"
            "@@ -10,3 +10,4 @@\n"
            " 10\n"
            " 11\n"
            " 12\n"
            "+thirteen\n");
  EXPECT_EQ(format::unifiedDiff("a", "b\n", "x", "y"), "--- x\n"
                                                       "+++ y\n"
                                                       "@@ -1,1 +1,1 @@\n"
                                                       "-a\n"
                                                       "\\ No newline at end of file\n"
                                                       "+b\n");
  EXPECT_EQ(format::unifiedDiff("", "b\n", "x", "y"), "--- x\n"
                                                      "+++ y\n"
                                                      "@@ -0,0 +1,1 @@\n"
                                                      "+b\n");
}

} // namespace
} // namespace slac::testing
