#include "driver/Commands.h"
#include "driver/PipelineOutput.h"
#include "format/Formatter.h"
#include "format/UnifiedDiff.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>

namespace slac::driver {

namespace {

// Replaces `path` by `text` atomically: a temporary file beside it, with the
// same permissions, renamed over it. Returns the reason when it cannot.
std::optional<std::string> replaceFile(const std::string& path, const std::string& text) {
  struct stat original {};
  if (stat(path.c_str(), &original) != 0)
    return std::strerror(errno);
  std::string temporary = path + ".slac-fmt-XXXXXX";
  int descriptor = mkstemp(temporary.data());
  if (descriptor < 0)
    return std::strerror(errno);
  std::size_t written = 0;
  while (written < text.size()) {
    ssize_t count = write(descriptor, text.data() + written, text.size() - written);
    if (count < 0 && errno == EINTR)
      continue;
    if (count <= 0) {
      std::string reason = std::strerror(errno);
      close(descriptor);
      unlink(temporary.c_str());
      return reason;
    }
    written += static_cast<std::size_t>(count);
  }
  if (fchmod(descriptor, original.st_mode & 07777) != 0 || fsync(descriptor) != 0 ||
      close(descriptor) != 0 || rename(temporary.c_str(), path.c_str()) != 0) {
    std::string reason = std::strerror(errno);
    unlink(temporary.c_str());
    return reason;
  }
  return std::nullopt;
}

} // namespace

int runFormat(const FormatOptions& options) {
  SourceManager sources;
  DiagnosticEngine diagnostics;
  bool unreadable = false;
  bool unformatted = false;
  bool failed = false;
  for (const std::string& path : options.files) {
    SourceManager::LoadError error;
    const SourceFile* file = sources.loadFile(path, error);
    if (!file) {
      unreadable = true;
      diagnostics.report(DiagnosticKind::CannotReadFile, SourceRange{}, path, error.message);
      continue;
    }
    format::FormatResult result = format::formatFile(*file, diagnostics);
    if (result.status == format::FormatResult::Status::Unsafe) {
      std::cerr << fmt::format("slac: internal error: formatting `{}` would change its tokens; "
                               "the file is left as it is\n",
                               path);
      failed = true;
    }
    if (result.status != format::FormatResult::Status::Formatted || result.text == file->text())
      continue;
    unformatted = true;
    if (options.check) {
      std::cout << format::unifiedDiff(file->text(), result.text, path, path + " (formatted)");
    } else if (auto reason = replaceFile(path, result.text)) {
      std::cerr << fmt::format("slac: cannot write `{}`: {}\n", path, *reason);
      failed = true;
    }
  }
  printDiagnostics(diagnostics, sources, DiagnosticFormat::Text, isatty(STDERR_FILENO));
  printDiagnosticCounts(diagnostics);
  if (unreadable || failed)
    return kUsageOrIoError;
  if (diagnostics.hasErrors())
    return kErrorsFound;
  return options.check && unformatted ? kErrorsFound : kSuccess;
}

} // namespace slac::driver
