#include "parse/Parser.h"
#include "support/ParseSupport.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace slac::testing {
namespace {

std::vector<std::string> describeTrivia(const SourceFile& file) {
  std::vector<std::string> lines;
  for (const parse::Trivia& trivia : parse::collectTrivia(file)) {
    auto begin = file.lineColumn(trivia.range.begin);
    auto end = file.lineColumn(trivia.range.end);
    const char* kind = trivia.kind == parse::Trivia::Kind::LineComment    ? "line comment"
                       : trivia.kind == parse::Trivia::Kind::BlockComment ? "block comment"
                                                                          : "blank line";
    lines.push_back(
        fmt::format("{} {}:{}-{}:{}", kind, begin.line, begin.column, end.line, end.column));
  }
  return lines;
}

TEST(TriviaTest, CommentsAndBlankLinesSurviveWithTheirRanges) {
  SourceManager sources;
  const SourceFile& file = sources.addFile("trivia.sla", "// header\n"
                                                         "\n"
                                                         "calendar c { /* inline */ always }\n"
                                                         "  \n"
                                                         "\n"
                                                         "/* multi\n"
                                                         "   line */\n");
  EXPECT_THAT(describeTrivia(file),
              ::testing::ElementsAre("line comment 1:1-1:10", "blank line 2:1-3:1",
                                     "block comment 3:14-3:26", "blank line 4:1-5:1",
                                     "blank line 5:1-6:1", "block comment 6:1-7:11"));
}

TEST(TriviaTest, ParsingIgnoresTrivia) {
  auto parsed = parseText("trivia.sla", "// header\n\ncalendar c { /* inline */ always }\n");
  ASSERT_TRUE(parsed->ast.has_value());
  EXPECT_EQ(parsed->ast->declarations.size(), 1u);
}

} // namespace
} // namespace slac::testing
