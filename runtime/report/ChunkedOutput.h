#pragma once

// Text on its way to a stream, handed over a chunk at a time: a report of
// hundreds of megabytes (a window per customer for 100,000 customers) is
// never held whole, and the stream is called once a chunk rather than once
// a value (std::cout, in step with C's stdio, locks and copies per call).

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

namespace slac::report {

class ChunkedOutput {
public:
  static constexpr std::size_t kDefaultChunkBytes = 64 * 1024;

  explicit ChunkedOutput(std::ostream& stream, std::size_t chunkBytes = kDefaultChunkBytes)
      : stream_(stream), chunkBytes_(chunkBytes) {
    pending_.reserve(chunkBytes);
  }

  ChunkedOutput& operator+=(std::string_view text) {
    pending_ += text;
    handOverIfFull();
    return *this;
  }
  ChunkedOutput& operator+=(char c) {
    pending_ += c;
    handOverIfFull();
    return *this;
  }
  void append(std::size_t count, char c) {
    pending_.append(count, c);
    handOverIfFull();
  }

  // Hands over what is still pending; the stream's state tells whether
  // everything arrived.
  void flush() {
    handOver();
    stream_.flush();
  }

  // Once the stream has failed nothing more reaches it: what is left to
  // write may be skipped.
  bool failed() const { return stream_.fail(); }

private:
  void handOverIfFull() {
    if (pending_.size() >= chunkBytes_)
      handOver();
  }
  void handOver() {
    stream_.write(pending_.data(), static_cast<std::streamsize>(pending_.size()));
    pending_.clear();
  }

  std::ostream& stream_;
  std::size_t chunkBytes_;
  std::string pending_;
};

} // namespace slac::report
