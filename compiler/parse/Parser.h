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

// A token as a formatter lays it out: code and comments in source order,
// each with the line breaks the author put before it and the little a
// formatter needs to know of the grammar. Nothing here names a grammar rule,
// so new declarations and items are laid out without changes to a formatter.
struct LayoutToken {
  enum class Kind { Code, LineComment, BlockComment };
  enum class Role {
    Plain,
    // The first token of a declaration or of an item of a `{ }` block.
    ItemStart,
    // The braces around such items (not those of `enum` or `match`).
    BlockOpen,
    BlockClose,
    // `-` as an operator between or before operands, as opposed to the `-`
    // of `mon-fri`, `08:00-12:00` or `2026-Q1`.
    InfixOperator,
    PrefixOperator,
    // `(` after the name of a function or aggregate (not a grouping one).
    CallParen,
  };
  Kind kind = Kind::Code;
  Role role = Role::Plain;
  // Points into the SourceFile.
  std::string_view text;
  // Line breaks between the previous token (or the start of the file) and
  // this one.
  unsigned lineBreaksBefore = 0;
};

// Parses a file as parseFile does (reporting the same diagnostics) and, when
// it parses, returns its tokens for a formatter; nullopt otherwise. The
// views point into `file`.
std::optional<std::vector<LayoutToken>>
layoutTokens(const SourceFile& file, DiagnosticEngine& diagnostics, const ParseLimits& limits = {});

} // namespace slac::parse
