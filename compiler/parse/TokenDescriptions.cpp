#include "parse/TokenDescriptions.h"

#include "SlaLexer.h"

#include <algorithm>
#include <fmt/format.h>
#include <set>
#include <utility>
#include <vector>

namespace slac::parse {

namespace {

using Lexer = slac_grammar::SlaLexer;

// The generated lexer keeps its vocabulary private but hands it out from
// any instance.
const antlr4::dfa::Vocabulary& vocabulary() {
  static antlr4::ANTLRInputStream empty;
  static Lexer lexer(&empty);
  return lexer.getVocabulary();
}

// A spelling longer than this is cut in messages.
constexpr std::size_t kMaxQuotedLength = 40;

std::string excerpt(std::string_view text) {
  if (text.size() <= kMaxQuotedLength)
    return std::string(text);
  std::size_t cut = kMaxQuotedLength;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  return std::string(text.substr(0, cut)) + "...";
}

// Words for the tokens that have no fixed spelling.
const char* classWord(std::size_t type) {
  switch (type) {
  case Lexer::IDENT:
    return "a name";
  case Lexer::INT:
    return "an integer";
  case Lexer::DECIMAL:
    return "a number";
  case Lexer::PERCENT:
    return "a percent";
  case Lexer::DURATION:
    return "a duration";
  case Lexer::MONEY:
    return "an amount of money";
  case Lexer::DATE:
    return "a date";
  case Lexer::DATETIME:
    return "an instant";
  case Lexer::TIME_OF_DAY:
    return "a time of day";
  case Lexer::STRING:
    return "a string";
  case antlr4::Token::EOF:
    return "end of file";
  default:
    return nullptr;
  }
}

std::string keywordSpelling(std::size_t type) {
  return fmt::format("`{}`", fixedSpelling(type));
}

bool isKeyword(std::size_t type) {
  std::string literal = vocabulary().getLiteralName(type);
  return literal.size() > 2 && std::isalpha(static_cast<unsigned char>(literal[1]));
}

bool startsExpression(std::size_t type) {
  switch (type) {
  case antlr4::Token::EOF:
    return false;
  case Lexer::LPAREN:
  case Lexer::MINUS:
  case Lexer::NOT:
  case Lexer::MATCH:
  case Lexer::SLICES:
  case Lexer::TRUE:
  case Lexer::FALSE:
  case Lexer::IN:
    return true;
  default:
    return classWord(type) != nullptr || isKeyword(type);
  }
}

std::string listed(const std::vector<std::string>& words) {
  if (words.empty())
    return "something else";
  if (words.size() == 1)
    return words[0];
  constexpr std::size_t kMaxListed = 12;
  std::string result = words.size() == 2 ? "" : "one of ";
  for (std::size_t i = 0; i < words.size() && i < kMaxListed; ++i)
    result += (i == 0 ? "" : words.size() == 2 ? " or " : ", ") + words[i];
  if (words.size() > kMaxListed)
    result += fmt::format(" (or {} more)", words.size() - kMaxListed);
  return result;
}

} // namespace

std::string fixedSpelling(std::size_t type) {
  std::string literal = vocabulary().getLiteralName(type);
  if (literal.size() >= 2 && literal.front() == '\'')
    return literal.substr(1, literal.size() - 2);
  return {};
}

std::size_t keywordOrName(std::string_view text) {
  // The keywords' spellings, sorted, from the vocabulary: the rules of the
  // lexer's KEYWORDS mode.
  static const auto keywords = [] {
    std::vector<std::pair<std::string, std::size_t>> spelled;
    for (std::size_t type = 1; type <= vocabulary().getMaxTokenType(); ++type)
      if (isKeyword(type))
        spelled.emplace_back(fixedSpelling(type), type);
    std::sort(spelled.begin(), spelled.end());
    return spelled;
  }();
  auto found = std::lower_bound(keywords.begin(), keywords.end(), text,
                                [](const std::pair<std::string, std::size_t>& keyword,
                                   std::string_view spelling) { return keyword.first < spelling; });
  return found != keywords.end() && found->first == text ? found->second
                                                         : std::size_t{Lexer::IDENT};
}

std::string describeToken(const antlr4::Token& token, std::string_view source) {
  std::size_t type = token.getType();
  if (type == antlr4::Token::EOF)
    return "end of file";
  std::string_view spelling =
      source.substr(token.getStartIndex(), token.getStopIndex() + 1 - token.getStartIndex());
  if (type == Lexer::IDENT)
    return fmt::format("name `{}`", excerpt(spelling));
  if (type == Lexer::STRING)
    return fmt::format("string {}", excerpt(spelling));
  return fmt::format("`{}`", excerpt(spelling));
}

std::string describeExpected(const antlr4::misc::IntervalSet& expected) {
  std::vector<std::size_t> types;
  for (std::ptrdiff_t type : expected.toList())
    types.push_back(static_cast<std::size_t>(type));
  std::set<std::size_t> set(types.begin(), types.end());

  // Where an expression may start, say so rather than list its openers.
  std::vector<std::string> words;
  bool expressionExpected = set.count(Lexer::IDENT) && set.count(Lexer::INT) &&
                            set.count(Lexer::LPAREN) && set.count(Lexer::STRING);
  if (expressionExpected) {
    words.push_back("an expression");
    for (std::size_t type : types)
      if (!startsExpression(type))
        words.push_back(classWord(type) ? classWord(type) : keywordSpelling(type));
    return listed(words);
  }

  // Where a name may stand, the keywords usable as names are not listed.
  bool nameExpected = set.count(Lexer::IDENT) > 0;
  for (std::size_t type : types) {
    // `let` is the only keyword that starts an item where a name may too
    // (in a stream body, where `}` may also follow); elsewhere it and the
    // other keywords are there only because they are also names.
    bool startsStreamItem = type == Lexer::LET && set.count(Lexer::RBRACE) > 0;
    if (nameExpected && isKeyword(type) && !startsStreamItem)
      continue;
    words.push_back(classWord(type) ? classWord(type) : keywordSpelling(type));
  }
  return listed(words);
}

} // namespace slac::parse
