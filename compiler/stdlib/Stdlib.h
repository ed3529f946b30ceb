#pragma once

// The standard library: the .sla files under stdlib/, compiled into the
// binary so that `import std.calendars` needs no installed files.

#include <optional>
#include <string_view>
#include <vector>

namespace slac::stdlib {

struct StdlibModule {
  std::string_view name; // `std.holidays.germany`
  std::string_view text;
};

// Every module, sorted by name.
const std::vector<StdlibModule>& stdlibModules();

std::optional<StdlibModule> findStdlibModule(std::string_view name);

} // namespace slac::stdlib
