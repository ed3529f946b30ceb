#pragma once

#include <cstdint>
#include <string>

// The values the language writes and the plan and runtime compute with,
// shared by every layer: the AST holds them as literals, the plan as
// constants, the engines read and compare them. They depend on nothing of
// slac (docs/architecture.md).
namespace slac::values {

// Wide enough for the exact product of two 64-bit decimals; `__extension__`
// keeps -Wpedantic quiet about the GCC/Clang type.
__extension__ using Int128 = __int128;

// An exact decimal as written: value = units / 10^scale. Percents, money and
// decimal numbers keep their written digits so that no literal is ever
// rounded through a double.
struct Decimal {
  std::int64_t units = 0;
  std::uint8_t scale = 0;

  std::string toString() const;
  friend bool operator==(const Decimal&, const Decimal&) = default;
};

// A date of the proleptic Gregorian calendar, validated when parsed.
struct CivilDate {
  std::int32_t year = 1970;
  std::uint8_t month = 1;
  std::uint8_t day = 1;

  std::string toString() const;
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

// A wall-clock time of day in minutes since midnight; 24:00 is 1440.
struct TimeOfDay {
  std::int32_t minutes = 0;

  std::string toString() const;
  friend bool operator==(const TimeOfDay&, const TimeOfDay&) = default;
};

// An instant written with its UTC offset: `2026-03-01T08:00:00+01:00`.
struct DateTime {
  std::int64_t epochMicros = 0; // UTC
  std::int32_t offsetMinutes = 0;

  std::string toString() const;
};

// `12000.00 EUR`
struct Money {
  Decimal amount;
  std::string currency;
};

// Durations are exact microseconds.
inline constexpr std::int64_t kMicrosPerSecond = 1'000'000;

std::string formatDuration(std::int64_t micros);

// Remedy tiers, in the AST and in the plan alike: one definition, so that
// the plan builder copies them instead of converting.
enum class TierBound : std::uint8_t { Below, AtOrBelow, Above, AtOrAbove };
const char* tierBoundSpelling(TierBound bound);
enum class Payout : std::uint8_t { Credit, Bonus };

} // namespace slac::values
