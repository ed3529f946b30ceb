#include "eval/Judgement.h"

#include "eval/Remedies.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <tuple>
#include <utility>

namespace slac::eval {

bool passesFilters(const plan::Objective& objective,
                   const std::vector<calendar::Calendar>& calendars, std::int64_t instant,
                   std::string& error) {
  for (const plan::CalendarFilter& filter : objective.filters) {
    auto contains = calendars[filter.calendar].contains(instant);
    if (const auto* problem = std::get_if<calendar::CalendarError>(&contains)) {
      error = problem->message;
      return false;
    }
    if ((filter.mode == plan::CalendarFilter::Mode::During) != std::get<bool>(contains))
      return false;
  }
  return true;
}

struct Judgement::Outcomes {
  std::int64_t good = 0;
  std::int64_t bad = 0;
  std::int64_t pending = 0;
  // When set, slice ratios add the start of every bad slice.
  std::vector<std::int64_t>* badSlices = nullptr;
};

class Judgement::ScopeInputs final : public ExprInputs {
public:
  ScopeInputs(const Judgement& judgement, const Scope* scope, const Window& window,
              const plan::Objective* objective, std::int64_t at, std::int64_t& pending,
              std::string& error)
      : judgement_(judgement), scope_(scope), window_(window), objective_(objective), at_(at),
        pending_(pending), error_(error) {}
  Value field(std::uint32_t) const override { return Value::noData(); }
  Value let(std::uint32_t) const override { return Value::noData(); }
  Value aggregate(std::uint32_t slot) const override {
    return judgement_.aggregateValue(scope_, slot, window_, objective_, at_, pending_, nullptr,
                                     error_);
  }

private:
  const Judgement& judgement_;
  const Scope* scope_;
  Window window_;
  const plan::Objective* objective_;
  std::int64_t at_;
  std::int64_t& pending_;
  std::string& error_;
};

namespace {

// The bits set in `words`. x86-64's baseline has no instruction for it and
// std::popcount called libgcc for each word, two words for every 64 slices
// of a window (6 % of the instructions of judging a year of minute
// slices); on a processor with POPCNT it is one instruction a word. Chosen
// at run time, not by target_clones, whose resolver runs before
// ThreadSanitizer's runtime starts (as ingest/ChunkCutter.cpp found).
[[gnu::always_inline]] inline std::int64_t addedBits(const std::uint64_t* words,
                                                     std::size_t count) {
  std::int64_t bits = 0;
  for (std::size_t word = 0; word < count; ++word)
    bits += std::popcount(words[word]);
  return bits;
}

#if defined(__x86_64__)
[[gnu::target("popcnt")]] std::int64_t addedBitsWithPopcnt(const std::uint64_t* words,
                                                           std::size_t count) {
  return addedBits(words, count);
}
#endif

std::int64_t setBits(const std::uint64_t* words, std::size_t count) {
#if defined(__x86_64__)
  static const bool popcnt = __builtin_cpu_supports("popcnt");
  if (popcnt)
    return addedBitsWithPopcnt(words, count);
#endif
  return addedBits(words, count);
}

// An aggregate's value that overflowed is a data error of the window.
Value checkedAggregate(Rational value, const plan::Aggregate& aggregate, std::string& error) {
  if (!value.isOverflow())
    return Value::of(value);
  error = fmt::format("`{}` overflows: its exact result does not fit in 128-bit fractions",
                      plan::aggregateKindName(aggregate.kind));
  return Value::noData();
}

// Within QuantileSketch::kRelativeAccuracy of the exact nearest rank;
// integral types (durations, instants, ints) are rounded to their unit.
Value approximatePercentile(const QuantileSketch& sketch, const plan::Aggregate& aggregate) {
  if (sketch.count() == 0)
    return Value::noData();
  Rational position =
      Rational::ofDecimal(aggregate.rank) * Rational(sketch.count()) / Rational(100);
  std::int64_t rank = static_cast<std::int64_t>(
      std::clamp<Int128>(position.ceil(), 1, static_cast<Int128>(sketch.count())));
  double value = sketch.valueAtRank(rank);
  // Numbers and amounts to a millionth: the sketch is approximate by its
  // nature, and says so (docs/evaluation.md).
  if (aggregate.type.is(plan::TypeKind::Number) || aggregate.type.is(plan::TypeKind::Money))
    return Value::of(Rational(static_cast<Int128>(std::llround(value * 1e6)), 1'000'000));
  return Value::of(Rational(static_cast<Int128>(std::llround(value))));
}

} // namespace

Value Judgement::aggregateValue(const Scope* scope, std::uint32_t index, const Window& window,
                                const plan::Objective* objective, std::int64_t at,
                                std::int64_t& pending, Outcomes* outcomesOut,
                                std::string& error) const {
  const plan::Aggregate& aggregate = program_.aggregates[index];
  const AggregateState* state = nullptr;
  if (scope)
    state = scope->find(index);
  if (aggregate.stream == plan::kNoSlot)
    return slicesValue(state, aggregate, window, objective, at, pending, outcomesOut, error);
  bool coverage = aggregate.kind == plan::AggregateKind::Downtime ||
                  aggregate.kind == plan::AggregateKind::Uptime;
  // No interval in the window is no downtime.
  if (!state && !coverage)
    return Value::noData();
  switch (aggregate.kind) {
  case plan::AggregateKind::Downtime:
  case plan::AggregateKind::Uptime:
    return coverageValue(state, aggregate.kind, window, objective, at, error);
  case plan::AggregateKind::Count:
    return state->seen == 0 ? Value::noData() : Value::of(Rational(state->count));
  case plan::AggregateKind::Ratio: {
    Outcomes outcomes{state->good, state->bad, state->pending};
    pending += outcomes.pending;
    if (outcomesOut)
      *outcomesOut = outcomes;
    std::int64_t decided = outcomes.good + outcomes.bad;
    return decided == 0 ? Value::noData() : Value::of(Rational(100 * outcomes.good, decided));
  }
  case plan::AggregateKind::Sum:
  case plan::AggregateKind::Mean: {
    if (state->valueCount == 0)
      return Value::noData();
    Rational count(state->valueCount);
    bool mean = aggregate.kind == plan::AggregateKind::Mean;
    return checkedAggregate(mean ? state->exactSum / count : state->exactSum, aggregate, error);
  }
  case plan::AggregateKind::Min:
    return state->details ? state->details->minimum.value_or(Value::noData()) : Value::noData();
  case plan::AggregateKind::Max:
    return state->details ? state->details->maximum.value_or(Value::noData()) : Value::noData();
  case plan::AggregateKind::Percentile:
    if (!state->details)
      return Value::noData();
    if (aggregate.approx)
      return approximatePercentile(state->details->sketch, aggregate);
    return state->details->values.size() == 0 ? Value::noData()
                                              : state->details->values.nearestRank(aggregate.rank);
  }
  return Value::noData();
}

// Downtime: the time covered; uptime: the rest of the time measured, in
// percent. No data when no time is measured (a window that has not begun
// by `at`, or that its calendars_ leave empty).
Value Judgement::coverageValue(const AggregateState* state, plan::AggregateKind kind,
                               const Window& window, const plan::Objective* objective,
                               std::int64_t at, std::string& error) const {
  std::optional<Coverage> coverage = coverageOf(state, window, objective, at, error);
  if (!coverage || coverage->measured == 0)
    return Value::noData();
  if (kind == plan::AggregateKind::Downtime)
    return Value::of(Rational(coverage->covered));
  return Value::of(Rational(100 * (coverage->measured - coverage->covered), coverage->measured));
}

// The time an interval aggregate's records cover in the window and the
// time measured, under the objective's calendars_; unset on an error.
std::optional<Coverage> Judgement::coverageOf(const AggregateState* state, const Window& window,
                                              const plan::Objective* objective, std::int64_t at,
                                              std::string& error) const {
  std::vector<CoveredSpan> spans;
  if (state && state->details)
    spans = state->details->spans;
  static const std::vector<plan::CalendarFilter> kNoFilters;
  auto measured = measureCoverage(std::move(spans), window, at,
                                  objective ? objective->filters : kNoFilters, calendars_);
  if (auto* problem = std::get_if<std::string>(&measured)) {
    error = *problem;
    return std::nullopt;
  }
  return std::get<Coverage>(measured);
}

// An aggregate over the slices of a window: each slice that has begun by
// `at` and whose start passes the objective's calendars_ counts; one
// without records follows `missing`.
Value Judgement::slicesValue(const AggregateState* state, const plan::Aggregate& aggregate,
                             const Window& window, const plan::Objective* objective,
                             std::int64_t at, std::int64_t& pending, Outcomes* outcomesOut,
                             std::string& error) const {
  std::int64_t end = std::min(window.end, at);
  std::int64_t slices = end <= window.start ? 0
                                            : (end - window.start + aggregate.sliceMicros - 1) /
                                                  aggregate.sliceMicros;
  Outcomes outcomes;
  outcomes.badSlices = outcomesOut ? outcomesOut->badSlices : nullptr;
  // The slices' values, folded as they come (in slice order): all of them
  // for a percentile, the extreme, or the sum.
  std::int64_t valueCount = 0;
  PercentileValues sliceValues;
  std::optional<Value> extreme;
  Rational sum;
  bool percentValues = aggregate.value && aggregate.value->type.is(plan::TypeKind::Percent);
  const SliceCounters* dense =
      state && state->details ? state->details->denseSlices.get() : nullptr;
  const std::vector<std::uint32_t>& inner = accumulation_.sliceLeaves(
      static_cast<std::uint32_t>(&aggregate - program_.aggregates.data()));
  Scope denseScope; // a slice only kernels counted in, made from its counters
  // What the slice expressions read from a dense slice's counters directly.
  std::optional<SliceCounterRead> filterRead, valueRead;
  if (dense && aggregate.filter)
    filterRead = SliceCounterRead::of(*aggregate.filter, inner, program_);
  if (dense && aggregate.value)
    valueRead = SliceCounterRead::of(*aggregate.value, inner, program_);
  bool readsCounters =
      (!aggregate.filter || filterRead) && (!aggregate.value || valueRead) && dense;
  std::vector<FastCounters> counters(dense && !readsCounters ? inner.size() : 0);
  const std::map<std::int64_t, Scope>* interpreted =
      state && state->details && !state->details->slices.empty() ? &state->details->slices
                                                                 : nullptr;
  // Slices judged by a count or ratio of their counters alone.
  bool countsOnly = readsCounters && !interpreted && !aggregate.value;
  std::optional<SliceCalendars> sliceCalendars;
  if (objective && !objective->filters.empty() && slices > 0)
    sliceCalendars = SliceCalendars::over(objective->filters, calendars_, window.start, end);
  if (countsOnly)
    countSlices(dense, filterRead ? &*filterRead : nullptr, aggregate, objective, sliceCalendars,
                window.start, slices, outcomes, error);
  bool extremeOfCounters =
      readsCounters && !interpreted && !aggregate.filter && valueRead &&
      !valueRead->comparesToConstant() &&
      (aggregate.kind == plan::AggregateKind::Min || aggregate.kind == plan::AggregateKind::Max);
  if (extremeOfCounters) {
    extreme = countedExtreme(*dense, *valueRead, aggregate, objective, sliceCalendars, window.start,
                             slices, error);
    valueCount = extreme ? 1 : 0;
    countsOnly = true;
  }
  // Sums of missing slices' 100 %, added at once before the next value.
  std::int64_t missingHundreds = 0;
  // Without a record in any slice, every slice the calendars pass is
  // missing: counted a word at a time, not judged one by one (a month of
  // five-minute slices without requests is 8,928 of them). A percentile
  // of slices keeps its values one by one.
  bool noRecords = !dense && !interpreted;
  if (noRecords && !aggregate.value) {
    countSlices(nullptr, nullptr, aggregate, objective, sliceCalendars, window.start, slices,
                outcomes, error);
    countsOnly = true;
  } else if (noRecords && aggregate.kind != plan::AggregateKind::Percentile) {
    if (aggregate.missing != plan::MissingSlices::Skip && percentValues) {
      for (std::int64_t word = 0; word * 64 < slices; ++word)
        valueCount += std::popcount(passingSlices(objective, sliceCalendars, window.start, word,
                                                  aggregate.sliceMicros, slices, error));
      bool countedGood = aggregate.missing == plan::MissingSlices::Good;
      if (aggregate.kind == plan::AggregateKind::Sum || aggregate.kind == plan::AggregateKind::Mean)
        missingHundreds = countedGood ? valueCount : 0;
      else if (valueCount > 0)
        extreme = Value::of(Rational(countedGood ? 100 : 0));
    }
    countsOnly = true;
  }
  // A slice's value, outside the loop: made inside, its 96 bytes were
  // zeroed for every slice, most of the time of a year of five-minute
  // slices without requests (105,120 of them).
  std::optional<Value> value;
  for (std::int64_t slice = 0; slice < slices && !countsOnly; ++slice) {
    std::int64_t start = window.start + slice * aggregate.sliceMicros;
    if (objective && !(sliceCalendars ? sliceCalendars->passes(start)
                                      : passesFilters(*objective, calendars_, start, error)))
      continue;
    const Scope* sliceScope = nullptr;
    if (interpreted)
      if (auto found = interpreted->find(slice); found != interpreted->end())
        sliceScope = &found->second;
    std::optional<bool> good;
    value.reset();
    bool counted = !sliceScope && dense && dense->touched(slice);
    if (counted && readsCounters) {
      if (filterRead) {
        good = filterRead->holds(*dense, slice);
      } else {
        good = true;
      }
      if (valueRead && good.value_or(false))
        if (Value computed = valueRead->read(*dense, slice); computed.isSet())
          value = computed;
    } else if (counted) {
      dense->read(slice, counters.data());
      denseScope.aggregates.clear();
      for (std::size_t position = 0; position < inner.size(); ++position)
        accumulation_.fold(denseScope, inner[position], counters[position]);
      sliceScope = &denseScope;
    }
    Window sliceWindow{start, start + aggregate.sliceMicros};
    if (sliceScope) {
      ScopeInputs inputs(*this, sliceScope, sliceWindow, nullptr, at, pending, error);
      if (aggregate.filter) {
        Value condition = interpreter_.evaluate(*aggregate.filter, inputs, error);
        if (condition.isSet())
          good = condition.truth();
      } else {
        good = true;
      }
      if (aggregate.value && good.value_or(false)) {
        Value computed = interpreter_.evaluate(*aggregate.value, inputs, error);
        if (computed.isSet())
          value = computed;
      }
    }
    bool missing = aggregate.value ? !value.has_value() : !good.has_value();
    if (missing) {
      if (aggregate.missing == plan::MissingSlices::Skip)
        continue;
      bool countedGood = aggregate.missing == plan::MissingSlices::Good;
      good = countedGood;
      if (aggregate.value) {
        if (!percentValues)
          continue;
        if (aggregate.kind == plan::AggregateKind::Sum ||
            aggregate.kind == plan::AggregateKind::Mean) {
          ++valueCount;
          missingHundreds += countedGood ? 1 : 0;
          continue;
        }
        value = Value::of(Rational(countedGood ? 100 : 0));
      }
    }
    if (aggregate.value) {
      ++valueCount;
      bool min = aggregate.kind == plan::AggregateKind::Min;
      if (aggregate.kind == plan::AggregateKind::Percentile) {
        sliceValues.add(*value);
      } else if (min || aggregate.kind == plan::AggregateKind::Max) {
        if (!extreme ||
            compareValues(min ? plan::Comparison::Lt : plan::Comparison::Gt, *value, *extreme))
          extreme = *value;
      } else {
        sum = addedTimes(sum, 100, std::exchange(missingHundreds, 0)) + value->exact;
      }
    } else {
      ++(*good ? outcomes.good : outcomes.bad);
      if (!*good && outcomes.badSlices)
        outcomes.badSlices->push_back(start);
    }
  }
  sum = addedTimes(sum, 100, missingHundreds);
  if (outcomesOut)
    *outcomesOut = outcomes;
  switch (aggregate.kind) {
  case plan::AggregateKind::Count:
    return slices == 0 ? Value::noData() : Value::of(Rational(outcomes.good));
  case plan::AggregateKind::Ratio: {
    std::int64_t decided = outcomes.good + outcomes.bad;
    return decided == 0 ? Value::noData() : Value::of(Rational(100 * outcomes.good, decided));
  }
  case plan::AggregateKind::Percentile:
    return valueCount == 0 ? Value::noData() : sliceValues.nearestRank(aggregate.rank);
  default:
    break;
  }
  if (valueCount == 0)
    return Value::noData();
  if (aggregate.kind == plan::AggregateKind::Min || aggregate.kind == plan::AggregateKind::Max)
    return *extreme;
  if (aggregate.kind == plan::AggregateKind::Mean)
    return checkedAggregate(sum / Rational(static_cast<Int128>(valueCount)), aggregate, error);
  return checkedAggregate(sum, aggregate, error);
}

std::optional<Value>
Judgement::countedExtreme(const SliceCounters& dense, const SliceCounterRead& valueRead,
                          const plan::Aggregate& aggregate, const plan::Objective* objective,
                          std::optional<SliceCalendars>& sliceCalendars, std::int64_t windowStart,
                          std::int64_t slices, std::string& error) const {
  using Fraction = SliceCounterRead::Fraction;
  bool least = aggregate.kind == plan::AggregateKind::Min;
  // As slicesValue: a slice without a value counts as 100 % or 0 % when
  // the values are percentages and `missing` says good or bad; else it is
  // skipped. The extreme of equal values is the same number, whichever
  // slice gave it, so the slices may be folded in any order.
  std::optional<Fraction> missingValue;
  if (aggregate.missing != plan::MissingSlices::Skip &&
      aggregate.value->type.is(plan::TypeKind::Percent))
    missingValue = Fraction{aggregate.missing == plan::MissingSlices::Good ? 100 : 0, 1};
  std::optional<Fraction> extreme;
  auto fold = [&](const Fraction& value) {
    if (!extreme ||
        (least ? SliceCounterRead::less(value, *extreme) : SliceCounterRead::less(*extreme, value)))
      extreme = value;
  };
  for (std::int64_t word = 0; word * 64 < slices; ++word) {
    std::uint64_t passing = passingSlices(objective, sliceCalendars, windowStart, word,
                                          aggregate.sliceMicros, slices, error);
    std::uint64_t touched = dense.touchedWord(word) & passing;
    bool missing = (passing & ~touched) != 0;
    if (valueRead.foldFractions(dense, word, touched, fold))
      missing = true;
    if (missing && missingValue)
      fold(*missingValue);
  }
  if (!extreme)
    return std::nullopt;
  return Value::of(Rational(extreme->first, extreme->second));
}

// The slices of an aggregate judged by a count or ratio of their counters
// alone (slicesValue's countsOnly), 64 at a time: whether each passes the
// objective's calendars_, has records, and holds, as bits of a word.
std::uint64_t Judgement::passingSlices(const plan::Objective* objective,
                                       std::optional<SliceCalendars>& sliceCalendars,
                                       std::int64_t windowStart, std::int64_t word,
                                       std::int64_t width, std::int64_t slices,
                                       std::string& error) const {
  std::int64_t first = word * 64;
  int count = static_cast<int>(std::min<std::int64_t>(64, slices - first));
  std::int64_t start = windowStart + first * width;
  if (sliceCalendars)
    return sliceCalendars->passing(start, width, count);
  std::uint64_t passing = count == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << count) - 1;
  if (objective && !objective->filters.empty())
    passing &= passingOneByOne(*objective, start, width, count, error);
  return passing;
}

