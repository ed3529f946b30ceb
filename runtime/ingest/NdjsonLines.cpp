#include "ingest/NdjsonLines.h"

#include "ingest/ReadPlacement.h"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace slac::ingest {

namespace {

bool isBlank(std::string_view line) {
  // Not find_first_not_of: it calls memchr for each byte, and lines start
  // with `{`.
  for (char c : line)
    if (c != ' ' && c != '\t')
      return false;
  return true;
}

} // namespace

NdjsonLines::NdjsonLines(std::istream& input, std::size_t block)
    : input_(input.rdbuf()), block_(std::max<std::size_t>(block, 1)),
      capacity_(kLongestLine + 1 + kReadAlignment + block_ + kPadding),
      buffer_(std::make_unique_for_overwrite<char[]>(capacity_)), bytes_(buffer_.get()),
      readAt_(readOffset(buffer_.get(), kLongestLine + 1)), position_(readAt_), end_(readAt_) {}

const char* NdjsonLines::nextLineEnd(const char* from, const char* end) const {
#if defined(__SSE2__)
  // The padding makes the 16 bytes from any place before `end` readable.
  const __m128i lineFeeds = _mm_set1_epi8('\n');
  const __m128i returns = _mm_set1_epi8('\r');
  for (; from < end; from += 16) {
    __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(from));
    int hits = _mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(bytes, lineFeeds), _mm_cmpeq_epi8(bytes, returns)));
    if (hits != 0)
      return std::min(from + __builtin_ctz(static_cast<unsigned>(hits)), end);
  }
  return end;
#else
  for (; from < end; ++from)
    if (*from == '\n' || *from == '\r')
      return from;
  return end;
#endif
}

void NdjsonLines::restart(std::streambuf& input, std::uint64_t firstLine) {
  input_ = &input;
  bytes_ = buffer_.get();
  position_ = readAt_;
  end_ = readAt_;
  inputEnded_ = false;
  inPlace_ = false;
  ++version_;
  line_ = firstLine - 1;
}

void NdjsonLines::restart(std::string_view bytes, std::uint64_t firstLine) {
  bytes_ = bytes.data();
  position_ = 0;
  end_ = bytes.size();
  inputEnded_ = true;
  inPlace_ = true;
  ++version_;
  line_ = firstLine - 1;
}

bool NdjsonLines::refill(std::size_t keepFrom) {
  // All of the input is there already, where it lies.
  if (inPlace_)
    return false;
  char* buffer = buffer_.get();
  // The start of a line kept is at most kLongestLine + 1 bytes (a CR last
  // may start a CRLF): it fits before readAt_.
  std::size_t kept = end_ - keepFrom;
  std::size_t start = readAt_ - kept;
  std::memmove(buffer + start, buffer + keepFrom, kept);
  ++version_;
  position_ = position_ - keepFrom + start;
  end_ = readAt_;
  if (inputEnded_)
    return false;
  std::size_t room = std::min(block_, capacity_ - kPadding - end_);
  std::streamsize got = input_->sgetn(buffer + end_, static_cast<std::streamsize>(room));
  if (got <= 0) {
    inputEnded_ = true;
    return false;
  }
  end_ += static_cast<std::size_t>(got);
  // What the parser reads past a line is then never stale bytes that
  // could look like more of it.
  std::memset(buffer + end_, ' ', kPadding);
  return true;
}

NdjsonLines::Result NdjsonLines::next(std::string_view& line, std::uint64_t& lineNumber) {
  while (true) {
    ++line_;
    if (position_ == end_ && !refill(position_))
      return Result::End;
    // Find the line end, reading more until it is there, the input ends or
    // the line is known to be too long.
    std::size_t searched = 0; // bytes of the line known to hold no line end
    std::size_t lineEnd = 0;
    while (true) {
      const char* buffer = bytes_;
      const char* found = nextLineEnd(buffer + position_ + searched, buffer + end_);
      if (found < buffer + end_) {
        // A CR last of what was read may be the start of a CRLF.
        if (*found == '\n' || found + 1 < buffer + end_ || inputEnded_) {
          lineEnd = static_cast<std::size_t>(found - buffer);
          break;
        }
      } else if (inputEnded_) {
        lineEnd = end_; // the last line, without a line end
        break;
      }
      searched = static_cast<std::size_t>(found - buffer) - position_;
      if (searched > kLongestLine)
        break;
      refill(position_);
    }
    std::size_t length = searched > kLongestLine ? searched : lineEnd - position_;
    lineNumber = line_;
    if (length > kLongestLine) {
      longLine_.assign(bytes_ + position_, kKeptOfLongLine);
      position_ += kLongestLine;
      skipRestOfLine();
      line = longLine_;
      return Result::TooLong;
    }
    const char* buffer = bytes_;
    line = std::string_view(buffer + position_, length);
    position_ += length;
    if (position_ < end_) {
      // CRLF is one line end (its LF was read: see above).
      bool crlf =
          buffer[position_] == '\r' && position_ + 1 < end_ && buffer[position_ + 1] == '\n';
      position_ += crlf ? 2 : 1;
    }
    if (!isBlank(line))
      return Result::Line;
  }
}

void NdjsonLines::skipRestOfLine() {
  while (true) {
    if (position_ == end_ && !refill(position_))
      return;
    const char* buffer = bytes_;
    const char* found = nextLineEnd(buffer + position_, buffer + end_);
    position_ = static_cast<std::size_t>(found - buffer);
    if (position_ == end_)
      continue;
    if (*found == '\n') {
      ++position_;
      return;
    }
    // A CR: an LF after it belongs to the same line end.
    ++position_;
    if (position_ == end_ && !refill(position_))
      return;
    if (bytes_[position_] == '\n')
      ++position_;
    return;
  }
}

} // namespace slac::ingest
