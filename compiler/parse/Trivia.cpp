#include "parse/Parser.h"
#include "parse/TokenSource.h"

namespace slac::parse {

std::vector<Trivia> collectTrivia(const SourceFile& file) {
  std::lock_guard lock(antlrMutex());
  ByteStream input(file.text(), file.name());
  slac_grammar::SlaLexer lexer(&input);
  lexer.removeErrorListeners();
  std::vector<Trivia> trivia;
  // A line break right after another line break (spaces between them aside)
  // ends a blank line.
  constexpr std::size_t kNoLineBreak = std::string_view::npos;
  std::size_t lineBreakEnd = kNoLineBreak;
  for (auto token = lexer.nextToken(); token->getType() != antlr4::Token::EOF;
       token = lexer.nextToken()) {
    std::size_t begin = token->getStartIndex();
    std::size_t end = token->getStopIndex() + 1;
    switch (token->getType()) {
    case slac_grammar::SlaLexer::LINE_COMMENT:
      trivia.push_back({Trivia::Kind::LineComment, file.rangeOf(begin, end)});
      lineBreakEnd = kNoLineBreak;
      break;
    case slac_grammar::SlaLexer::BLOCK_COMMENT:
      trivia.push_back({Trivia::Kind::BlockComment, file.rangeOf(begin, end)});
      lineBreakEnd = kNoLineBreak;
      break;
    case slac_grammar::SlaLexer::NEWLINE:
      if (lineBreakEnd != kNoLineBreak)
        trivia.push_back({Trivia::Kind::BlankLine, file.rangeOf(lineBreakEnd, end)});
      lineBreakEnd = end;
      break;
    case slac_grammar::SlaLexer::SPACE:
      break;
    default:
      lineBreakEnd = kNoLineBreak;
    }
  }
  return trivia;
}

} // namespace slac::parse
