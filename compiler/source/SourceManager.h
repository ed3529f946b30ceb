#pragma once

#include "source/SourceLocation.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace slac {

// One loaded source file. Owns its bytes and the offsets of its line starts.
class SourceFile {
public:
  SourceFile(std::string name, std::string text, std::uint32_t base);

  const std::string& name() const { return name_; }
  // Whether the bytes are UTF-8 text. Diagnostics never quote the lines of
  // a file that is not: it may be anything (a key, a binary) named by
  // mistake or by malice.
  bool isText() const { return isText_; }
  std::string_view text() const { return text_; }
  std::uint32_t base() const { return base_; }
  SourceLocation locationAt(std::size_t byteOffset) const {
    return {base_ + static_cast<std::uint32_t>(byteOffset)};
  }
  SourceRange rangeOf(std::size_t beginByte, std::size_t endByte) const {
    return {locationAt(beginByte), locationAt(endByte)};
  }
  bool contains(SourceLocation loc) const {
    return loc.offset >= base_ && loc.offset <= base_ + text_.size();
  }

  // 1-based line and column; columns count Unicode code points.
  struct LineColumn {
    std::uint32_t line;
    std::uint32_t column;
  };
  LineColumn lineColumn(SourceLocation loc) const;
  // The text of a 1-based line, without its line break.
  std::string_view lineText(std::uint32_t line) const;

private:
  std::string name_;
  std::string text_;
  std::uint32_t base_;
  bool isText_;
  std::vector<std::uint32_t> lineStarts_;
};

// Every file of one compilation. Files keep their addresses for the life of
// the manager, so SourceFile references stay valid.
class SourceManager {
public:
  // Files larger than this are refused: a source of this size is no SLA but
  // a mistake, and refusing it keeps the lexer's memory bounded.
  static constexpr std::size_t kMaxFileBytes = 64u << 20;

  const SourceFile& addFile(std::string name, std::string text);
  struct LoadError {
    std::string message;
  };
  // What a file may be: any readable file (one named on the command line:
  // a pipe such as `<(...)` works too) or only a regular file (an import,
  // which must never block on a FIFO nor read a device).
  enum class FileKinds { Any, RegularOnly };
  // Reads a file; null, with the reason in `error`, if it cannot.
  const SourceFile* loadFile(const std::string& path, LoadError& error,
                             FileKinds kinds = FileKinds::Any);
  // From now on, loading the file at `path` gives `text` instead of what is
  // on disk: the unsaved buffer of an editor (see the language server).
  void setOverlay(const std::string& path, std::string text);

  const SourceFile* fileContaining(SourceLocation loc) const;

  // Every file, in the order they were added.
  std::vector<const SourceFile*> files() const;

private:
  std::vector<std::unique_ptr<SourceFile>> files_;
  std::map<std::string, std::string> overlays_; // by canonical path
  std::uint32_t nextBase_ = 1;
};

} // namespace slac
