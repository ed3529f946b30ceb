#pragma once

// Why a record counted as a miss (`slac eval --explain`): the comparison
// that decided it, read from the record's condition as the evaluator saw
// it. A condition that compares two instants (`responded <= response_due`)
// gives the deadline and the actual time; one that compares a duration to
// a limit (`elapsed(opened, resolved, office) <= 8h`) gives the time taken
// and, with `deadline`, when it was due. "Late by" is in the business time
// of the calendar the deadline or the elapsed time is measured in, wall
// time otherwise. Lets, `match` arms and the false operand of an `and` are
// followed to the comparison; anything else explains itself by its value.
//
// The explainer prepares its own calendars (the evaluator's are private to
// it), once, for the range of the report. Not thread-safe.

#include "calendar/Calendar.h"
#include "eval/ExprInterpreter.h"
#include "eval/Report.h"
#include "plan/Plan.h"

#include <optional>
#include <string>
#include <vector>

namespace slac::report {

struct MissExplanation {
  std::string record; // `tickets.csv:12 id=KD-0007 priority=P2`
  std::int64_t eventTime = 0;
  std::string eventField;           // the stream's event time field, `opened`
  std::optional<std::int64_t> due;  // the instant it was due
  std::optional<std::int64_t> done; // when it happened
  bool notDone = false;             // had not happened at the evaluation instant
  // What was measured against what, when no instants are compared:
  // `resolution time 9h30m, limit 8h`, `value 1h20m, target <= 1h`.
  std::string measured;
  std::optional<std::int64_t> late; // how much past the limit (µs)
  std::string lateCalendar;         // the calendar `late` is counted in; empty: wall time
  // An interval (`downtime`, `uptime`): its end field, where it ends
  // (unset: still open at the evaluation instant) and the time of it the
  // window counts, under the objective's calendars (µs).
  std::string endField;
  std::optional<std::int64_t> end;
  std::optional<std::int64_t> covered;
};

class MissExplainer {
public:
  // Calendars for the instants of `report` (from a day before its first
  // window to a year after `at`); a calendar that cannot be prepared
  // leaves its business times unexplained, never fails the report.
  MissExplainer(const plan::Program& program, const eval::Report& report);

  MissExplanation explain(std::size_t agreement, const eval::ObjectiveWindow& judged,
                          const eval::MissedRecord& record) const;

private:
  const plan::Program& program_;
  const eval::Report& report_;
  std::vector<calendar::Calendar> calendars_;
  bool usable_ = false; // every calendar prepared
  eval::ExprInterpreter interpreter_{calendars_, &report_.pauses};
};

} // namespace slac::report
