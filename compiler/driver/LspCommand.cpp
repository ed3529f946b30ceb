#include "driver/Commands.h"
#include "lsp/Server.h"

#include <iostream>

namespace slac::driver {

int runLsp() {
  // Protocol bytes must pass unchanged: no locale, no sync with stdio.
  std::ios::sync_with_stdio(false);
  return lsp::serve(std::cin, std::cout);
}

} // namespace slac::driver
