#pragma once

// Kernels compiled by earlier runs, kept on disk: evaluating an agreement
// again (the next day's data, a CI job, `slac test`) skips the 10-80 ms of
// optimisation and machine code per stream (docs/evaluation.md, "The
// kernel cache").
//
// An object is found by a key the JIT makes (JitCompiler.cpp,
// kernelCacheKey): a SHA-256 of everything that decides its bytes, the
// generated IR before optimisation (the plan's constants, calendar tables
// and frame layout are written into it; no address of the run is), the
// target, LLVM's version and compilerIdentity(), so that any rebuild of
// slac misses. Each file ends with a CRC-32 of what it holds: one cut short
// or altered is compiled again, never linked. This part knows no LLVM, so
// that the tests need not load it.
//
// Best effort: a directory that cannot be made, read or written is a cache
// that misses, and says why in `problem` for --verbose.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace slac::jit {

class KernelCache {
public:
  // At most `mostBytes` of objects: past that, the least recently used go.
  explicit KernelCache(std::filesystem::path directory,
                       std::uint64_t mostBytes = std::uint64_t{64} << 20);

  struct Entry {
    std::string object;             // the relocatable object file
    std::uint64_t instructions = 0; // IR instructions after optimisation
  };

  // The files of the running slac and of the library holding this code,
  // by path, size, time and inode; empty when they cannot be told, and then
  // nothing may be cached (a rebuilt slac could lay out the kernels' frame
  // differently under the same IR).
  static const std::string& compilerIdentity();

  // An empty key finds nothing and keeps nothing.
  std::optional<Entry> find(const std::string& key) const;
  // Returns why the object was not kept, or nothing.
  std::optional<std::string> store(const std::string& key, std::string_view object,
                                   std::uint64_t instructions) const;
  // Past the size limit, removes the least recently used objects. It reads
  // the whole directory: once after a compile's objects are stored, not
  // once per object.
  void evictBeyondLimit() const;

private:
  std::filesystem::path pathOf(const std::string& key) const;

  std::filesystem::path directory_;
  std::uint64_t mostBytes_;
};

} // namespace slac::jit