// Not inlined: in passingSlices its frame was most of the cost of every
// word that SliceCalendars answers.
[[gnu::noinline]] std::uint64_t Judgement::passingOneByOne(const plan::Objective& objective,
                                                           std::int64_t start, std::int64_t width,
                                                           int count, std::string& error) const {
  std::uint64_t passing = 0;
  for (int i = 0; i < count; ++i)
    if (passesFilters(objective, calendars_, start + i * width, error))
      passing |= std::uint64_t{1} << i;
  return passing;
}

void Judgement::countSlices(const SliceCounters* dense, const SliceCounterRead* filterRead,
                            const plan::Aggregate& aggregate, const plan::Objective* objective,
                            std::optional<SliceCalendars>& sliceCalendars, std::int64_t windowStart,
                            std::int64_t slices, Outcomes& outcomes, std::string& error) const {
  std::int64_t width = aggregate.sliceMicros;
  // The condition's verdicts as SliceCounters keeps them (judged as the
  // slices were written), read a word at a time, when the slices'
  // condition is the one it keeps.
  bool keptVerdicts = dense && filterRead && filterRead->readsKeptVerdicts(*dense);
  // A chunk of words at a time, in buffers on the stack: the calendars'
  // verdicts on its slices, then its good and bad slices, counted together.
  constexpr std::int64_t kChunkWords = 256;
  std::array<std::uint64_t, kChunkWords> passingWords, goodWords, badWords;
  std::int64_t words = (slices + 63) / 64;
  for (std::int64_t chunk = 0; chunk < words; chunk += kChunkWords) {
    auto count = static_cast<std::size_t>(std::min(kChunkWords, words - chunk));
    if (sliceCalendars)
      sliceCalendars->passingWords(windowStart + chunk * 64 * width, width,
                                   std::min<std::int64_t>(kChunkWords * 64, slices - chunk * 64),
                                   passingWords.data());
    for (std::size_t i = 0; i < count; ++i) {
      std::int64_t word = chunk + static_cast<std::int64_t>(i);
      std::uint64_t passing = sliceCalendars ? passingWords[i]
                                             : passingSlices(objective, sliceCalendars, windowStart,
                                                             word, width, slices, error);
      std::uint64_t decided = dense ? dense->touchedWord(word) & passing : 0;
      std::uint64_t good = decided;
      if (keptVerdicts) {
        SliceCounters::Verdicts kept = dense->verdicts(word);
        decided &= kept.decided;
        good = kept.held & decided;
      } else if (filterRead) {
        SliceCounterRead::WordVerdict verdict = filterRead->holdsWord(*dense, word, decided);
        decided = verdict.decided;
        good = verdict.held;
      }
      // Slices without records, or whose records decide nothing, follow
      // `missing`.
      if (aggregate.missing == plan::MissingSlices::Good)
        good |= passing & ~decided;
      std::uint64_t counted = aggregate.missing == plan::MissingSlices::Skip ? decided : passing;
      goodWords[i] = good;
      badWords[i] = counted & ~good;
    }
    outcomes.good += setBits(goodWords.data(), count);
    outcomes.bad += setBits(badWords.data(), count);
    if (outcomes.badSlices)
      for (std::size_t i = 0; i < count; ++i)
        for (std::uint64_t bits = badWords[i]; bits != 0; bits &= bits - 1)
          outcomes.badSlices->push_back(
              windowStart +
              ((chunk + static_cast<std::int64_t>(i)) * 64 + std::countr_zero(bits)) * width);
  }
}

