#pragma once

// The bytes of a text of up to 8 bytes as one word, zero-padded, so that
// short texts (enum spellings, the names records are grouped by, the keys
// of DenseIds) compare as numbers.

#include <cstdint>
#include <cstring>
#include <string_view>

namespace slac::ingest {

// Two loads that may overlap, not a memcpy of a variable size (a call).
// `text.size()` at most 8.
[[gnu::always_inline]] inline std::uint64_t shortWordOf(std::string_view text) {
  const char* at = text.data();
  std::size_t size = text.size();
  if (size >= 4) {
    std::uint32_t low, high;
    std::memcpy(&low, at, 4);
    std::memcpy(&high, at + size - 4, 4);
    return std::uint64_t{low} | std::uint64_t{high} << (8 * (size - 4));
  }
  if (size == 0)
    return 0;
  auto byte = [&](std::size_t i) {
    return std::uint64_t{static_cast<unsigned char>(at[i])} << (8 * i);
  };
  return byte(0) | byte(size / 2) | byte(size - 1);
}

} // namespace slac::ingest
