#include "lsp/Transport.h"

#include <cctype>
#include <charconv>
#include <istream>
#include <ostream>

namespace slac::lsp {

namespace {

// A body larger than this is no editor buffer but a broken client.
constexpr std::size_t kMaxBodyBytes = 256u << 20;

bool startsWithCaseless(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size())
    return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i])
      return false;
  }
  return true;
}

} // namespace

std::optional<Frame> readFrame(std::istream& in) {
  std::optional<std::size_t> length;
  bool sawHeader = false;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    if (line.empty()) {
      if (!sawHeader)
        continue; // stray blank lines between messages
      break;
    }
    sawHeader = true;
    constexpr std::string_view kLength = "content-length:";
    if (startsWithCaseless(line, kLength)) {
      std::string_view value = std::string_view(line).substr(kLength.size());
      while (!value.empty() && value.front() == ' ')
        value.remove_prefix(1);
      std::size_t parsed = 0;
      auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
      if (error == std::errc() && end == value.data() + value.size() && parsed <= kMaxBodyBytes)
        length = parsed;
    }
  }
  if (!sawHeader)
    return std::nullopt;
  if (!length)
    return Frame{{}, true};
  Frame frame;
  frame.body.resize(*length);
  in.read(frame.body.data(), static_cast<std::streamsize>(*length));
  if (static_cast<std::size_t>(in.gcount()) != *length)
    return std::nullopt;
  return frame;
}

void writeFrame(std::ostream& out, const std::string& body) {
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
}

} // namespace slac::lsp
