#include "values/Zone.h"

#include <algorithm>
#include <chrono>
#include <date/date.h>

namespace slac::values {

namespace {

std::int64_t secondsOf(date::sys_days day) {
  return std::chrono::duration_cast<std::chrono::seconds>(day.time_since_epoch()).count();
}

// The ends of time for date's zones: its first period starts at the
// first day of its earliest year, its last ends on the last day of its
// latest.
const std::int64_t kEarliest = secondsOf(date::sys_days(date::year::min() / date::January / 1));
const std::int64_t kLatest = secondsOf(date::sys_days(date::year::max() / date::December / 31));

constexpr std::int64_t kSecondsPerDay = 86'400;
constexpr std::int64_t kMicrosPerSecond = 1'000'000;

// Big-endian fields read in order; a read past the end leaves it failed.
class TzifReader {
public:
  explicit TzifReader(std::string_view bytes) : bytes_(bytes) {}

  bool failed() const { return failed_; }

  std::string_view take(std::size_t count) {
    if (failed_ || count > bytes_.size() - at_) {
      failed_ = true;
      return {};
    }
    std::string_view taken = bytes_.substr(at_, count);
    at_ += count;
    return taken;
  }
  void skip(std::size_t count) { take(count); }

  // A two's complement integer of `width` (4 or 8) bytes.
  std::int64_t integer(std::size_t width) {
    std::string_view field = take(width);
    std::uint64_t value = 0;
    for (char byte : field)
      value = value << 8 | static_cast<unsigned char>(byte);
    if (field.size() == 4)
      return static_cast<std::int32_t>(static_cast<std::uint32_t>(value));
    return static_cast<std::int64_t>(value);
  }
  // An unsigned byte.
  std::uint8_t byte() {
    std::string_view field = take(1);
    return field.empty() ? 0 : static_cast<std::uint8_t>(field.front());
  }
  std::size_t count() {
    std::int64_t value = integer(4);
    if (value < 0)
      failed_ = true;
    return failed_ ? 0 : static_cast<std::size_t>(value);
  }

private:
  std::string_view bytes_;
  std::size_t at_ = 0;
  bool failed_ = false;
};

struct TzifCounts {
  std::size_t utIndicators = 0, standardIndicators = 0, leaps = 0, transitions = 0, types = 0,
              characters = 0;
};

// The 44-byte header: magic, version, 15 reserved bytes, six counts.
bool readHeader(TzifReader& in, char& version, TzifCounts& counts) {
  if (in.take(4) != "TZif")
    return false;
  std::string_view versionByte = in.take(1);
  version = versionByte.empty() ? '\0' : versionByte.front();
  in.skip(15);
  counts.utIndicators = in.count();
  counts.standardIndicators = in.count();
  counts.leaps = in.count();
  counts.transitions = in.count();
  counts.types = in.count();
  counts.characters = in.count();
  return !in.failed();
}

} // namespace

std::optional<Zone> Zone::parse(std::string name, std::string_view bytes) {
  TzifReader in(bytes);
  char version = '\0';
  TzifCounts counts;
  if (!readHeader(in, version, counts))
    return std::nullopt;
  std::size_t timeWidth = 4;
  if (version != '\0') {
    // Version 2 and later repeat the data with 64-bit times after the
    // version 1 block, which is what date reads.
    in.skip(counts.transitions * 5 + counts.types * 6 + counts.characters + counts.leaps * 8 +
            counts.standardIndicators + counts.utIndicators);
    if (!readHeader(in, version, counts))
      return std::nullopt;
    timeWidth = 8;
  }
  if (counts.leaps > 0 || counts.types == 0 || counts.types > 256 ||
      counts.transitions > bytes.size())
    return std::nullopt;

  std::vector<std::int64_t> times(counts.transitions);
  for (std::int64_t& time : times)
    time = in.integer(timeWidth);
  std::string_view indices = in.take(counts.transitions);
  // The local time types as the file writes them, abbreviations by index.
  struct WrittenType {
    std::int64_t offset;
    bool daylight;
    std::size_t abbreviationAt;
  };
  std::vector<WrittenType> types(counts.types);
  for (WrittenType& type : types) {
    type.offset = in.integer(4);
    type.daylight = in.byte() != 0;
    type.abbreviationAt = in.byte();
  }
  std::string_view characters = in.take(counts.characters);
  if (in.failed())
    return std::nullopt;

  Zone zone(std::move(name));
  for (const WrittenType& type : types) {
    if (type.abbreviationAt > characters.size())
      return std::nullopt;
    std::string_view abbreviation = characters.substr(type.abbreviationAt);
    zone.types_.push_back(
        {type.offset, type.daylight, std::string(abbreviation.substr(0, abbreviation.find('\0')))});
  }
  // Before its first transition a zone is in its first standard time.
  if (times.empty() || times.front() != kEarliest) {
    auto standard = std::find_if(types.begin(), types.end(),
                                 [](const WrittenType& type) { return !type.daylight; });
    zone.starts_.push_back(kEarliest);
    zone.startTypes_.push_back(
        static_cast<std::uint8_t>(standard == types.end() ? 0 : standard - types.begin()));
  }
  auto sameType = [&](std::uint8_t a, std::uint8_t b) {
    const LocalTimeType& x = zone.types_[a];
    const LocalTimeType& y = zone.types_[b];
    return x.offset == y.offset && x.abbreviation == y.abbreviation && x.daylight == y.daylight;
  };
  for (std::size_t i = 0; i < times.size(); ++i) {
    auto type = static_cast<std::uint8_t>(indices[i]);
    if (type >= types.size())
      return std::nullopt;
    if (!zone.startTypes_.empty() && sameType(type, zone.startTypes_.back()))
      continue; // a transition that changes nothing date shows
    zone.starts_.push_back(times[i]);
    zone.startTypes_.push_back(type);
  }
  return zone;
}

Zone::Period Zone::periodEndingAt(std::size_t index) const {
  const LocalTimeType& type = types_[startTypes_[index - 1]];
  return {starts_[index - 1], index < starts_.size() ? starts_[index] : kLatest, type.offset,
          type.daylight, type.abbreviation};
}

Zone::Period Zone::periodAt(std::int64_t utcSeconds) const {
  auto next = std::upper_bound(starts_.begin(), starts_.end(), utcSeconds);
  return periodEndingAt(std::max<std::size_t>(1, static_cast<std::size_t>(next - starts_.begin())));
}

// The same search and the same steps as date::time_zone::get_info for a
// local time, so that every answer is date's.
Zone::LocalPeriods Zone::periodsAtLocal(std::int64_t localSeconds) const {
  const std::int64_t* first = starts_.data();
  auto next = std::upper_bound(
      starts_.begin(), starts_.end(), localSeconds,
      [&](std::int64_t local, const std::int64_t& start) {
        return local - types_[startTypes_[static_cast<std::size_t>(&start - first)]].offset < start;
      });
  std::size_t index = std::max<std::size_t>(1, static_cast<std::size_t>(next - starts_.begin()));
  LocalPeriods periods;
  periods.first = periodEndingAt(index);
  std::int64_t utc = localSeconds - periods.first.offset;
  if (utc < periods.first.begin + kSecondsPerDay && index > 1) {
    Period earlier = periodEndingAt(index - 1);
    if (localSeconds - earlier.offset < earlier.end) {
      periods.kind = LocalPeriods::Kind::Ambiguous;
      periods.second = periods.first;
      periods.first = earlier;
    }
  } else if (utc >= periods.first.end && index < starts_.size()) {
    Period later = periodEndingAt(index + 1);
    if (localSeconds - later.offset < later.begin) {
      periods.kind = LocalPeriods::Kind::Nonexistent;
      periods.second = later;
    }
  }
  return periods;
}

std::int64_t Zone::toLocalMicros(std::int64_t utcMicros) const {
  using std::chrono::microseconds;
  std::int64_t seconds = std::chrono::floor<std::chrono::seconds>(microseconds(utcMicros)).count();
  return utcMicros + periodAt(seconds).offset * kMicrosPerSecond;
}

} // namespace slac::values
