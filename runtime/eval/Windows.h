#pragma once

// Where an agreement's windows lie (brief §5): its zone, its effective
// period (local midnight of its first day to local midnight after its
// last), the instants its revisions take effect, and from those the
// calendar or rolling windows its objectives are judged over. Made once
// per agreement before the first record; routing (interpreter and kernels
// alike), judgement and the money all ask the same one, so a window is the
// same whoever counts in it or pays for it.
//
// Immutable once made; it refers to the agreement, which must outlive it.

#include "eval/Periods.h"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace slac::eval {

// The part of `window` inside `bounds`; empty (start == end) when none is.
Window clipped(const Window& window, const Window& bounds);

// One window to judge: the calendar (or rolling) period, and the part of
// it inside the agreement's effective period.
struct ReportedWindow {
  Window period;
  Window window;
};

class AgreementWindows {
public:
  // An error message when the agreement's zone is unknown.
  static std::variant<AgreementWindows, std::string> of(const plan::Agreement& agreement);

  const values::Zone& zone() const { return *zone_; }
  // The instants the agreement is in force; open where it states no bound.
  const Window& effective() const { return effective_; }

  // The window of a calendar objective that holds `instant`: its period
  // of `unit`, cut to the effective period.
  Window windowContaining(plan::PeriodUnit unit, std::int64_t instant) const {
    return clipped(periodContaining(instant, unit, *zone_), effective_);
  }

  // The terms a window starting at `instant` is judged by: those of the
  // last revision in force then, or the agreement's own.
  plan::Terms termsAt(std::int64_t instant) const;

  // The windows of an objective over `period` to report: a rolling one
  // ends at `at`; calendar ones are every period that overlaps `range`
  // (none without a range), cut to the effective period, and none
  // outside it.
  std::vector<ReportedWindow> windowsToReport(const plan::Period& period,
                                              const std::optional<Window>& range,
                                              std::int64_t at) const;

private:
  AgreementWindows(const plan::Agreement& agreement, const values::Zone& zone);

  const plan::Agreement* agreement_;
  const values::Zone* zone_;
  Window effective_;
  std::vector<std::int64_t> revisionStarts_; // in the order of the revisions
};

} // namespace slac::eval
