#pragma once

#include <string>
#include <string_view>

namespace slac::format {

// The differences between two texts as a unified diff (`diff -u` style,
// 3 lines of context), the way `slac fmt --check` shows what it would
// change; empty when the texts are equal.
std::string unifiedDiff(std::string_view before, std::string_view after,
                        std::string_view beforeName, std::string_view afterName);

} // namespace slac::format
