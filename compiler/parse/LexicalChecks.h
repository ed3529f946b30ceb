#pragma once

// Internal to the parser: the checks that need only tokens. They run before
// parsing, so that every malformed literal is reported even when the file
// also has syntax errors, and so that the parser never meets nesting deep
// enough to exhaust the stack.

#include "diagnostics/DiagnosticEngine.h"
#include "parse/Parser.h"
#include "source/SourceManager.h"

#include <antlr4-runtime.h>

namespace slac::parse {

// Reports malformed tokens and literals. Tokens that cannot take part in
// parsing (stray characters, unterminated comments) are moved off the
// default channel and unterminated strings become strings, so that the
// parser reports only real syntax errors after them.
void checkTokens(const SourceFile& file, antlr4::CommonTokenStream& tokens,
                 DiagnosticEngine& diagnostics);

// Reports the first place where brackets and prefix operators nest deeper
// than the limit; false if there is one (the file must not be parsed).
bool checkNesting(const SourceFile& file, antlr4::CommonTokenStream& tokens,
                  DiagnosticEngine& diagnostics, const ParseLimits& limits);

} // namespace slac::parse
