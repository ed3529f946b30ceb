#pragma once

// The memory an evaluation may use (`slac eval --max-memory`): its state
// grows with the groups, windows, undecided records and exact percentile
// values in the data, not with the number of records, but a hostile or
// mistaken file (a million customer ids, a per-record group) can still make
// it grow without bound. The budget turns that into a clear error naming
// what grew, before the allocator aborts the process.
//
// What is measured is the process's resident set (Linux: /proc/self/statm),
// so the figure is the one `top` shows, allocator overhead included.

#include <cstdint>
#include <optional>
#include <string_view>

namespace slac::eval {

class MemoryBudget {
public:
  // 0: no budget.
  explicit MemoryBudget(std::uint64_t bytes = 0) : bytes_(bytes) {}

  std::uint64_t bytes() const { return bytes_; }
  // The resident set is read (a file to open and parse: asked once per
  // batch, 1-2 % of an evaluation's main thread) only once the peak has
  // passed half the budget. Linux counts the resident set of the moment
  // into the peak it reports, so the peak bounds it; half, not all of the
  // budget, leaves room for a system that counts the two apart.
  bool exceeded() const {
    return bytes_ != 0 && peakResidentBytes() > bytes_ / 2 && residentBytes() > bytes_;
  }

  // The resident set of this process now; 0 where it cannot be read.
  static std::uint64_t residentBytes();
  // The most it has been, as the kernel counts (one system call).
  static std::uint64_t peakResidentBytes();
  // Three quarters of the machine's physical memory.
  static std::uint64_t defaultBytes();
  // `512M`, `2G`, `1.5G`, `1048576` (bytes), `0` (none); K, M, G, T are
  // powers of 1024. Nothing when the text is not a size.
  static std::optional<std::uint64_t> parse(std::string_view text);

private:
  std::uint64_t bytes_;
};

} // namespace slac::eval
