#pragma once

// A slice's condition or value that the judgement reads straight from the
// counters kernels kept for the slice (SliceCounters): one count or ratio
// of the slice's records (`ratio(probe where ok)`), or one compared with a
// constant (`count(probe where ok) >= quorum`). The answer is what the
// interpreter gives on a scope made from the same counters, without making
// the scope: a year of minute slices asks 525,600 times.

#include "eval/RecordKernel.h"
#include "eval/SliceCounters.h"
#include "eval/Value.h"
#include "plan/Plan.h"

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace slac::eval {

class SliceCounterRead {
public:
  // How to read `expr` from the counters of `leaves` (the inner aggregates
  // of a slices aggregate, in the order SliceCounters keeps them); unset
  // for any other shape of expression.
  static std::optional<SliceCounterRead> of(const plan::Expr& expr,
                                            const std::vector<std::uint32_t>& leaves,
                                            const plan::Program& program);

  // The value from a touched slice of `counters` (kept for the same
  // leaves): as an aggregate over nothing, no data when the slice counted
  // nothing the aggregate decides.
  Value read(const SliceCounters& counters, std::int64_t slice) const {
    return read(counters.tally(slice, position_));
  }
  // The value of a touched slice as an exact fraction (numerator,
  // positive denominator), unset as read() would be; for a read without a
  // comparison. Min and max of slices compare these: a Rational a slice,
  // put in lowest terms by 128-bit division, was most of judging a year of
  // hourly ratios.
  using Fraction = std::pair<Int128, Int128>;
  // The fraction of each slice 64 × word + i of `counters` whose bit i of
  // `slices` is set (touched slices), a word at a time: fold(value) for
  // each that has one. Whether a slice had none.
  template <typename Fold>
  bool foldFractions(const SliceCounters& counters, std::int64_t word, std::uint64_t slices,
                     Fold&& fold) const {
    bool withoutValue = false;
    counters.forEachTally(word, position_, slices, [&](const Tally& counted) {
      if (std::optional<Fraction> value = fraction(counted))
        fold(*value);
      else
        withoutValue = true;
    });
    return withoutValue;
  }
  bool comparesToConstant() const { return comparison_.has_value(); }
  // Whether a < b, for fractions with positive denominators. Inline: the
  // worst hour of each day of a year compares 8,760 of them.
  static bool less(const Fraction& a, const Fraction& b) {
    // A slice's counts nearly always fit in 31 bits (one test for the four
    // parts, negative ones failing it), and then so do their products in 63.
    if (((a.first | a.second | b.first | b.second) >> 31) == 0)
      return static_cast<std::int64_t>(a.first) * static_cast<std::int64_t>(b.second) <
             static_cast<std::int64_t>(b.first) * static_cast<std::int64_t>(a.second);
    return lessAsRationals(a, b);
  }

  // The same for a comparison, as a truth value; unset when the read is.
  std::optional<bool> holds(const SliceCounters& counters, std::int64_t slice) const {
    Tally counted = counters.tally(slice, position_);
    // A count against a whole number (`count(probe where ok) >= 2`), the
    // common condition of a year of minute slices, inline.
    if (countCondition_)
      return countCondition_->holds(counted.seen, counted.count);
    return holds(counted);
  }

  // Whether `counters` keeps this read's verdicts as its slices are
  // written (SliceCounters::verdicts): the read is the count condition it
  // keeps them for.
  bool readsKeptVerdicts(const SliceCounters& counters) const {
    return countCondition_ && counters.condition() == countCondition_;
  }
  // holds() for each slice 64 × word + i of `counters` whose bit i of
  // `slices` is set (slices that were touched): bit i of `decided` when its
  // answer is set, of `held` when it is set and true, computed from the
  // counters (verdicts SliceCounters keeps are read from it instead).
  struct WordVerdict {
    std::uint64_t decided = 0;
    std::uint64_t held = 0;
  };
  WordVerdict holdsWord(const SliceCounters& counters, std::int64_t word,
                        std::uint64_t slices) const;
  // The read as a condition SliceCounters can keep verdicts on, if it is
  // one: a count against a whole number.
  const std::optional<SliceCounters::CountCondition>& countCondition() const {
    return countCondition_;
  }

private:
  using Tally = SliceCounters::Tally;
  static bool lessAsRationals(const Fraction& a, const Fraction& b);
  // The value as numerator and denominator, unset as read() says.
  std::optional<Fraction> fraction(const Tally& counted) const {
    // As Evaluator's foldLeaf: a slice whose records all failed the
    // aggregate's calendars has no state for it.
    if (counted.seen == 0)
      return std::nullopt;
    if (kind_ == plan::AggregateKind::Count)
      return Fraction{counted.count, 1};
    std::int64_t decided = population_ ? counted.count : counted.seen;
    if (decided == 0)
      return std::nullopt;
    return Fraction{Int128{100} * counted.good, decided};
  }
  Value read(const Tally& counted) const;
  std::optional<bool> holds(const Tally& counted) const;

  std::size_t position_ = 0; // in `leaves`
  plan::AggregateKind kind_ = plan::AggregateKind::Count;
  bool population_ = false; // a ratio of a population
  std::optional<plan::Comparison> comparison_;
  Value constant_;
  // A count against a whole number, when the read is one.
  std::optional<SliceCounters::CountCondition> countCondition_;
};

} // namespace slac::eval
