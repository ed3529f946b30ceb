#pragma once

#include "diagnostics/Diagnostic.h"
#include "source/SourceManager.h"

#include <ostream>

namespace slac {

// Renders diagnostics like clang:
//
//   file.sla:3:12: error[E0201]: `25:00` is not a time of day: ...
//       3 |   mon-fri 25:00-18:00
//         |           ^~~~~
//
// with notes and fix-its below. Colour (ANSI) only when asked for; the
// caller decides, normally from whether the stream is a terminal.
class TextRenderer {
public:
  TextRenderer(const SourceManager& sources, std::ostream& out, bool color)
      : sources_(sources), out_(out), color_(color) {}

  void render(const Diagnostic& diagnostic);

private:
  void renderHeader(SourceRange range, Severity severity, std::string_view code,
                    std::string_view message);
  void renderSnippet(SourceRange range, const FixIt* fixIt);

  const SourceManager& sources_;
  std::ostream& out_;
  bool color_;
};

} // namespace slac
