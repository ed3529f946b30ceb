#pragma once

// One run of the checker on an editor buffer: the same pipeline as
// `slac check`, with the buffer in place of the file on disk (its imports
// are read from disk), and the names of what it loaded.

#include "driver/Compilation.h"
#include "lsp/SymbolIndex.h"

#include <optional>
#include <string>

namespace slac::lsp {

class Analysis {
public:
  Analysis(const std::string& path, std::string text);
  Analysis(const Analysis&) = delete;
  Analysis& operator=(const Analysis&) = delete;

  const driver::Compilation& compilation() const { return compilation_; }
  const SourceManager& sources() const { return compilation_.sources; }
  // The buffer as a source file; null if it was refused (too large).
  const SourceFile* file() const { return file_; }
  // Whether the buffer and everything it imports parsed: only then are its
  // names indexed.
  bool loaded() const { return loaded_; }
  const SymbolIndex& index() const { return index_; }

  // The type the checker gave a field, let or metric, when the file checked
  // cleanly ("a percent", "an optional time").
  std::optional<std::string> typeOf(const Symbol& symbol) const;

private:
  driver::Compilation compilation_;
  const SourceFile* file_ = nullptr;
  bool loaded_ = false;
  SymbolIndex index_;
};

} // namespace slac::lsp
