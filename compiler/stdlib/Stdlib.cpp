#include "stdlib/Stdlib.h"

#include <algorithm>

namespace slac::stdlib {

std::optional<StdlibModule> findStdlibModule(std::string_view name) {
  const std::vector<StdlibModule>& modules = stdlibModules();
  auto found = std::lower_bound(
      modules.begin(), modules.end(), name,
      [](const StdlibModule& module, std::string_view wanted) { return module.name < wanted; });
  if (found == modules.end() || found->name != name)
    return std::nullopt;
  return *found;
}

} // namespace slac::stdlib
