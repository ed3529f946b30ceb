#include "source/SourceManager.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace slac {

namespace {

bool isContinuationByte(unsigned char byte) {
  return (byte & 0xC0) == 0x80;
}

} // namespace

SourceFile::SourceFile(std::string name, std::string text, std::uint32_t base)
    : name_(std::move(name)), text_(std::move(text)), base_(base) {
  lineStarts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n' || (text_[i] == '\r' && (i + 1 == text_.size() || text_[i + 1] != '\n')))
      lineStarts_.push_back(static_cast<std::uint32_t>(i + 1));
  }
}

SourceFile::LineColumn SourceFile::lineColumn(SourceLocation loc) const {
  std::uint32_t offset = std::min<std::uint32_t>(loc.offset - base_, text_.size());
  auto next = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset);
  std::uint32_t lineIndex = static_cast<std::uint32_t>(next - lineStarts_.begin()) - 1;
  std::uint32_t column = 1;
  for (std::uint32_t i = lineStarts_[lineIndex]; i < offset; ++i)
    column += isContinuationByte(static_cast<unsigned char>(text_[i])) ? 0 : 1;
  return {lineIndex + 1, column};
}

std::string_view SourceFile::lineText(std::uint32_t line) const {
  if (line == 0 || line > lineStarts_.size())
    return {};
  std::size_t begin = lineStarts_[line - 1];
  std::size_t end = line < lineStarts_.size() ? lineStarts_[line] : text_.size();
  while (end > begin && (text_[end - 1] == '\n' || text_[end - 1] == '\r'))
    --end;
  return std::string_view(text_).substr(begin, end - begin);
}

const SourceFile& SourceManager::addFile(std::string name, std::string text) {
  auto file = std::make_unique<SourceFile>(std::move(name), std::move(text), nextBase_);
  // One byte of gap after each file so that its end location stays its own.
  nextBase_ += static_cast<std::uint32_t>(file->text().size()) + 1;
  files_.push_back(std::move(file));
  return *files_.back();
}

void SourceManager::setOverlay(const std::string& path, std::string text) {
  std::error_code ignored;
  overlays_[std::filesystem::weakly_canonical(path, ignored).string()] = std::move(text);
}

const SourceFile* SourceManager::loadFile(const std::string& path, LoadError& error) {
  std::error_code ignored;
  if (!overlays_.empty()) {
    auto overlay = overlays_.find(std::filesystem::weakly_canonical(path, ignored).string());
    if (overlay != overlays_.end())
      return &addFile(path, overlay->second);
  }
  if (std::filesystem::is_directory(path, ignored)) {
    error.message = "it is a directory";
    return nullptr;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error.message = std::strerror(errno);
    return nullptr;
  }
  // Read in chunks rather than by size so that pipes and devices work too.
  std::string text;
  char chunk[1 << 16];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxFileBytes) {
      error.message = "file is larger than the 64 MiB a source file may have";
      return nullptr;
    }
  }
  if (in.bad()) {
    error.message = "read failed";
    return nullptr;
  }
  return &addFile(path, std::move(text));
}

std::vector<const SourceFile*> SourceManager::files() const {
  std::vector<const SourceFile*> result;
  for (const auto& file : files_)
    result.push_back(file.get());
  return result;
}

const SourceFile* SourceManager::fileContaining(SourceLocation loc) const {
  auto after = std::upper_bound(
      files_.begin(), files_.end(), loc.offset,
      [](std::uint32_t offset, const auto& file) { return offset < file->base(); });
  if (after == files_.begin())
    return nullptr;
  const SourceFile* file = std::prev(after)->get();
  return file->contains(loc) ? file : nullptr;
}

} // namespace slac
