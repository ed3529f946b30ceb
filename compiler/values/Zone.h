#pragma once

// A time zone as the system's zoneinfo file compiles it (RFC 8536, TZif):
// the instants at which its offset from UTC changes and what holds from
// each. It answers as date::time_zone answers for the same file
// (tests/values/ZoneTest.cpp, over every zone), without what date::
// time_zone costs: reading its first zone builds date's whole database
// (a stat of each of ~600 files, 1.5-2.5 ms, for its leap seconds), and a
// zone made outside date's library cannot be destroyed.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slac::values {

class Zone {
public:
  // What holds from `begin` (included) to `end` (excluded), in seconds
  // since the epoch, UTC: date::sys_info.
  struct Period {
    std::int64_t begin = 0;
    std::int64_t end = 0;
    std::int64_t offset = 0; // seconds east of UTC
    bool daylight = false;
    std::string_view abbreviation;
  };

  // The periods of a local time (seconds since the local epoch), as
  // date::local_info: one holds it; none does (a gap: the clocks skipped
  // it, `first` ends where `second` begins); or two do (the clocks went
  // back over it, `first` is the earlier).
  struct LocalPeriods {
    enum class Kind { Unique, Nonexistent, Ambiguous };
    Kind kind = Kind::Unique;
    Period first;
    Period second; // empty when unique
  };

  // The zone of a TZif file's bytes, or nothing when they are not one
  // (nor when the file counts leap seconds, as only the `right/` copies
  // do, which findZone does not take for zones).
  static std::optional<Zone> parse(std::string name, std::string_view bytes);

  const std::string& name() const { return name_; }
  Period periodAt(std::int64_t utcSeconds) const;
  LocalPeriods periodsAtLocal(std::int64_t localSeconds) const;
  // The local time of a UTC instant, both in microseconds.
  std::int64_t toLocalMicros(std::int64_t utcMicros) const;

private:
  // A local time type of the file: an offset, whether it is daylight
  // saving time, an abbreviation.
  struct LocalTimeType {
    std::int64_t offset = 0;
    bool daylight = false;
    std::string abbreviation;
  };

  explicit Zone(std::string name) : name_(std::move(name)) {}
  // The period that starts at starts_[index - 1] (index > 0).
  Period periodEndingAt(std::size_t index) const;

  std::string name_;
  std::vector<LocalTimeType> types_;
  // When each period starts, the first at the earliest instant date
  // knows, and its local time type; never two in a row of the same type.
  std::vector<std::int64_t> starts_;
  std::vector<std::uint8_t> startTypes_;
};

} // namespace slac::values
