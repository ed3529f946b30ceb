#pragma once

// The clock pauses of one plan::PauseSource: its status changes by key.
// From a change whose condition held to the next change of the same key
// (or for ever, after the last one), that key's clock is paused; `elapsed`
// subtracts the paused time inside [a, b), measured on its calendar
// (docs/language.md, "Clock pauses").

#include "calendar/Calendar.h"
#include "eval/Value.h"
#include "plan/Type.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

namespace slac::eval {

class ClockPauses {
public:
  // A status change of `key` at `instant`; `pauses` when its condition held.
  // False once pauses have been asked for: changes must all be read before
  // the records whose clocks they pause.
  bool add(std::string key, std::int64_t instant, bool pauses);

  // The time in [start, end) during which the clock of `key` was paused,
  // measured on `calendar` (wall-clock time when null).
  calendar::CalendarResult<calendar::Duration> pausedIn(std::string_view key, std::int64_t start,
                                                        std::int64_t end,
                                                        const calendar::Calendar* calendar) const;

  // Appends the changes `other` was given after this one's: changes of a
  // key at the same instant keep that order.
  void merge(ClockPauses&& other);

  std::uint64_t changes() const { return changes_; }

private:
  struct Change {
    std::int64_t instant;
    bool pauses;
  };
  struct History {
    std::vector<Change> changes; // in the order given until sorted
    bool sorted = true;
  };
  // Sorted by instant on first use (stable: the order given breaks ties);
  // reading is a const operation of the evaluator, hence mutable.
  // Looked up by the record's key as it lies in the batch, without a copy.
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const {
      return std::hash<std::string_view>{}(key);
    }
  };
  mutable std::unordered_map<std::string, History, KeyHash, std::equal_to<>> byKey_;
  mutable bool asked_ = false;
  std::uint64_t changes_ = 0;
};

// The text a key of type `type` is compared by: a string's own, a whole
// number's digits (int fields and enum cases, compared with keys of the
// same type).
std::string pauseKeyText(const plan::Type& type, const Value& key);

} // namespace slac::eval
