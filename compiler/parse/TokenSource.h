#pragma once

// The lexer as the parser and the trivia collector drive it. Private to the
// parse library: it exposes the generated ANTLR classes.

#include "SlaLexer.h"
#include "parse/TokenDescriptions.h"

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace slac::parse {

// Feeds ANTLR the file's bytes, one byte per character, so that token
// indices are byte offsets into the SourceFile. Everything outside string
// literals and comments is ASCII in the language, and the bytes of a UTF-8
// sequence inside a string stay together in its token.
class ByteStream : public antlr4::ANTLRInputStream {
public:
  ByteStream(std::string_view bytes, const std::string& sourceName) {
    _data.reserve(bytes.size());
    for (char byte : bytes)
      _data.push_back(static_cast<char32_t>(static_cast<unsigned char>(byte)));
    name = sourceName;
  }
};

// Tells keywords from names (the lexer matches both as names), and ends the
// token stream early when a file has more tokens than allowed, so that
// memory stays bounded whatever the input.
class BoundedLexer : public slac_grammar::SlaLexer {
public:
  BoundedLexer(antlr4::CharStream* input, std::size_t maxTokens)
      : SlaLexer(input), maxTokens_(maxTokens) {}

  std::unique_ptr<antlr4::Token> nextToken() override {
    if (++produced_ > maxTokens_) {
      overflowAt_ = _input->index();
      return std::unique_ptr<antlr4::Token>(_factory->create(
          {this, _input}, antlr4::Token::EOF, "", DEFAULT_TOKEN_CHANNEL, _input->index(),
          _input->index() - 1, getLine(), getCharPositionInLine()));
    }
    std::unique_ptr<antlr4::Token> next = SlaLexer::nextToken();
    if (next->getType() == IDENT)
      if (std::size_t keyword = keywordOrName(next->getText()); keyword != IDENT)
        // The default factory's tokens are CommonTokens.
        static_cast<antlr4::WritableToken&>(*next).setType(keyword);
    return next;
  }

  std::optional<std::size_t> overflowAt() const { return overflowAt_; }

private:
  std::size_t maxTokens_;
  std::size_t produced_ = 0;
  std::optional<std::size_t> overflowAt_;
};

// The ANTLR 4.9 runtime shares the DFA caches of lexers and parsers between
// instances without locking them: hold this while lexing or parsing.
inline std::mutex& antlrMutex() {
  static std::mutex mutex;
  return mutex;
}

} // namespace slac::parse
