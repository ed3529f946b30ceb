#pragma once

// The base protocol of LSP: messages framed by a `Content-Length` header.

#include <iosfwd>
#include <optional>
#include <string>

namespace slac::lsp {

struct Frame {
  std::string body;
  // The headers had no usable Content-Length: the body is empty and the
  // caller answers with a parse error rather than guessing.
  bool malformed = false;
};

// The next framed message; nullopt at the end of the input.
std::optional<Frame> readFrame(std::istream& in);

void writeFrame(std::ostream& out, const std::string& body);

} // namespace slac::lsp
