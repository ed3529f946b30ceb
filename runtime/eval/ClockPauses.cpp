#include "eval/ClockPauses.h"

#include <algorithm>
#include <limits>

namespace slac::eval {

bool ClockPauses::add(std::string key, std::int64_t instant, bool pauses) {
  if (asked_)
    return false;
  History& history = byKey_[std::move(key)];
  if (!history.changes.empty() && history.changes.back().instant > instant)
    history.sorted = false;
  history.changes.push_back({instant, pauses});
  ++changes_;
  return true;
}

calendar::CalendarResult<calendar::Duration>
ClockPauses::pausedIn(std::string_view key, std::int64_t start, std::int64_t end,
                      const calendar::Calendar* calendar) const {
  asked_ = true;
  auto found = byKey_.find(key);
  if (found == byKey_.end())
    return calendar::Duration{0};
  History& history = found->second;
  if (!history.sorted) {
    std::stable_sort(history.changes.begin(), history.changes.end(),
                     [](const Change& a, const Change& b) { return a.instant < b.instant; });
    history.sorted = true;
  }
  const std::vector<Change>& changes = history.changes;
  calendar::Duration paused = 0;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (!changes[i].pauses)
      continue;
    std::int64_t until =
        i + 1 < changes.size() ? changes[i + 1].instant : std::numeric_limits<std::int64_t>::max();
    std::int64_t from = std::max(start, changes[i].instant);
    std::int64_t to = std::min(end, until);
    if (from >= to)
      continue;
    if (!calendar) {
      paused += to - from;
      continue;
    }
    auto part = calendar->elapsed(from, to);
    if (std::holds_alternative<calendar::CalendarError>(part))
      return part;
    paused += std::get<calendar::Duration>(part);
  }
  return paused;
}

void ClockPauses::merge(ClockPauses&& other) {
  for (auto& [key, history] : other.byKey_) {
    History& into = byKey_[key];
    into.changes.insert(into.changes.end(), history.changes.begin(), history.changes.end());
    into.sorted = false;
  }
  changes_ += other.changes_;
}

std::string pauseKeyText(const plan::Type& type, const Value& key) {
  return type.is(plan::TypeKind::String)
             ? key.text
             : std::to_string(static_cast<std::int64_t>(key.exact.floor()));
}

} // namespace slac::eval
