#pragma once

#include "ast/AstContext.h"

#include <ostream>

namespace slac::ast {

// Writes a file's AST as an indented tree, one node or item per line with
// its range as <line:column-line:column> (end exclusive). The format is what
// the golden tests under tests/parse/ compare against.
void dumpAst(const FileAst& ast, std::ostream& out);

} // namespace slac::ast
