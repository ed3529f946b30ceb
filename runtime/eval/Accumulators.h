#pragma once

// The aggregation state of a window (or of one of its slices), shared by
// both engines: what each aggregate has seen (counters, an exact sum, the
// extremes, the values of an exact percentile, a sketch, the undecided
// records of a ratio, the slices, the intervals of downtime and uptime).
// Records are added one by one by the interpreter; a compiled kernel's plain
// counters are folded in once its records are all in; two states of the
// same program are merged. Counting is associative and every sum exact, so
// a fold or a merge gives exactly the state of one evaluator that had
// counted every record itself (docs/evaluation.md, "Engines").
//
// Not thread-safe: one evaluator owns each state.

#include "eval/ExprInterpreter.h"
#include "eval/IntervalCoverage.h"
#include "eval/KeptRecord.h"
#include "eval/PercentileValues.h"
#include "eval/QuantileSketch.h"
#include "eval/RecordKernel.h"
#include "eval/Report.h"
#include "eval/SliceCounters.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace slac::eval {

struct AggregateDetails;

// What one aggregate has seen in one window (or slice). Small, because a
// month of one-minute slices holds 44,640 of them: what only some kinds
// need lives in `details`, allocated on first use.
struct AggregateState {
  std::int64_t seen = 0;       // records of its stream routed here, before the filter
  std::int64_t count = 0;      // records whose filter held
  std::int64_t good = 0;       // ratio: successes
  std::int64_t bad = 0;        // ratio: misses
  std::int64_t valueCount = 0; // values aggregated (set, filter held)
  Rational exactSum;
  std::int64_t pending = 0; // ratio: undecided records judged pending at `at`
  std::unique_ptr<AggregateDetails> details;

  AggregateDetails& detailed();
  // A value of a record whose condition held (not for ratios and counts).
  void addValue(const plan::Aggregate& aggregate, const Value& value);
};

// The aggregates of one window (or slice), by index in Program::aggregates;
// a scope holds a handful, so a vector searched in order is enough.
struct Scope {
  std::vector<std::pair<std::uint32_t, AggregateState>> aggregates;

  AggregateState& at(std::uint32_t index) {
    for (auto& [slot, state] : aggregates)
      if (slot == index)
        return state;
    return aggregates.emplace_back(index, AggregateState{}).second;
  }
  const AggregateState* find(std::uint32_t index) const {
    for (const auto& [slot, state] : aggregates)
      if (slot == index)
        return &state;
    return nullptr;
  }
};

struct AggregateDetails {
  std::optional<Value> minimum;
  std::optional<Value> maximum;
  PercentileValues values;           // exact percentile: every value
  QuantileSketch sketch;             // percentile approx: bounded memory
  std::vector<KeptRecord> undecided; // ratio: records whose condition is unset
  // The slices the interpreter counted in, and those only compiled kernels
  // counted in (never the same slice once folded: foldDenseOverlaps).
  std::map<std::int64_t, Scope> slices;
  std::unique_ptr<SliceCounters> denseSlices;
  WindowMisses misses;            // with EvaluationOptions::keepMisses
  std::vector<CoveredSpan> spans; // downtime, uptime: the intervals whose condition held
  // With EvaluationOptions::keepMisses: the record of each of `spans`.
  std::vector<std::shared_ptr<const MissedRecord>> spanRecords;
};

// The aggregates a window expression reads directly (not those nested in
// slices, which belong to the slice's own expressions), appended to
// `leaves`.
void collectLeaves(const plan::Expr* expr, std::vector<std::uint32_t>& leaves);

// How the states of a program's aggregates fold and merge. Immutable; it
// refers to the program, which must outlive it.
class Accumulation {
public:
  explicit Accumulation(const plan::Program& program);

  // For an aggregate over slices, the aggregates its per-slice filter and
  // value read (the order of a slice's counters in SliceCounters); empty
  // for the others.
  const std::vector<std::uint32_t>& sliceLeaves(std::uint32_t aggregate) const {
    return sliceLeaves_[aggregate];
  }

  // Adds what a kernel counted for aggregate `index` to `scope`, as if the
  // interpreter had counted those records.
  void fold(Scope& scope, std::uint32_t index, const FastCounters& counters) const;

  // A slice both the interpreter and a kernel counted in keeps one scope:
  // the kernel's counters (in details.denseSlices) are folded into the
  // interpreter's.
  void foldDenseOverlaps(std::uint32_t aggregate, AggregateDetails& details) const;

  // Adds everything `from` holds to `into`, leaving `from` spent; of the
  // records both noted as misses, the first `listedMisses` in data order
  // stay listed (EvaluationOptions::listedMisses).
  void merge(Scope& into, Scope& from, std::size_t listedMisses) const;

private:
  const plan::Program& program_;
  std::vector<std::vector<std::uint32_t>> sliceLeaves_; // by aggregate
};

} // namespace slac::eval
