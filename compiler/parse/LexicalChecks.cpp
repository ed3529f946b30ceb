#include "parse/LexicalChecks.h"

#include "SlaLexer.h"
#include "parse/Literals.h"

#include <fmt/format.h>
#include <utf8.h>

namespace slac::parse {

namespace {

using Lexer = slac_grammar::SlaLexer;

SourceRange rangeOf(const SourceFile& file, const antlr4::Token& token) {
  return file.rangeOf(token.getStartIndex(), token.getStopIndex() + 1);
}

std::string_view spellingOf(const SourceFile& file, const antlr4::Token& token) {
  return file.text().substr(token.getStartIndex(),
                            token.getStopIndex() + 1 - token.getStartIndex());
}

// `%`, or U+00A0 for what does not print (the file is valid UTF-8 here).
std::string describeCharacter(std::string_view text, std::size_t offset) {
  auto it = text.begin() + static_cast<std::ptrdiff_t>(offset);
  std::uint32_t codePoint = utf8::next(it, text.end());
  if (codePoint > 0x20 && codePoint < 0x7F)
    return fmt::format("`{}`", static_cast<char>(codePoint));
  // Control characters and the C1 block would garble the message; other
  // characters are shown, with their code point to tell look-alikes apart.
  if (codePoint < 0xA0)
    return fmt::format("U+{:04X}", codePoint);
  return fmt::format("`{}` (U+{:04X})",
                     text.substr(offset, static_cast<std::size_t>(it - text.begin()) - offset),
                     codePoint);
}

void retype(antlr4::Token* token, std::size_t type) {
  static_cast<antlr4::WritableToken*>(token)->setType(type);
}

void hide(antlr4::Token* token) {
  static_cast<antlr4::WritableToken*>(token)->setChannel(antlr4::Token::HIDDEN_CHANNEL);
}

template <typename T>
void reportIfInvalid(const Decoded<T>& decoded, DiagnosticKind kind, SourceRange range,
                     std::string_view spelling, DiagnosticEngine& diagnostics) {
  if (!decoded.ok())
    diagnostics.report(kind, range, spelling, decoded.error());
}

void checkLiteral(const SourceFile& file, antlr4::Token& token, DiagnosticEngine& diagnostics) {
  std::string_view spelling = spellingOf(file, token);
  SourceRange range = rangeOf(file, token);
  switch (token.getType()) {
  case Lexer::INT:
    reportIfInvalid(decodeInt(spelling), DiagnosticKind::NumberTooLarge, range, spelling,
                    diagnostics);
    break;
  case Lexer::DECIMAL:
    reportIfInvalid(decodeDecimal(spelling), DiagnosticKind::NumberTooLarge, range, spelling,
                    diagnostics);
    break;
  case Lexer::PERCENT:
    reportIfInvalid(decodeDecimal(spelling.substr(0, spelling.size() - 1)),
                    DiagnosticKind::NumberTooLarge, range, spelling, diagnostics);
    break;
  case Lexer::MONEY:
    reportIfInvalid(decodeMoney(spelling), DiagnosticKind::NumberTooLarge, range, spelling,
                    diagnostics);
    break;
  case Lexer::DURATION: {
    Decoded<std::int64_t> duration = decodeDuration(spelling);
    if (!duration.ok() && duration.error() == "finer than a microsecond")
      diagnostics.report(DiagnosticKind::DurationTooPrecise, range, spelling);
    else
      reportIfInvalid(duration, DiagnosticKind::NumberTooLarge, range, spelling, diagnostics);
    break;
  }
  case Lexer::DATE:
    reportIfInvalid(decodeDate(spelling), DiagnosticKind::InvalidDate, range, spelling,
                    diagnostics);
    break;
  case Lexer::DATETIME:
    reportIfInvalid(decodeDateTime(spelling), DiagnosticKind::InvalidDateTime, range, spelling,
                    diagnostics);
    break;
  case Lexer::TIME_OF_DAY:
    reportIfInvalid(decodeTimeOfDay(spelling), DiagnosticKind::InvalidTimeOfDay, range, spelling,
                    diagnostics);
    break;
  case Lexer::STRING: {
    DecodedString decoded = decodeString(spelling);
    if (decoded.badEscapeOffset != std::string::npos) {
      std::size_t at = token.getStartIndex() + decoded.badEscapeOffset;
      diagnostics.report(DiagnosticKind::InvalidEscape, file.rangeOf(at, at + 2),
                         spelling.substr(decoded.badEscapeOffset + 1, 1));
    }
    break;
  }
  default:
    break;
  }
}

} // namespace

void checkTokens(const SourceFile& file, antlr4::CommonTokenStream& tokens,
                 DiagnosticEngine& diagnostics) {
  const std::vector<antlr4::Token*>& all = tokens.getTokens();
  for (std::size_t i = 0; i < all.size() && !diagnostics.stopRequested(); ++i) {
    antlr4::Token* token = all[i];
    switch (token->getType()) {
    case Lexer::STRAY_CHARACTER: {
      // A run of stray characters (binary garbage, say) is one diagnostic.
      std::size_t last = i;
      while (last + 1 < all.size() && all[last + 1]->getType() == Lexer::STRAY_CHARACTER) {
        hide(all[last + 1]);
        ++last;
      }
      hide(token);
      // The lexer sees bytes, so a run is counted again in characters.
      std::string_view run = file.text().substr(
          token->getStartIndex(), all[last]->getStopIndex() + 1 - token->getStartIndex());
      std::string what = describeCharacter(file.text(), token->getStartIndex());
      auto more = utf8::unchecked::distance(run.begin(), run.end()) - 1;
      if (more > 0)
        what += fmt::format(" (and {} more after it)", more);
      SourceRange runRange = file.rangeOf(token->getStartIndex(), all[last]->getStopIndex() + 1);
      auto report = diagnostics.report(DiagnosticKind::StrayCharacter, runRange, what);
      if (run.front() == '#')
        report.note(SourceRange::point(runRange.begin), "comments start with `//`")
            .fixIt(file.rangeOf(token->getStartIndex(), token->getStartIndex() + 1), "//");
      i = last;
      break;
    }
    case Lexer::UNTERMINATED_STRING:
      diagnostics.report(DiagnosticKind::UnterminatedString, rangeOf(file, *token));
      retype(token, Lexer::STRING);
      break;
    case Lexer::UNTERMINATED_BLOCK_COMMENT:
      diagnostics.report(DiagnosticKind::UnterminatedComment,
                         file.rangeOf(token->getStartIndex(), token->getStartIndex() + 2));
      hide(token);
      break;
    case Lexer::NUMBER_WITH_UNKNOWN_UNIT: {
      std::string_view spelling = spellingOf(file, *token);
      std::string_view unit = spelling.substr(unitStart(spelling));
      bool looksLikeCurrency =
          unit.size() == 3 && std::isupper(static_cast<unsigned char>(unit[0]));
      diagnostics.report(
          DiagnosticKind::UnknownUnit, rangeOf(file, *token), unit, spelling,
          looksLikeCurrency
              ? "an amount of money puts a space before its currency, like `12000 EUR`"
              : "durations use us, ms, s, m, h, d or w, like `90m` or `1h30m`");
      retype(token, looksLikeCurrency ? Lexer::MONEY : Lexer::DURATION);
      break;
    }
    default:
      checkLiteral(file, *token, diagnostics);
    }
  }
}

bool checkNesting(const SourceFile& file, antlr4::CommonTokenStream& tokens,
                  DiagnosticEngine& diagnostics, const ParseLimits& limits) {
  std::size_t brackets = 0;
  std::size_t prefixRun = 0;
  std::size_t previousType = antlr4::Token::INVALID_TYPE;
  for (antlr4::Token* token : tokens.getTokens()) {
    if (token->getChannel() != antlr4::Token::DEFAULT_CHANNEL)
      continue;
    std::size_t type = token->getType();
    // A `-` or `not` right after an operator or an opener is a prefix
    // operator: each one is a level of recursion in the parser.
    // (The literal tokens are declared together, DATETIME to STRING.)
    bool afterOperand = previousType == Lexer::IDENT || previousType == Lexer::RPAREN ||
                        previousType == Lexer::RBRACE ||
                        (previousType >= Lexer::DATETIME && previousType <= Lexer::STRING);
    if ((type == Lexer::MINUS && !afterOperand) || type == Lexer::NOT)
      ++prefixRun;
    else
      prefixRun = 0;
    if (type == Lexer::LPAREN || type == Lexer::LBRACE)
      ++brackets;
    else if ((type == Lexer::RPAREN || type == Lexer::RBRACE) && brackets > 0)
      --brackets;
    if (brackets + prefixRun > limits.maxNesting) {
      diagnostics.report(DiagnosticKind::NestingTooDeep, rangeOf(file, *token), limits.maxNesting);
      return false;
    }
    previousType = type;
  }
  return true;
}

} // namespace slac::parse
