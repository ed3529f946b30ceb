#include "parse/SyntaxErrorStrategy.h"

#include "SlaLexer.h"
#include "parse/TokenDescriptions.h"

namespace slac::parse {

namespace {

using Lexer = slac_grammar::SlaLexer;

// Recovery steps beyond this many mean the input is not an SLA at all; the
// cap also guarantees that recovery terminates.
constexpr std::size_t kMaxRecoveries = 200;

} // namespace

SourceRange SyntaxErrorStrategy::rangeOf(const antlr4::Token& token) const {
  if (token.getType() == antlr4::Token::EOF)
    return SourceRange::point(file_.locationAt(file_.text().size()));
  return file_.rangeOf(token.getStartIndex(), token.getStopIndex() + 1);
}

SourceRange SyntaxErrorStrategy::insertionPoint(antlr4::Parser* parser) const {
  antlr4::TokenStream* tokens = parser->getTokenStream();
  antlr4::Token* current = tokens->LT(1);
  antlr4::Token* previous = tokens->LT(-1);
  if (!previous)
    return SourceRange::point(rangeOf(*current).begin);
  return SourceRange::point(file_.locationAt(previous->getStopIndex() + 1));
}

void SyntaxErrorStrategy::checkProgress() {
  if (diagnostics_.stopRequested() || ++recoveries_ > kMaxRecoveries)
    throw ParsingAbandoned{};
}

void SyntaxErrorStrategy::recover(antlr4::Parser* parser, std::exception_ptr error) {
  checkProgress();
  DefaultErrorStrategy::recover(parser, error);
}

antlr4::Token* SyntaxErrorStrategy::recoverInline(antlr4::Parser* parser) {
  checkProgress();
  return DefaultErrorStrategy::recoverInline(parser);
}

bool SyntaxErrorStrategy::reportUnclosed(antlr4::Parser* parser, const antlr4::Token& token,
                                         const antlr4::misc::IntervalSet& expected) {
  if (token.getType() != antlr4::Token::EOF)
    return false;
  for (std::size_t closer : {Lexer::RBRACE, Lexer::RPAREN}) {
    if (!expected.contains(closer))
      continue;
    const antlr4::Token* opener = unmatchedOpener(parser, closer);
    if (!opener)
      continue;
    ++errors_;
    SourceRange at = insertionPoint(parser);
    diagnostics_
        .report(DiagnosticKind::MissingToken, at, fmt::format("`{}`", fixedSpelling(closer)),
                "end of file")
        .note(rangeOf(*opener), "to match this `{}`", fixedSpelling(opener->getType()))
        .fixIt(at, fixedSpelling(closer));
    return true;
  }
  return false;
}

void SyntaxErrorStrategy::unexpected(antlr4::Parser* parser, const antlr4::Token& token,
                                     const antlr4::misc::IntervalSet& expected) {
  if (reportUnclosed(parser, token, expected))
    return;
  ++errors_;
  diagnostics_.report(DiagnosticKind::UnexpectedToken, rangeOf(token),
                      describeToken(token, file_.text()), describeExpected(expected));
}

void SyntaxErrorStrategy::reportNoViableAlternative(antlr4::Parser* parser,
                                                    const antlr4::NoViableAltException& error) {
  unexpected(parser, *error.getOffendingToken(), error.getExpectedTokens());
}

void SyntaxErrorStrategy::reportInputMismatch(antlr4::Parser* parser,
                                              const antlr4::InputMismatchException& error) {
  unexpected(parser, *error.getOffendingToken(), error.getExpectedTokens());
}

void SyntaxErrorStrategy::reportFailedPredicate(antlr4::Parser* parser,
                                                const antlr4::FailedPredicateException& error) {
  unexpected(parser, *error.getOffendingToken(), parser->getExpectedTokens());
}

void SyntaxErrorStrategy::reportUnwantedToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser))
    return;
  beginErrorCondition(parser);
  antlr4::Token* token = parser->getCurrentToken();
  if (reportUnclosed(parser, *token, getExpectedTokens(parser)))
    return;
  ++errors_;
  diagnostics_.report(DiagnosticKind::ExtraneousToken, rangeOf(*token),
                      describeToken(*token, file_.text()),
                      describeExpected(getExpectedTokens(parser)));
}

void SyntaxErrorStrategy::reportMissingToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser))
    return;
  beginErrorCondition(parser);
  ++errors_;
  antlr4::Token* token = parser->getCurrentToken();
  antlr4::misc::IntervalSet expected = getExpectedTokens(parser);
  SourceRange at = insertionPoint(parser);
  auto report = diagnostics_.report(DiagnosticKind::MissingToken, at, describeExpected(expected),
                                    describeToken(*token, file_.text()));
  if (expected.size() != 1)
    return;
  // A single missing closer or separator has an obvious fix.
  std::size_t missing = static_cast<std::size_t>(expected.getSingleElement());
  std::string spelling = fixedSpelling(missing);
  if (!spelling.empty())
    report.fixIt(at, spelling);
  if (const antlr4::Token* opener = unmatchedOpener(parser, missing))
    report.note(rangeOf(*opener), "to match this `{}`", fixedSpelling(opener->getType()));
}

const antlr4::Token* SyntaxErrorStrategy::unmatchedOpener(antlr4::Parser* parser,
                                                          std::size_t closer) const {
  std::size_t opener = closer == Lexer::RBRACE   ? Lexer::LBRACE
                       : closer == Lexer::RPAREN ? Lexer::LPAREN
                                                 : 0;
  if (opener == 0)
    return nullptr;
  antlr4::TokenStream* tokens = parser->getTokenStream();
  std::size_t balance = 0;
  for (std::size_t i = tokens->index(); i-- > 0;) {
    const antlr4::Token* token = tokens->get(i);
    if (token->getChannel() != antlr4::Token::DEFAULT_CHANNEL)
      continue;
    if (token->getType() == closer)
      ++balance;
    else if (token->getType() == opener && balance-- == 0)
      return token;
  }
  return nullptr;
}

} // namespace slac::parse
