#pragma once

// Where the scanners (CsvScanner, NdjsonLines) read their blocks in their
// buffers. The kernel copies a file's bytes out of the page cache with
// `rep movsb`, which on the AMD EPYC of docs/performance.md takes three
// times as long when the destination lies 1 to 15 bytes past the source's
// place in a 4 KiB page (260 MB read 128 KiB at a time: 190 ms against
// 50-78 ms at any other place, 2026-12-03). Blocks of a file start at its
// page boundaries, so a block is read at a 64-byte boundary of memory, and
// the bytes kept from the block before (the start of a record) are moved
// to just before it: where they land no longer depends on the allocator
// (glibc's large blocks start 16 bytes into a page, mimalloc's on it).

#include <cstddef>
#include <cstdint>

namespace slac::ingest {

constexpr std::size_t kReadAlignment = 64;

// The first offset from `buffer`, at least `least`, that is on a
// kReadAlignment boundary of memory: the buffer needs least +
// kReadAlignment - 1 bytes before the blocks read there.
inline std::size_t readOffset(const char* buffer, std::size_t least) {
  auto address = reinterpret_cast<std::uintptr_t>(buffer) + least;
  return least + (kReadAlignment - address % kReadAlignment) % kReadAlignment;
}

} // namespace slac::ingest
