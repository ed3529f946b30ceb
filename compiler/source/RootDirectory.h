#pragma once

// The directory a checked file's imports and test data must stay in: the
// file's own directory unless `--root DIR` says otherwise. A path is inside
// when its canonical form (symlinks followed, `..` resolved) lies under the
// root's canonical form, compared component by component, so that
// `../../etc/passwd`, `/proc/self/environ` and a symlink pointing out are
// all outside, and `/srv/root-other` is not inside `/srv/root`.

#include <filesystem>
#include <optional>
#include <string>

namespace slac {

class RootDirectory {
public:
  // Null when `directory` cannot be resolved; `error` says why.
  static std::optional<RootDirectory> of(const std::filesystem::path& directory,
                                         std::string& error);

  const std::filesystem::path& path() const { return canonical_; }

  // Whether `path` (absolute, or relative to the working directory) is
  // inside. A path that does not exist yet is judged by its existing part;
  // one that cannot be resolved at all (a symlink loop) is not inside, with
  // `error` saying why.
  bool contains(const std::filesystem::path& path, std::string& error) const;

private:
  explicit RootDirectory(std::filesystem::path canonical) : canonical_(std::move(canonical)) {}
  std::filesystem::path canonical_;
};

} // namespace slac
