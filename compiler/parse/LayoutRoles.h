#pragma once

// How the grammar uses each token, read off the parse tree for a formatter.
// Private to the parse library: it exposes the generated ANTLR classes.

#include "SlaLexer.h"
#include "SlaParser.h"
#include "parse/Parser.h"

#include <vector>

namespace slac::parse {

// Every token of a file that parsed (hidden channels included), in source
// order, with its role in the layout. The tree and the tokens must be those
// of `file`.
std::vector<LayoutToken> layoutTokensOf(const SourceFile& file, antlr4::CommonTokenStream& tokens,
                                        slac_grammar::SlaParser::FileContext* tree);

} // namespace slac::parse
