#include "NdjsonLineReader.h"

namespace slac::testing {

NdjsonLineReader::Result NdjsonLineReader::next(std::string& line, std::uint64_t& lineNumber) {
  constexpr int kEnd = std::char_traits<char>::eof();
  while (true) {
    line.clear();
    ++line_;
    if (input_.sgetc() == kEnd)
      return Result::End;
    bool tooLong = false;
    for (int c = input_.sbumpc(); c != kEnd && c != '\n'; c = input_.sbumpc()) {
      // A CR ends the line too, alone (old Mac files) or before an LF.
      if (c == '\r') {
        if (input_.sgetc() == '\n')
          input_.sbumpc();
        break;
      }
      if (line.size() < kLongestLine)
        line += static_cast<char>(c);
      else
        tooLong = true;
    }
    lineNumber = line_;
    if (tooLong)
      return Result::TooLong;
    if (line.find_first_not_of(" \t") != std::string::npos)
      return Result::Line;
  }
}

} // namespace slac::testing
