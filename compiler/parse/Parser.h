#pragma once

#include "ast/AstContext.h"
#include "diagnostics/DiagnosticEngine.h"
#include "source/SourceManager.h"

#include <cstddef>
#include <optional>
#include <vector>

namespace slac::parse {

// Bounds that keep hostile input from exhausting the stack or memory.
struct ParseLimits {
  // Brackets and prefix operators open a level each.
  std::size_t maxNesting = 256;
  // Depth of an expression tree, binary operator chains included.
  std::size_t maxExpressionDepth = 1024;
  std::size_t maxTokens = 8'000'000;
};

// Parses one source file into its AST. Every problem becomes a diagnostic;
// nothing is thrown. Returns the AST only when the file has no lexical,
// literal or syntax error.
//
// Thread-safety: the ANTLR runtime shares DFA caches between parsers, so
// calls are serialized internally; parsing on several threads is safe but
// not parallel.
std::optional<ast::FileAst> parseFile(const SourceFile& file, ast::AstContext& context,
                                      DiagnosticEngine& diagnostics,
                                      const ParseLimits& limits = {});

// What the AST leaves out and a formatter must keep: comments, and blank
// lines between declarations and items.
struct Trivia {
  enum class Kind { LineComment, BlockComment, BlankLine };
  Kind kind;
  SourceRange range;
};

// The trivia of a file in source order. Lexes only; call it on a file that
// parsed, since a file with lexical errors has no reliable trivia.
std::vector<Trivia> collectTrivia(const SourceFile& file);

} // namespace slac::parse
