#pragma once

// LSP positions are 0-based lines and UTF-16 code units within a line; the
// compiler counts bytes. This converts between the two for one text.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace slac::lsp {

struct Position {
  std::uint32_t line = 0;
  std::uint32_t character = 0; // UTF-16 code units
};

class LineIndex {
public:
  // `text` must outlive the index.
  explicit LineIndex(std::string_view text);

  Position positionOf(std::size_t byteOffset) const;
  // The byte offset of a position; positions past the end of a line or of
  // the text are clamped to it, as the protocol asks.
  std::size_t offsetOf(Position position) const;

private:
  std::string_view text_;
  std::vector<std::size_t> lineStarts_;
};

} // namespace slac::lsp