// The error budget of an objective on `uptime` (a target of p % allows
// (1 - p/100) x the measured time of downtime) or on `downtime <= d`
// (allows d); unset for other metrics.
std::optional<ErrorBudget> Judgement::downtimeBudget(const Scope* scope, std::uint32_t index,
                                                     const plan::Objective& objective,
                                                     const plan::ConstantValue& target,
                                                     const Window& window, std::int64_t at,
                                                     std::string& error) const {
  const plan::Aggregate& aggregate = program_.aggregates[index];
  bool upperBound =
      objective.comparison == plan::Comparison::Le || objective.comparison == plan::Comparison::Lt;
  if (aggregate.kind != plan::AggregateKind::Uptime &&
      (aggregate.kind != plan::AggregateKind::Downtime || !upperBound))
    return std::nullopt;
  std::optional<Coverage> coverage =
      coverageOf(scope ? scope->find(index) : nullptr, window, &objective, at, error);
  if (!coverage)
    return std::nullopt;
  ErrorBudget budget;
  budget.unit = ErrorBudget::Unit::Time;
  budget.total = coverage->measured;
  budget.misses = coverage->covered;
  budget.allowedMisses =
      aggregate.kind == plan::AggregateKind::Downtime
          ? Rational(std::get<std::int64_t>(target))
          : (Rational(100) - Rational::ofDecimal(std::get<plan::Decimal>(target))) / Rational(100) *
                Rational(coverage->measured);
  if (!budget.allowedMisses.isZero())
    budget.remainingPercent =
        (budget.allowedMisses - Rational(budget.misses)) / budget.allowedMisses * Rational(100);
  return budget;
}

