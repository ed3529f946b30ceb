#pragma once

// One run of the checker on an editor buffer: the same pipeline as
// `slac check`, with the buffer in place of the file on disk (its imports
// are read from disk unless they are open too), and the names of what it
// loaded.

#include "compile/Compile.h"
#include "lsp/Protocol.h"
#include "lsp/SymbolIndex.h"

#include <map>
#include <optional>
#include <string>

namespace slac::lsp {

class Analysis {
public:
  // `openBuffers`: the other files open in the editor, by path; an import
  // of one of them reads its unsaved text.
  Analysis(const std::string& path, std::string text,
           const std::map<std::string, std::string_view>& openBuffers = {});
  Analysis(const Analysis&) = delete;
  Analysis& operator=(const Analysis&) = delete;

  const compile::Compilation& compilation() const { return compilation_; }
  const SourceManager& sources() const { return compilation_.sources(); }
  // The buffer as a source file; null if it was refused (too large).
  const SourceFile* file() const { return file_; }
  // Whether the buffer and everything it imports parsed: only then are its
  // names indexed.
  bool loaded() const { return loaded_; }
  const SymbolIndex& index() const { return index_; }
  // The lines of the buffer (empty without a file), and a converter that
  // reuses them.
  const LineIndex& lines() const { return lines_; }
  RangeConverter ranges() const { return RangeConverter(sources(), file_, lines_); }

  // The type the checker gave a field, let or metric, when the file checked
  // cleanly ("a percent", "an optional time").
  std::optional<std::string> typeOf(const Symbol& symbol) const;

private:
  compile::Compilation compilation_;
  const SourceFile* file_ = nullptr;
  bool loaded_ = false;
  SymbolIndex index_;
  LineIndex lines_{{}};
};

} // namespace slac::lsp
