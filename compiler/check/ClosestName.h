#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slac::check {

// The candidate a misspelt name most likely meant: the nearest by edit
// distance, if it is within a third of the name's length (at least 1).
//
// Bounded so that a hostile file cannot make checking quadratic: names
// longer than kLongestName get no suggestion, candidates whose length alone
// puts them too far are skipped, the distance is computed only within the
// best bound found so far (and abandoned once a row exceeds it), and at
// most kMostCandidates candidates are looked at.
inline constexpr std::size_t kLongestName = 64;
inline constexpr std::size_t kMostCandidates = 1000;

std::optional<std::string> closestName(std::string_view name,
                                       const std::vector<std::string>& candidates);

} // namespace slac::check
