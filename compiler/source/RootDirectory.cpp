#include "source/RootDirectory.h"

#include <algorithm>

namespace slac {

std::optional<RootDirectory> RootDirectory::of(const std::filesystem::path& directory,
                                               std::string& error) {
  std::error_code code;
  std::filesystem::path canonical =
      std::filesystem::canonical(directory.empty() ? "." : directory, code);
  if (code) {
    error = code.message();
    return std::nullopt;
  }
  return RootDirectory(std::move(canonical));
}

bool RootDirectory::contains(const std::filesystem::path& path, std::string& error) const {
  std::error_code code;
  std::filesystem::path absolute = std::filesystem::absolute(path, code);
  std::filesystem::path canonical =
      code ? absolute : std::filesystem::weakly_canonical(absolute, code);
  if (code) {
    error = code.message();
    return false;
  }
  auto [rootEnd, pathEnd] =
      std::mismatch(canonical_.begin(), canonical_.end(), canonical.begin(), canonical.end());
  // `canonical(...)` of a directory has no trailing empty component, so the
  // root is a prefix exactly when every one of its components matched.
  return rootEnd == canonical_.end();
}

} // namespace slac
