#pragma once

// Kernels compiled by earlier runs, kept on disk: evaluating an agreement
// again (the next day's data, a CI job, `slac test`) skips the 10-80 ms of
// optimisation and machine code, and never loads LLVM (docs/evaluation.md,
// "The kernel cache").
//
// One file holds the kernels of one program, found by the key
// kernelCacheKey makes (KernelCacheKey.h): everything the compiler reads.
// The file is named by a hash of the key and holds the key itself, which a
// lookup compares whole, so that two keys with the same hash only miss.
// Each file ends with a CRC-32 of what it holds: one cut short or altered
// is compiled again, never linked. This part knows no LLVM.
//
// Best effort: a directory that cannot be made, read or written is a cache
// that misses, and says why in `problem` for --verbose.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slac::jit {

// What a compiler made of one stream.
struct CachedKernel {
  std::string function;           // the kernel's symbol in `object`; empty: interpreted
  std::string interpreted;        // eval::CompiledKernels::interpreted
  std::uint64_t instructions = 0; // IR instructions after optimisation
  std::string object;             // the relocatable object file
};

class KernelCache {
public:
  // At most `mostBytes` of files: past that, the least recently used go.
  explicit KernelCache(std::filesystem::path directory,
                       std::uint64_t mostBytes = std::uint64_t{64} << 20);

  // Per stream; nothing when the key is empty or not found whole.
  std::optional<std::vector<CachedKernel>> find(std::string_view key) const;
  // Returns why the kernels were not kept, or nothing.
  std::optional<std::string> store(std::string_view key,
                                   const std::vector<CachedKernel>& kernels) const;
  // Past the size limit, removes the least recently used files. It reads
  // the whole directory: once after a compile's kernels are stored.
  void evictBeyondLimit() const;

  std::filesystem::path pathOf(std::string_view key) const;

private:
  std::filesystem::path directory_;
  std::uint64_t mostBytes_;
};

} // namespace slac::jit
