#include "check/ClosestName.h"

#include <algorithm>
#include <array>

namespace slac::check {

namespace {

// The edit distance of `a` and `b` if it is at most `limit`, else any value
// above `limit`. Only the diagonal band |i - j| <= limit can hold such a
// distance, so a row costs O(limit), and a row whose every cell exceeds
// `limit` ends the search. Both strings are at most kLongestName long.
std::size_t boundedEditDistance(std::string_view a, std::string_view b, std::size_t limit) {
  std::size_t tooFar = limit + 1;
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit)
    return tooFar;
  std::array<std::size_t, kLongestName + 2> rows[2];
  std::size_t* previous = rows[0].data();
  std::size_t* current = rows[1].data();
  for (std::size_t j = 0; j <= std::min(b.size(), limit); ++j)
    previous[j] = j;
  if (limit < b.size())
    previous[limit + 1] = tooFar;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t first = i > limit ? i - limit : 1;
    std::size_t last = std::min(b.size(), i + limit);
    current[first - 1] = first == 1 ? std::min(i, tooFar) : tooFar;
    std::size_t rowBest = current[first - 1];
    for (std::size_t j = first; j <= last; ++j) {
      // previous[j] lies in the previous row's band, or just past it
      // (where that row wrote tooFar).
      std::size_t cost = std::min(
          {previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      current[j] = std::min(cost, tooFar);
      rowBest = std::min(rowBest, current[j]);
    }
    if (last < b.size())
      current[last + 1] = tooFar;
    if (rowBest > limit)
      return tooFar;
    std::swap(previous, current);
  }
  return previous[b.size()];
}

} // namespace

std::optional<std::string> closestName(std::string_view name,
                                       const std::vector<std::string>& candidates) {
  if (name.size() > kLongestName)
    return std::nullopt;
  std::size_t allowed = std::max<std::size_t>(1, name.size() / 3);
  std::optional<std::string> best;
  std::size_t bestDistance = allowed + 1;
  std::size_t looked = 0;
  for (const std::string& candidate : candidates) {
    if (++looked > kMostCandidates || bestDistance == 0)
      break;
    if (candidate.size() > kLongestName)
      continue;
    std::size_t distance = boundedEditDistance(name, candidate, bestDistance - 1);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
}

} // namespace slac::check
