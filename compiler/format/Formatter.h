#pragma once

// `slac fmt`: the one canonical layout of a .sla file.
//
// Blocks are indented by 2 spaces, each declaration and each item of a block
// starts a line, binary operators have a space on each side, commas one
// after them; line breaks the author put inside an item are kept (the
// continuation indented by 2 more), blank lines are kept but never more than
// one in a row, and comments stay where they were (trailing comments of
// consecutive lines aligned). The layout works on the token stream with the
// comments as trivia, so grammar additions need no change here.
//
// Formatting never changes meaning: the formatted text is lexed and parsed
// again and must yield the same tokens, else the file is left alone.

#include "diagnostics/DiagnosticEngine.h"
#include "source/SourceManager.h"

#include <string>

namespace slac::format {

struct FormatResult {
  enum class Status {
    Formatted,
    // The file has lexical, literal or syntax errors (reported to the
    // diagnostics); it is not formatted.
    NotParsed,
    // The layout would have changed the file's tokens: a formatter bug.
    // Nothing is formatted.
    Unsafe,
  };
  Status status = Status::NotParsed;
  // With Formatted: the whole file in the canonical layout.
  std::string text;
};

// Thread-safety: safe to call on several threads (parsing is serialized).
FormatResult formatFile(const SourceFile& file, DiagnosticEngine& diagnostics);

} // namespace slac::format