// The misses kept for the window's metric when it is one aggregate: the
// records noted while feeding, or the bad slices; none for other metrics.
std::optional<WindowMisses> Judgement::missesOf(const Scope* scope, const plan::Metric& metric,
                                                const Window& window,
                                                const plan::Objective* objective, std::int64_t at,
                                                std::string& error) const {
  WindowMisses misses;
  if (metric.value->kind != plan::ExprKind::Aggregate)
    return std::nullopt;
  const plan::Aggregate& aggregate = program_.aggregates[metric.value->slot];
  if (aggregate.stream == plan::kNoSlot && aggregate.kind != plan::AggregateKind::Ratio)
    return std::nullopt;
  if (aggregate.stream != plan::kNoSlot && !listsMisses_[metric.value->slot])
    return std::nullopt;
  if (aggregate.stream == plan::kNoSlot) {
    Outcomes outcomes;
    outcomes.badSlices = &misses.times;
    std::int64_t ignored = 0;
    aggregateValue(scope, metric.value->slot, window, objective, at, ignored, &outcomes, error);
    misses.count = static_cast<std::int64_t>(misses.times.size());
    return misses;
  }
  const AggregateState* state = scope ? scope->find(metric.value->slot) : nullptr;
  if (aggregate.kind == plan::AggregateKind::Downtime ||
      aggregate.kind == plan::AggregateKind::Uptime)
    return intervalMisses(state, window, *objective, at, error);
  if (state && state->details)
    misses = state->details->misses;
  std::sort(misses.times.begin(), misses.times.end());
  return misses;
}

