#pragma once

// Measurement files compressed with gzip or zstd, read as the text they
// hold: a stream buffer that decompresses another one as it is read,
// streaming (memory bounded by two buffers, whatever the file's size).
// Concatenated gzip members and zstd frames are read one after the other,
// as gzip -d and zstd -d do.
//
// Data that is not gzip/zstd, corrupt, or cut short (the file ends inside
// a member or frame) throws DecompressionError from the read that finds
// it; StreamReader catches it and reports it as an error of the file, so
// that a broken file never passes for a shorter one.

#include <cstdint>
#include <memory>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace slac::ingest {

enum class Compression : std::uint8_t { None, Gzip, Zstd };

// From the file name: `.gz` is gzip, `.zst` zstd, anything else none.
Compression compressionOfPath(std::string_view path);
// `gzip`, `zstd`, `none`.
const char* compressionName(Compression compression);

struct DecompressionError {
  std::string message; // what went wrong, without the file's name
};

class DecompressingBuffer : public std::streambuf {
public:
  // `source` (the compressed bytes) must outlive the buffer; `compression`
  // is Gzip or Zstd.
  DecompressingBuffer(std::streambuf& source, Compression compression);
  ~DecompressingBuffer() override;
  DecompressingBuffer(const DecompressingBuffer&) = delete;
  DecompressingBuffer& operator=(const DecompressingBuffer&) = delete;

protected:
  int_type underflow() override;
  std::streamsize xsgetn(char* to, std::streamsize count) override;

private:
  class Codec;
  // Decompresses up to `capacity` bytes into `to`; 0 at the end of the
  // data. Throws DecompressionError.
  std::size_t produce(char* to, std::size_t capacity);

  std::unique_ptr<Codec> codec_;
  std::vector<char> decompressed_;
};

} // namespace slac::ingest
