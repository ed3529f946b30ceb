#pragma once

// Internal to the parser: describes tokens in the words of the language, not
// in ANTLR's token names.

#include <antlr4-runtime.h>
#include <string>
#include <string_view>

namespace slac::parse {

// `calendar`, name `office`, `99.5%`, string "…", end of file.
std::string describeToken(const antlr4::Token& token, std::string_view source);

// "`}`", "a name or `}`", "an expression", "one of `zone`, `closed`, ...".
std::string describeExpected(const antlr4::misc::IntervalSet& expected);

// The fixed spelling of a token type (`}` for RBRACE), or empty if it has none.
std::string fixedSpelling(std::size_t type);

// The token type of a name as the lexer matched it: the keyword spelled
// `text` (grammar/SlaLexer.g4 lexes keywords as names), or a name.
std::size_t keywordOrName(std::string_view text);

} // namespace slac::parse