// The intervals that cover some of a window's measured time, by start,
// each with its own time covered; and the time they cover together.
std::optional<WindowMisses> Judgement::intervalMisses(const AggregateState* state,
                                                      const Window& window,
                                                      const plan::Objective& objective,
                                                      std::int64_t at, std::string& error) const {
  auto measured = measuredSpans(window, at, objective.filters, calendars_);
  if (auto* problem = std::get_if<std::string>(&measured)) {
    error = *problem;
    return std::nullopt;
  }
  const std::vector<CoveredSpan>& instants = std::get<std::vector<CoveredSpan>>(measured);
  WindowMisses misses;
  if (!state || !state->details)
    return misses;
  const AggregateDetails& details = *state->details;
  for (const CoveredSpan& span : coveredSpans(details.spans, instants))
    misses.downtime.push_back({span.start, span.end});
  std::vector<MissedRecord> contributed;
  for (std::size_t i = 0; i < details.spanRecords.size() && i < details.spans.size(); ++i) {
    std::int64_t covered = lengthOf(coveredSpans({details.spans[i]}, instants));
    if (covered == 0)
      continue;
    ++misses.count;
    contributed.push_back(*details.spanRecords[i]);
    contributed.back().covered = covered;
  }
  std::stable_sort(
      contributed.begin(), contributed.end(), [](const MissedRecord& a, const MissedRecord& b) {
        return std::tie(a.eventTime, a.source, a.line) < std::tie(b.eventTime, b.source, b.line);
      });
  if (contributed.size() > listedMisses_)
    contributed.resize(listedMisses_);
  misses.records = std::move(contributed);
  return misses;
}

