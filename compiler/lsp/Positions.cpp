#include "lsp/Positions.h"

#include <algorithm>

namespace slac::lsp {

namespace {

// The length of the UTF-8 sequence a lead byte starts (1 for a stray
// continuation byte, so that invalid text still advances).
std::size_t sequenceLength(unsigned char lead) {
  if (lead >= 0xF0)
    return 4;
  if (lead >= 0xE0)
    return 3;
  if (lead >= 0xC0)
    return 2;
  return 1;
}

} // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
  lineStarts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')))
      lineStarts_.push_back(i + 1);
  }
}

Position LineIndex::positionOf(std::size_t byteOffset) const {
  byteOffset = std::min(byteOffset, text_.size());
  auto next = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), byteOffset);
  std::size_t line = static_cast<std::size_t>(next - lineStarts_.begin()) - 1;
  std::uint32_t character = 0;
  for (std::size_t i = lineStarts_[line]; i < byteOffset;) {
    std::size_t length = sequenceLength(static_cast<unsigned char>(text_[i]));
    character += length == 4 ? 2 : 1; // beyond the BMP: a surrogate pair
    i += length;
  }
  return {static_cast<std::uint32_t>(line), character};
}

std::size_t LineIndex::offsetOf(Position position) const {
  if (position.line >= lineStarts_.size())
    return text_.size();
  std::size_t end =
      position.line + 1 < lineStarts_.size() ? lineStarts_[position.line + 1] : text_.size();
  while (end > lineStarts_[position.line] && (text_[end - 1] == '\n' || text_[end - 1] == '\r'))
    --end;
  std::size_t offset = lineStarts_[position.line];
  std::uint32_t character = 0;
  while (offset < end && character < position.character) {
    std::size_t length = sequenceLength(static_cast<unsigned char>(text_[offset]));
    character += length == 4 ? 2 : 1;
    offset = std::min(offset + length, end);
  }
  return offset;
}

} // namespace slac::lsp
