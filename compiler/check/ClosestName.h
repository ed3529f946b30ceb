#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slac::check {

// The candidate a misspelt name most likely meant: the nearest by edit
// distance, if it is within a third of the name's length (at least 1).
std::optional<std::string> closestName(std::string_view name,
                                       const std::vector<std::string>& candidates);

} // namespace slac::check