void Judgement::judge(ObjectiveWindow& judged, const plan::Objective& objective,
                      const plan::Terms& terms, const AgreementWindows& windows, const Scope* scope,
                      std::int64_t at, std::string& error) const {
  const plan::Metric& metric = program_.metrics[objective.metric];
  const plan::Objective& inForce = terms.objectives[judged.objectiveIndex];
  const Window& window = judged.window;
  // A ratio metric's value and the outcomes of its error budget come from
  // one pass over its records or slices (a year of minute slices is
  // 525,600 of them).
  bool ratioMetric = metric.value->kind == plan::ExprKind::Aggregate &&
                     program_.aggregates[metric.value->slot].kind == plan::AggregateKind::Ratio;
  Outcomes outcomes;
  if (ratioMetric) {
    judged.value = aggregateValue(scope, metric.value->slot, window, &objective, at,
                                  judged.pendingRecords, &outcomes, error);
  } else {
    ScopeInputs inputs(*this, scope, window, &objective, at, judged.pendingRecords, error);
    judged.value = interpreter_.evaluate(*metric.value, inputs, error);
  }
  if (!error.empty())
    return;
  bool closed = window.end <= at;
  if (!judged.value.isSet()) {
    judged.value = Value::noData();
    judged.status = !closed                                          ? Status::Pending
                    : inForce.noData == plan::NoDataPolicy::Met      ? Status::Met
                    : inForce.noData == plan::NoDataPolicy::Breached ? Status::Breached
                                                                     : Status::NoData;
  } else if (!closed || judged.pendingRecords > 0) {
    judged.status = Status::Pending;
  } else {
    Value target = valueOfConstant(objective.targetType, judged.target);
    judged.status =
        compareValues(objective.comparison, judged.value, target) ? Status::Met : Status::Breached;
  }
  if (ratioMetric && judged.value.isSet()) {
    ErrorBudget budget;
    budget.total = outcomes.good + outcomes.bad;
    budget.misses = outcomes.bad;
    Rational target = Rational::ofDecimal(std::get<plan::Decimal>(judged.target));
    budget.allowedMisses = (Rational(100) - target) / Rational(100) * Rational(budget.total);
    if (!budget.allowedMisses.isZero())
      budget.remainingPercent =
          (budget.allowedMisses - Rational(budget.misses)) / budget.allowedMisses * Rational(100);
    judged.budget = budget;
  }
  if (metric.value->kind == plan::ExprKind::Aggregate && judged.value.isSet())
    if (auto budget =
            downtimeBudget(scope, metric.value->slot, objective, judged.target, window, at, error))
      judged.budget = budget;
  for (const plan::Remedy& remedy : terms.remedies)
    if (remedy.objective == judged.objectiveIndex)
      judged.remedies.push_back(judgeRemedy(windows, remedy, objective, terms.fee, judged));
  if (keepMisses_)
    judged.misses = missesOf(scope, metric, window, &inForce, at, error);
}

} // namespace slac::eval
