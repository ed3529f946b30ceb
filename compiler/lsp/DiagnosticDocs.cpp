#include "lsp/DiagnosticDocs.h"

#include "lsp/DiagnosticsMarkdown.h" // generated from docs/diagnostics.md

#include <string>

namespace slac::lsp {

std::string_view diagnosticDocs(std::string_view code) {
  std::string_view docs = kDiagnosticsMarkdown;
  std::string heading = "\n### " + std::string(code);
  std::size_t begin = docs.find(heading);
  // `### E0401 — ...`: the code must end at the space or line break.
  while (begin != std::string_view::npos) {
    char after = begin + heading.size() < docs.size() ? docs[begin + heading.size()] : '\n';
    if (after == ' ' || after == '\n')
      break;
    begin = docs.find(heading, begin + 1);
  }
  if (begin == std::string_view::npos || code.empty())
    return {};
  ++begin; // the line break before the heading
  std::size_t end = docs.find("\n#", begin);
  std::string_view entry = docs.substr(begin, end == std::string_view::npos ? end : end - begin);
  while (!entry.empty() && entry.back() == '\n')
    entry.remove_suffix(1);
  return entry;
}

} // namespace slac::lsp
