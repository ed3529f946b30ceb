#include "lsp/Hover.h"

#include "lsp/DiagnosticDocs.h"

#include <algorithm>
#include <fmt/format.h>

namespace slac::lsp {

namespace {

// Long declarations (a service) are cut: the hover is a reminder, not a view.
constexpr std::size_t kMaxDeclarationLines = 12;

// The text of a declaration, its later lines dedented by the indentation of
// its first.
std::string sourceText(const SourceManager& sources, SourceRange range) {
  const SourceFile* file = sources.fileContaining(range.begin);
  if (!file || range.end < range.begin)
    return {};
  std::size_t begin = range.begin.offset - file->base();
  std::string_view text = file->text().substr(begin, range.end.offset - range.begin.offset);
  std::size_t lineStart = file->text().rfind('\n', begin);
  std::size_t indent = lineStart == std::string_view::npos ? begin : begin - lineStart - 1;
  std::string result;
  std::size_t lines = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? end : end - start);
    if (++lines > kMaxDeclarationLines) {
      result += "...\n";
      break;
    }
    if (lines > 1)
      line.remove_prefix(std::min(indent, line.find_first_not_of(' ') == std::string_view::npos
                                              ? line.size()
                                              : line.find_first_not_of(' ')));
    result += std::string(line) + "\n";
    if (end == std::string_view::npos)
      break;
    start = end + 1;
  }
  return result;
}

std::string describeSymbol(const Analysis& analysis, const Symbol& symbol) {
  std::string text = fmt::format("**{}** `{}`", symbolKindName(symbol.kind), symbol.name);
  if (symbol.parent && symbol.parent->kind != SymbolKind::Import)
    text += fmt::format(" in {} `{}`", symbolKindName(symbol.parent->kind), symbol.parent->name);
  if (symbol.decl && symbol.decl->title)
    text += fmt::format("\n\n{}", symbol.decl->title->value);
  if (std::optional<std::string> type = analysis.typeOf(symbol))
    text += fmt::format("\n\nType: {}", *type);
  if (symbol.kind == SymbolKind::Import && symbol.imported)
    text += fmt::format("\n\nModule `{}`", symbol.imported->path);
  switch (symbol.kind) {
  // What these mean is their definition: a metric's formula, a calendar's
  // zone, hours and business day, a let's expression.
  case SymbolKind::Metric:
  case SymbolKind::Calendar:
  case SymbolKind::Let:
  case SymbolKind::Field:
  case SymbolKind::Objective:
  case SymbolKind::Enum:
  case SymbolKind::Holidays:
    text += "\n\n```sla\n" + sourceText(analysis.sources(), symbol.decl->range()) + "```";
    break;
  default:
    break;
  }
  return text;
}

} // namespace

std::string hoverText(const Analysis& analysis, SourceLocation at) {
  std::vector<std::string> parts;
  for (const Diagnostic& diagnostic : analysis.compilation().diagnostics().diagnostics()) {
    if (diagnostic.range.begin <= at && at <= diagnostic.range.end) {
      std::string part = fmt::format("**{}** {}", diagnostic.code(), diagnostic.message);
      if (std::string_view docs = diagnosticDocs(diagnostic.code()); !docs.empty())
        part += "\n\n" + std::string(docs);
      parts.push_back(part);
    }
  }
  if (analysis.loaded()) {
    if (const Symbol* symbol = analysis.index().symbolAt(at))
      parts.push_back(describeSymbol(analysis, *symbol));
  }
  std::string text;
  for (const std::string& part : parts)
    text += (text.empty() ? "" : "\n\n---\n\n") + part;
  return text;
}

} // namespace slac::lsp
