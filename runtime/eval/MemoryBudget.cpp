#include "eval/MemoryBudget.h"

#include <charconv>
#include <cstdio>
#include <limits>
#include <sys/resource.h>
#include <unistd.h>
#include <utility>

namespace slac::eval {

std::uint64_t MemoryBudget::residentBytes() {
  std::FILE* statm = std::fopen("/proc/self/statm", "r");
  if (!statm)
    return 0;
  unsigned long long total = 0, resident = 0;
  int read = std::fscanf(statm, "%llu %llu", &total, &resident);
  std::fclose(statm);
  if (read != 2)
    return 0;
  return resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

std::uint64_t MemoryBudget::peakResidentBytes() {
  rusage usage{};
  // Unknown: as large as can be, so that the resident set is read.
  if (getrusage(RUSAGE_SELF, &usage) != 0 || usage.ru_maxrss < 0)
    return std::numeric_limits<std::uint64_t>::max();
  return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024; // KiB on Linux
}

std::uint64_t MemoryBudget::defaultBytes() {
  long pages = sysconf(_SC_PHYS_PAGES);
  long size = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || size <= 0)
    return 0;
  return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(size) / 4 * 3;
}

std::optional<std::uint64_t> MemoryBudget::parse(std::string_view text) {
  constexpr std::pair<char, int> kUnits[] = {{'K', 10}, {'M', 20}, {'G', 30}, {'T', 40}};
  std::uint64_t unit = 1;
  for (auto [letter, shift] : kUnits)
    if (!text.empty() && (text.back() == letter || text.back() == letter - 'A' + 'a')) {
      unit = std::uint64_t{1} << shift;
      text.remove_suffix(1);
    }
  std::uint64_t whole = 0;
  auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), whole);
  if (status != std::errc() || text.empty())
    return std::nullopt;
  std::uint64_t tenths = 0;
  if (end != text.data() + text.size()) {
    // One decimal at most (`1.5G`), and only with a unit.
    if (unit == 1 || *end != '.' || end + 2 != text.data() + text.size() || end[1] < '0' ||
        end[1] > '9')
      return std::nullopt;
    tenths = static_cast<std::uint64_t>(end[1] - '0');
  }
  if (whole > (~std::uint64_t{0}) / unit / 2)
    return std::nullopt;
  return whole * unit + tenths * unit / 10;
}

} // namespace slac::eval
