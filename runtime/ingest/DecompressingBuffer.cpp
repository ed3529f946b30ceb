#include "ingest/DecompressingBuffer.h"

#include <algorithm>
#include <cstring>
#include <fmt/format.h>
#include <optional>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

namespace slac::ingest {

namespace {

constexpr std::size_t kCompressedBlock = 1 << 17;
constexpr std::size_t kDecompressedBlock = 1 << 17;

} // namespace

Compression compressionOfPath(std::string_view path) {
  if (path.ends_with(".gz"))
    return Compression::Gzip;
  if (path.ends_with(".zst"))
    return Compression::Zstd;
  return Compression::None;
}

const char* compressionName(Compression compression) {
  switch (compression) {
  case Compression::Gzip:
    return "gzip";
  case Compression::Zstd:
    return "zstd";
  default:
    return "none";
  }
}

// One codec's state and the compressed bytes read but not yet used.
class DecompressingBuffer::Codec {
public:
  Codec(std::streambuf& source, Compression compression)
      : source_(source), compression_(compression), input_(kCompressedBlock) {
    if (compression_ == Compression::Gzip) {
      // 16 + 15: a gzip header, the largest window.
      if (inflateInit2(&zlib_, 16 + 15) != Z_OK)
        throw DecompressionError{"zlib cannot start (out of memory)"};
    } else {
      zstd_ = ZSTD_createDCtx();
      if (zstd_ == nullptr)
        throw DecompressionError{"zstd cannot start (out of memory)"};
    }
  }

  ~Codec() {
    if (compression_ == Compression::Gzip)
      inflateEnd(&zlib_);
    else
      ZSTD_freeDCtx(zstd_);
  }
  Codec(const Codec&) = delete;
  Codec& operator=(const Codec&) = delete;

  // Bytes decompressed before a problem are given first; the problem is
  // thrown by the next call.
  std::size_t produce(char* to, std::size_t capacity) {
    if (problem_)
      throw *problem_;
    while (true) {
      if (begin_ == end_ && !readInput()) {
        if (inUnit_)
          fail(fmt::format("the file ends inside its {} data: it was cut short",
                           compressionName(compression_)));
        if (units_ == 0)
          fail(fmt::format("the file holds no {} data (it is empty)",
                           compressionName(compression_)));
        return 0;
      }
      std::size_t produced = compression_ == Compression::Gzip ? inflateSome(to, capacity)
                                                               : decompressSome(to, capacity);
      if (problem_ && produced == 0)
        throw *problem_;
      if (produced > 0)
        return produced;
    }
  }

private:
  [[noreturn]] void fail(std::string message) {
    problem_ = DecompressionError{std::move(message)};
    throw *problem_;
  }

  bool readInput() {
    std::streamsize got = source_.sgetn(input_.data(), static_cast<std::streamsize>(input_.size()));
    begin_ = 0;
    end_ = got > 0 ? static_cast<std::size_t>(got) : 0;
    return end_ > 0;
  }

  std::size_t inflateSome(char* to, std::size_t capacity) {
    if (!inUnit_) {
      // A new member (gzip files may be several, concatenated).
      inflateReset(&zlib_);
      inUnit_ = true;
    }
    zlib_.next_in = reinterpret_cast<Bytef*>(input_.data() + begin_);
    zlib_.avail_in = static_cast<uInt>(end_ - begin_);
    zlib_.next_out = reinterpret_cast<Bytef*>(to);
    zlib_.avail_out = static_cast<uInt>(std::min<std::size_t>(capacity, 1u << 30));
    uInt room = zlib_.avail_out;
    int status = inflate(&zlib_, Z_NO_FLUSH);
    begin_ = end_ - zlib_.avail_in;
    std::size_t produced = room - zlib_.avail_out;
    if (status == Z_STREAM_END) {
      inUnit_ = false;
      ++units_;
    } else if (status != Z_OK && !(status == Z_BUF_ERROR && zlib_.avail_in == 0)) {
      std::string why = zlib_.msg != nullptr ? zlib_.msg : fmt::format("zlib error {}", status);
      // A first member that does not start as gzip does: no gzip file.
      bool header = units_ == 0 && zlib_.total_in <= 2 && zlib_.total_out == 0;
      problem_ = DecompressionError{header ? fmt::format("the file is not gzip data ({})", why)
                                           : fmt::format("the gzip data is corrupt ({})", why)};
    }
    return produced;
  }

  std::size_t decompressSome(char* to, std::size_t capacity) {
    ZSTD_inBuffer in{input_.data() + begin_, end_ - begin_, 0};
    ZSTD_outBuffer out{to, capacity, 0};
    std::size_t status = ZSTD_decompressStream(zstd_, &out, &in);
    begin_ += in.pos;
    if (ZSTD_isError(status)) {
      problem_ = DecompressionError{
          ZSTD_getErrorCode(status) == ZSTD_error_prefix_unknown
              ? fmt::format("the file is not zstd data ({})", ZSTD_getErrorName(status))
              : fmt::format("the zstd data is corrupt ({})", ZSTD_getErrorName(status))};
      return out.pos;
    }
    // 0: a frame just ended (a file may hold several).
    if (status == 0) {
      inUnit_ = false;
      ++units_;
    } else {
      inUnit_ = true;
    }
    return out.pos;
  }

  std::streambuf& source_;
  Compression compression_;
  std::vector<char> input_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  z_stream zlib_{};
  ZSTD_DCtx* zstd_ = nullptr;
  bool inUnit_ = false; // inside a gzip member or zstd frame
  std::uint64_t units_ = 0;
  std::optional<DecompressionError> problem_;
};

DecompressingBuffer::DecompressingBuffer(std::streambuf& source, Compression compression)
    : codec_(std::make_unique<Codec>(source, compression)), decompressed_(kDecompressedBlock) {}

DecompressingBuffer::~DecompressingBuffer() = default;

std::size_t DecompressingBuffer::produce(char* to, std::size_t capacity) {
  return codec_->produce(to, capacity);
}

DecompressingBuffer::int_type DecompressingBuffer::underflow() {
  if (gptr() < egptr())
    return traits_type::to_int_type(*gptr());
  std::size_t produced = produce(decompressed_.data(), decompressed_.size());
  if (produced == 0)
    return traits_type::eof();
  setg(decompressed_.data(), decompressed_.data(), decompressed_.data() + produced);
  return traits_type::to_int_type(*gptr());
}

std::streamsize DecompressingBuffer::xsgetn(char* to, std::streamsize count) {
  std::streamsize done = 0;
  while (done < count) {
    if (gptr() < egptr()) {
      std::streamsize buffered = std::min<std::streamsize>(egptr() - gptr(), count - done);
      std::memcpy(to + done, gptr(), static_cast<std::size_t>(buffered));
      gbump(static_cast<int>(buffered));
      done += buffered;
      continue;
    }
    // Straight into the reader's buffer: no copy in between.
    std::size_t produced = 0;
    try {
      produced = produce(to + done, static_cast<std::size_t>(count - done));
    } catch (const DecompressionError&) {
      // What came before a problem is read first; the next read throws.
      if (done > 0)
        break;
      throw;
    }
    if (produced == 0)
      break;
    done += static_cast<std::streamsize>(produced);
  }
  return done;
}

} // namespace slac::ingest
