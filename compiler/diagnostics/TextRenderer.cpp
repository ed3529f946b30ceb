#include "diagnostics/TextRenderer.h"

#include <algorithm>
#include <fmt/format.h>
#include <string>
#include <utf8.h>

namespace slac {

namespace {

// A snippet shows at most this many characters of a line, around the caret,
// so that a pathological line (megabytes long) prints as a short excerpt.
constexpr std::size_t kSnippetWidth = 100;

constexpr std::string_view kReset = "\033[0m";
constexpr std::string_view kBold = "\033[1m";

std::string_view severityColor(Severity severity) {
  switch (severity) {
  case Severity::Note:
    return "\033[1;36m";
  case Severity::Warning:
    return "\033[1;35m";
  case Severity::Error:
  case Severity::Fatal:
    return "\033[1;31m";
  }
  return "";
}

bool isContinuationByte(char byte) {
  return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

// The code points [first, first + count) of `text`, each as its byte
// slice, and how many `text` has in all: a line may be megabytes long, and
// only the window shown is kept.
struct CodePointWindow {
  std::vector<std::string_view> points;
  std::size_t total = 0;
};

CodePointWindow codePoints(std::string_view text, std::size_t first, std::size_t count) {
  CodePointWindow window;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t next = i + 1;
    while (next < text.size() && isContinuationByte(text[next]))
      ++next;
    if (window.total >= first && window.total - first < count)
      window.points.push_back(text.substr(i, next - i));
    ++window.total;
    i = next;
  }
  return window;
}

std::string displayed(std::string_view codePoint) {
  if (codePoint == "\t")
    return " ";
  unsigned char first = static_cast<unsigned char>(codePoint[0]);
  if (first < 0x20 || first == 0x7F || !utf8::is_valid(codePoint.begin(), codePoint.end()))
    return "?";
  return std::string(codePoint);
}

} // namespace

void TextRenderer::render(const Diagnostic& diagnostic) {
  renderHeader(diagnostic.range, diagnostic.severity, diagnostic.code(), diagnostic.message);
  renderSnippet(diagnostic.range, diagnostic.fixIts.empty() ? nullptr : &diagnostic.fixIts.front());
  for (const DiagnosticNote& note : diagnostic.notes) {
    renderHeader(note.range, Severity::Note, "", note.message);
    renderSnippet(note.range, nullptr);
  }
}

void TextRenderer::renderHeader(SourceRange range, Severity severity, std::string_view code,
                                std::string_view message) {
  if (color_)
    out_ << kBold;
  if (const SourceFile* file = sources_.fileContaining(range.begin)) {
    auto [line, column] = file->lineColumn(range.begin);
    out_ << file->name() << ':' << line << ':' << column << ": ";
  } else {
    out_ << "slac: ";
  }
  if (color_)
    out_ << severityColor(severity);
  out_ << severityName(severity);
  if (!code.empty())
    out_ << '[' << code << ']';
  out_ << ':';
  if (color_)
    out_ << kReset << kBold;
  out_ << ' ' << message;
  if (color_)
    out_ << kReset;
  out_ << '\n';
}

void TextRenderer::renderSnippet(SourceRange range, const FixIt* fixIt) {
  const SourceFile* file = sources_.fileContaining(range.begin);
  if (!file || !file->isText())
    return;
  auto [line, column] = file->lineColumn(range.begin);
  std::size_t caret = column - 1;
  std::size_t first = caret > kSnippetWidth / 2 ? caret - kSnippetWidth / 2 : 0;
  CodePointWindow window = codePoints(file->lineText(line), first, kSnippetWidth);

  // The underline runs to the range's end, or to the end of the line when
  // the range goes on past it.
  std::size_t underlineEnd = caret + 1;
  if (file->contains(range.end) && range.end > range.begin) {
    auto [endLine, endColumn] = file->lineColumn(range.end);
    underlineEnd = endLine == line ? std::max<std::size_t>(endColumn - 1, caret + 1) : window.total;
  }
  underlineEnd = std::max(underlineEnd, caret + 1);

  std::size_t last = std::min(window.total, first + kSnippetWidth);
  std::string excerpt = first > 0 ? "..." : "";
  std::string marks(first > 0 ? 3 : 0, ' ');
  for (std::size_t i = first; i < std::max(last, std::min(underlineEnd, first + kSnippetWidth));
       ++i) {
    if (i < window.total)
      excerpt += displayed(window.points[i - first]);
    if (i >= caret && i < underlineEnd)
      marks += i == caret ? '^' : '~';
    else if (i < caret)
      marks += ' ';
  }
  if (last < window.total)
    excerpt += "...";

  std::string gutter = fmt::format("{:>5} | ", line);
  std::string blank(gutter.size() - 2, ' ');
  out_ << gutter << excerpt << '\n';
  out_ << blank << "| ";
  if (color_)
    out_ << "\033[1;32m";
  out_ << marks;
  if (color_)
    out_ << kReset;
  out_ << '\n';
  if (fixIt) {
    std::size_t fixColumn = file->lineColumn(fixIt->range.begin).column - 1;
    if (fixColumn >= first)
      out_ << blank << "| " << std::string(fixColumn - first + (first > 0 ? 3 : 0), ' ')
           << fixIt->replacement << '\n';
  }
}

} // namespace slac
