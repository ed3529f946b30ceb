#include "source/SourceManager.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8.h>

namespace slac {

namespace {

bool isContinuationByte(unsigned char byte) {
  return (byte & 0xC0) == 0x80;
}

// Closes a file descriptor on every path out.
class FileDescriptor {
public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0)
      ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

private:
  int fd_;
};

const char* kindOf(mode_t mode) {
  if (S_ISDIR(mode))
    return "it is a directory";
  if (S_ISFIFO(mode))
    return "it is a pipe, not a regular file";
  if (S_ISCHR(mode) || S_ISBLK(mode))
    return "it is a device, not a regular file";
  if (S_ISSOCK(mode))
    return "it is a socket, not a regular file";
  return "it is not a regular file";
}

} // namespace

SourceFile::SourceFile(std::string name, std::string text, std::uint32_t base)
    : name_(std::move(name)), text_(std::move(text)), base_(base),
      isText_(utf8::is_valid(text_.begin(), text_.end())) {
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

const SourceFile* SourceManager::loadFile(const std::string& path, LoadError& error,
                                          FileKinds kinds) {
  if (!overlays_.empty()) {
    std::error_code ignored;
    auto overlay = overlays_.find(std::filesystem::weakly_canonical(path, ignored).string());
    if (overlay != overlays_.end())
      return &addFile(path, overlay->second);
  }
  // Opening does not block even on a FIFO without a writer; the type is
  // checked on the open file, so it cannot change between check and read.
  FileDescriptor file(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (file.get() < 0) {
    error.message = std::strerror(errno);
    return nullptr;
  }
  struct stat status {};
  if (::fstat(file.get(), &status) != 0) {
    error.message = std::strerror(errno);
    return nullptr;
  }
  bool regular = S_ISREG(status.st_mode);
  if (S_ISDIR(status.st_mode) || (!regular && kinds == FileKinds::RegularOnly)) {
    error.message = kindOf(status.st_mode);
    return nullptr;
  }
  if (!regular) {
    // A pipe named on the command line is read like `cat` reads it.
    int flags = ::fcntl(file.get(), F_GETFL);
    if (flags < 0 || ::fcntl(file.get(), F_SETFL, flags & ~O_NONBLOCK) != 0) {
      error.message = std::strerror(errno);
      return nullptr;
    }
  }
  // Read in chunks rather than by size so that pipes work too, and stop
  // at the limit whatever the file claims.
  std::string text;
  char chunk[1 << 16];
  while (true) {
    ssize_t count = ::read(file.get(), chunk, sizeof chunk);
    if (count < 0 && errno == EINTR)
      continue;
    if (count < 0) {
      error.message = std::strerror(errno);
      return nullptr;
    }
    if (count == 0)
      break;
    text.append(chunk, static_cast<std::size_t>(count));
    if (text.size() > kMaxFileBytes) {
      error.message = "file is larger than the 64 MiB a source file may have";
      return nullptr;
    }
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
