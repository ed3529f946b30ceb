#include "parse/Parser.h"

#include "SlaParser.h"
#include "parse/AstBuilder.h"
#include "parse/LayoutRoles.h"
#include "parse/LexicalChecks.h"
#include "parse/SyntaxErrorStrategy.h"
#include "parse/TokenSource.h"

#include <utf8.h>

namespace slac::parse {

namespace {

bool isValidUtf8(const SourceFile& file, DiagnosticEngine& diagnostics) {
  std::string_view text = file.text();
  auto invalid = utf8::find_invalid(text.begin(), text.end());
  if (invalid == text.end())
    return true;
  std::size_t offset = static_cast<std::size_t>(invalid - text.begin());
  diagnostics.report(DiagnosticKind::InvalidUtf8, file.rangeOf(offset, offset + 1),
                     static_cast<unsigned>(static_cast<unsigned char>(*invalid)));
  return false;
}

// Where the file exceeds the token limit, found by lexing it once without
// keeping the tokens: kept, 8,000,000 of them take about 2 GB, which a
// file refused for having too many must not cost.
std::optional<std::size_t> tokenOverflow(const SourceFile& file, std::size_t maxTokens) {
  ByteStream input(file.text(), file.name());
  BoundedLexer lexer(&input, maxTokens);
  lexer.removeErrorListeners();
  while (lexer.nextToken()->getType() != antlr4::Token::EOF) {
  }
  return lexer.overflowAt();
}

// Parses with the fast SLL strategy first and falls back to full LL, with
// error recovery and reporting, only for input SLL cannot take.
slac_grammar::SlaParser::FileContext* parseTree(slac_grammar::SlaParser& parser,
                                                antlr4::CommonTokenStream& tokens,
                                                SyntaxErrorStrategy& strategy) {
  parser.removeErrorListeners();
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
  try {
    return parser.file();
  } catch (const antlr4::ParseCancellationException&) {
  }
  tokens.seek(0);
  parser.reset();
  parser.setErrorHandler(
      std::shared_ptr<antlr4::ANTLRErrorStrategy>(&strategy, [](antlr4::ANTLRErrorStrategy*) {}));
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::LL);
  return parser.file();
}

// parseFile, and when `layout` is given, the file's layout tokens too.
std::optional<ast::FileAst> parseWithLayout(const SourceFile& file, ast::AstContext& context,
                                            DiagnosticEngine& diagnostics,
                                            const ParseLimits& limits,
                                            std::vector<LayoutToken>* layout) {
  if (!isValidUtf8(file, diagnostics))
    return std::nullopt;
  std::size_t errorsBefore = diagnostics.errorCount();

  std::lock_guard lock(antlrMutex());
  // Every token but the end of file is at least one byte long: a file with
  // fewer bytes than the limit cannot exceed it, and is lexed only once.
  bool mayOverflow = file.text().size() + 1 >= limits.maxTokens;
  if (auto overflow = mayOverflow ? tokenOverflow(file, limits.maxTokens) : std::nullopt) {
    diagnostics.report(DiagnosticKind::TooManyTokens,
                       SourceRange::point(file.locationAt(*overflow)), limits.maxTokens);
    return std::nullopt;
  }
  ByteStream input(file.text(), file.name());
  BoundedLexer lexer(&input, limits.maxTokens);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  checkTokens(file, tokens, diagnostics);
  if (diagnostics.stopRequested() || !checkNesting(file, tokens, diagnostics, limits))
    return std::nullopt;

  slac_grammar::SlaParser parser(&tokens);
  SyntaxErrorStrategy strategy(file, diagnostics);
  slac_grammar::SlaParser::FileContext* tree = nullptr;
  try {
    tree = parseTree(parser, tokens, strategy);
  } catch (const ParsingAbandoned&) {
    return std::nullopt;
  }
  if (strategy.errorCount() > 0)
    return std::nullopt;

  AstBuilder builder(file, context, diagnostics, limits);
  ast::FileAst ast = builder.build(tree);
  if (ast.declarations.empty() && diagnostics.errorCount() == errorsBefore)
    diagnostics.report(DiagnosticKind::EmptyFile, SourceRange::point(file.locationAt(0)));
  if (diagnostics.errorCount() != errorsBefore)
    return std::nullopt;
  if (layout != nullptr)
    *layout = layoutTokensOf(file, tokens, tree);
  return ast;
}

} // namespace

std::optional<ast::FileAst> parseFile(const SourceFile& file, ast::AstContext& context,
                                      DiagnosticEngine& diagnostics, const ParseLimits& limits) {
  return parseWithLayout(file, context, diagnostics, limits, nullptr);
}

std::optional<std::vector<LayoutToken>>
layoutTokens(const SourceFile& file, DiagnosticEngine& diagnostics, const ParseLimits& limits) {
  ast::AstContext context;
  std::vector<LayoutToken> layout;
  if (!parseWithLayout(file, context, diagnostics, limits, &layout))
    return std::nullopt;
  return layout;
}

} // namespace slac::parse
