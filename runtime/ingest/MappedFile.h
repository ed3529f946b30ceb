#pragma once

// A regular file's bytes mapped into memory, for the parallel reader
// (ChunkPipeline): its chunks are cut and parsed where they lie in the page
// cache, without the two copies of reading (the kernel's into a buffer, the
// cutter's into a chunk). Pages read are given back in file order as the
// chunks on them are taken, so memory stays bounded as when reading.
//
// A mapped file that shrinks while it is read would end the process with
// SIGBUS at the first page past its new end. A handler, installed once per
// process, maps a page of zeros there instead and marks the mapping
// damaged; the cutter touches a block's pages and checks the mark before it
// looks at them, and the chunks and sections read are checked again
// (intact) before their records are taken, so that a file that shrank ends
// in an error of the file, never a crash or a silently shorter file.
// Faults elsewhere go to the handler that was there before (or end the
// process as without it).

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace slac::ingest {

// The error of a file found shorter than when it was mapped.
constexpr std::string_view kFileShrank = "the file shrank while it was read";

class MappedFile {
public:
  static constexpr std::size_t kNotDamaged = ~std::size_t{0};

  // Null when the file is better read than mapped: not a regular file,
  // empty, not mappable, or as many files mapped at once as the handler
  // follows.
  static std::unique_ptr<MappedFile> open(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  // The file's bytes when it was opened.
  std::string_view bytes() const { return {begin_, size_}; }
  // Bytes past the file's end that may be read (its last page's zeros).
  std::size_t readableSize() const { return readable_; }

  // Reads a byte of each page of [from, to) and of the page after, so that
  // a page the file no longer has is found (damagedFrom) before any of
  // those bytes is looked at: a file cut in the middle of a page reads as
  // zeros to that page's end.
  void touch(std::size_t from, std::size_t to) const;
  // The offset of the first page found missing, or kNotDamaged.
  std::size_t damagedFrom() const;
  // Whether the bytes before `end` read so far were the file's: no page
  // of them found missing, and the file not shorter now (a file cut in
  // its last page reads as zeros without a fault).
  bool intact(std::size_t end) const;
  // Gives the memory of the pages wholly before `offset` back (the kernel
  // keeps them in its page cache); pages given back before are not asked
  // again. From one thread at a time.
  void releaseBefore(std::size_t offset);

private:
  MappedFile(int descriptor, const char* begin, std::size_t size, std::size_t readable,
             unsigned slot);

  int descriptor_; // open, for the file's size now
  const char* begin_;
  std::size_t size_;
  std::size_t readable_; // the mapping's length: size_ up to a page
  unsigned slot_;        // in the handler's table
  std::size_t released_ = 0;
};

} // namespace slac::ingest
