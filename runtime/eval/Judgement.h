#pragma once

// The judgement of a window, the step both engines end with (brief §6):
// from the aggregation state of a window and group (Accumulators.h),
// whichever engine counted it, the metric's value, the status against the
// target in force, the error budget, the remedies owed (Remedies.h) and,
// when they are kept, the misses. It reads the state and never changes
// it; what is judged at the evaluation instant (undecided records, rolling
// windows, intervals) has been settled into the state before.
//
// Immutable; refers to the program, calendars, interpreter and
// accumulation it is given, which must outlive it.

#include "eval/Accumulators.h"
#include "eval/ExprInterpreter.h"
#include "eval/IntervalCoverage.h"
#include "eval/Report.h"
#include "eval/SliceCalendars.h"
#include "eval/SliceCounterReads.h"
#include "eval/Windows.h"

#include <optional>
#include <string>
#include <vector>

namespace slac::eval {

// Whether `instant` passes the objective's calendars (`during`, `outside`,
// `excluding`); a calendar asked about an instant it was not prepared for
// sets `error`, never a silent "outside".
bool passesFilters(const plan::Objective& objective,
                   const std::vector<calendar::Calendar>& calendars, std::int64_t instant,
                   std::string& error);

class Judgement {
public:
  // listsMisses: by aggregate, whether a metric's whole value over records
  // keeps its misses; with keepMisses, up to listedMisses records of each
  // window's misses are reported.
  Judgement(const plan::Program& program, const std::vector<calendar::Calendar>& calendars,
            const ExprInterpreter& interpreter, const Accumulation& accumulation,
            const std::vector<bool>& listsMisses, bool keepMisses, std::size_t listedMisses)
      : program_(program), calendars_(calendars), interpreter_(interpreter),
        accumulation_(accumulation), listsMisses_(listsMisses), keepMisses_(keepMisses),
        listedMisses_(listedMisses) {}

  // Decides `judged`, a window of `objective` whose objective, window,
  // period, group, target and fee class the caller has set, under `terms`
  // (those in force in the window) from `scope` (null: no record reached
  // the window) at the evaluation instant `at`: its value, pending
  // records, status, budget, remedies and misses. A data error of the
  // window (an overflow, a calendar asked outside its range) sets `error`.
  void judge(ObjectiveWindow& judged, const plan::Objective& objective, const plan::Terms& terms,
             const AgreementWindows& windows, const Scope* scope, std::int64_t at,
             std::string& error) const;

private:
  struct Outcomes;
  class ScopeInputs;

  Value aggregateValue(const Scope* scope, std::uint32_t index, const Window& window,
                       const plan::Objective* objective, std::int64_t at, std::int64_t& pending,
                       Outcomes* outcomesOut, std::string& error) const;
  Value coverageValue(const AggregateState* state, plan::AggregateKind kind, const Window& window,
                      const plan::Objective* objective, std::int64_t at, std::string& error) const;
  std::optional<Coverage> coverageOf(const AggregateState* state, const Window& window,
                                     const plan::Objective* objective, std::int64_t at,
                                     std::string& error) const;
  Value slicesValue(const AggregateState* state, const plan::Aggregate& aggregate,
                    const Window& window, const plan::Objective* objective, std::int64_t at,
                    std::int64_t& pending, Outcomes* outcomesOut, std::string& error) const;
  // The outcomes of the window's slices from their counters, a word of 64
  // at a time (none: no slice has records); `filterRead` reads the
  // slices' condition, if they have one.
  void countSlices(const SliceCounters* dense, const SliceCounterRead* filterRead,
                   const plan::Aggregate& aggregate, const plan::Objective* objective,
                   std::optional<SliceCalendars>& sliceCalendars, std::int64_t windowStart,
                   std::int64_t slices, Outcomes& outcomes, std::string& error) const;
  // The least or greatest value of the window's slices (of `aggregate`, a
  // min or max) that `valueRead` reads from their counters alone, a word of
  // 64 slices at a time; unset when no slice has a value.
  std::optional<Value> countedExtreme(const SliceCounters& dense, const SliceCounterRead& valueRead,
                                      const plan::Aggregate& aggregate,
                                      const plan::Objective* objective,
                                      std::optional<SliceCalendars>& sliceCalendars,
                                      std::int64_t windowStart, std::int64_t slices,
                                      std::string& error) const;
  // Bit i: slice 64 × word + i (of the window's first `slices`) starts
  // where the objective's calendars pass.
  std::uint64_t passingSlices(const plan::Objective* objective,
                              std::optional<SliceCalendars>& sliceCalendars,
                              std::int64_t windowStart, std::int64_t word, std::int64_t width,
                              std::int64_t slices, std::string& error) const;
  // The same without SliceCalendars (a calendar that cannot list the
  // window's spans): the `count` slices from `start` asked one by one.
  std::uint64_t passingOneByOne(const plan::Objective& objective, std::int64_t start,
                                std::int64_t width, int count, std::string& error) const;
  std::optional<ErrorBudget> downtimeBudget(const Scope* scope, std::uint32_t index,
                                            const plan::Objective& objective,
                                            const plan::ConstantValue& target, const Window& window,
                                            std::int64_t at, std::string& error) const;
  std::optional<WindowMisses> missesOf(const Scope* scope, const plan::Metric& metric,
                                       const Window& window, const plan::Objective* objective,
                                       std::int64_t at, std::string& error) const;
  std::optional<WindowMisses> intervalMisses(const AggregateState* state, const Window& window,
                                             const plan::Objective& objective, std::int64_t at,
                                             std::string& error) const;

  const plan::Program& program_;
  const std::vector<calendar::Calendar>& calendars_;
  const ExprInterpreter& interpreter_;
  const Accumulation& accumulation_;
  const std::vector<bool>& listsMisses_;
  bool keepMisses_;
  std::size_t listedMisses_;
};

} // namespace slac::eval
