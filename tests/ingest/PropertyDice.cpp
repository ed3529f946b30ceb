#include "PropertyDice.h"

#include <fmt/format.h>

namespace slac::testing {

std::string escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (byte < 0x20 || byte >= 0x80)
      out += fmt::format("\\x{:02X}", byte);
    else
      out += c;
  }
  return out;
}

const char* lineEnd(Dice& dice) {
  static const char* kEnds[] = {"\n", "\r\n", "\r"};
  return kEnds[dice.below(3)];
}

} // namespace slac::testing
