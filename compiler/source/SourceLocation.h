#pragma once

#include <compare>
#include <cstdint>

namespace slac {

// A position in the sources of one compilation: an offset into the
// concatenation of every loaded file (see SourceManager). Small enough to put
// in every AST node; line and column are computed on demand.
struct SourceLocation {
  std::uint32_t offset = 0;

  friend bool operator==(SourceLocation, SourceLocation) = default;
  friend auto operator<=>(SourceLocation, SourceLocation) = default;
};

// A half-open range [begin, end) of source bytes.
struct SourceRange {
  SourceLocation begin;
  SourceLocation end;

  static SourceRange point(SourceLocation at) { return {at, at}; }
  bool empty() const { return begin == end; }
  SourceRange to(SourceRange last) const { return {begin, last.end}; }

  friend bool operator==(SourceRange, SourceRange) = default;
};

} // namespace slac
