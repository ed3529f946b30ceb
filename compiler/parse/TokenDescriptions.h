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

} // namespace slac::parse
