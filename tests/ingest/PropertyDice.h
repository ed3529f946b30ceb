#pragma once

// What the ingest property tests share: seeded dice, and a readable
// spelling of the bytes of a document for failure messages.

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace slac::testing {

class Dice {
public:
  explicit Dice(std::uint64_t seed) : engine_(seed) {}
  std::size_t below(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(engine_);
  }
  bool chance(double p) { return std::bernoulli_distribution(p)(engine_); }
  template <class T> const T& pick(const std::vector<T>& from) { return from[below(from.size())]; }
  std::mt19937_64& engine() { return engine_; }

private:
  std::mt19937_64 engine_;
};

// Line ends, tabs and bytes outside printable ASCII as escapes.
std::string escaped(std::string_view text);

// One of the line ends readers accept: LF, CRLF or a lone CR.
const char* lineEnd(Dice& dice);

} // namespace slac::testing
