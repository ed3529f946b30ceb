#pragma once

// The patterns of `format "..."` on a time field (docs/data.md, "Time
// formats"): a strftime-like subset that ticket systems' exports need,
// compiled once (the checker reports a bad pattern, ingestion reads cells
// with the compiled one) and read without the C++ locale, whose `%p` the
// standard library of GCC 12 silently ignores (`3:04 PM` would be 03:04).
//
// A TimeFormat is immutable once compiled and may be shared between threads.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slac::plan {

// A wall-clock time as written, before a zone or offset makes it an instant.
struct WrittenTime {
  std::int64_t localMicros = 0;              // since 1970-01-01T00:00 on the written clock
  std::optional<std::int32_t> offsetMinutes; // `%z`, when the pattern has it
};

class TimeFormat {
public:
  // The pattern compiled, or nothing and why it cannot read a time.
  static std::optional<TimeFormat> compile(std::string_view pattern, std::string& problem);

  // Reads all of `text`; nothing and what did not match (with the character
  // where it went wrong) when it does not.
  std::optional<WrittenTime> read(std::string_view text, std::string& problem) const;

  // Whether every time it reads carries its own offset (`%z`).
  bool hasOffset() const { return hasOffset_; }
  const std::string& pattern() const { return pattern_; }

  // The specifiers a pattern may use, for messages.
  static constexpr std::string_view kSpecifiers =
      "%Y %y %m %d %e %b %B %H %I %p %M %S %z %F %T %R %%";

private:
  enum class Part : std::uint8_t {
    Literal,   // `text` exactly
    Blanks,    // a space in the pattern: one or more spaces
    Year,      // %Y: four digits
    ShortYear, // %y: 69-99 are 19xx, 00-68 20xx (POSIX)
    Month,     // %m
    MonthName, // %b %B %h: English, full or three letters, any case
    Day,       // %d %e
    Hour,      // %H
    Hour12,    // %I
    AmPm,      // %p: AM or PM, any case
    Minute,    // %M
    Second,    // %S, with an optional fraction to the microsecond
    Offset,    // %z: `+0100`, `+01:00`, `Z`
  };
  struct Step {
    Part part;
    std::string text;
  };

  std::string pattern_;
  std::vector<Step> steps_;
  bool hasOffset_ = false;
};

} // namespace slac::plan
