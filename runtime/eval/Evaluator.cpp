#include "eval/Evaluator.h"

#include "eval/PercentileValues.h"
#include "eval/QuantileSketch.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <fmt/format.h>
#include <map>
#include <set>

namespace slac::eval {

namespace {

constexpr std::int64_t kMicrosPerDay = 86'400'000'000;

// One record: its field values and, once computed, its lets.
struct Row {
  std::uint32_t stream = 0;
  std::uint64_t line = 0;
  std::int64_t eventTime = 0;
  std::vector<Value> fields;
  std::vector<Value> lets;
};

class RowInputs final : public ExprInputs {
public:
  explicit RowInputs(const Row& row) : row_(row) {}
  Value field(std::uint32_t slot) const override { return row_.fields.at(slot); }
  Value let(std::uint32_t slot) const override { return row_.lets.at(slot); }
  Value aggregate(std::uint32_t) const override { return Value::noData(); }

private:
  const Row& row_;
};

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
  double inexactSum = 0;
  bool inexact = false;
  std::unique_ptr<AggregateDetails> details;

  AggregateDetails& detailed();
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
  PercentileValues values;    // exact percentile: every value
  QuantileSketch sketch;      // percentile approx: bounded memory
  std::vector<Row> undecided; // ratio: records whose condition is unset
  std::map<std::int64_t, Scope> slices;
};

AggregateDetails& AggregateState::detailed() {
  if (!details)
    details = std::make_unique<AggregateDetails>();
  return *details;
}

struct GroupWindow {
  Window window;
  std::optional<std::string> group;
  Scope scope;
};

struct ObjectiveRef {
  std::uint32_t agreement;
  std::uint32_t objective;
};

// The aggregates a window expression reads directly (not those nested in
// slices, which belong to the slice's own expressions).
void collectLeaves(const plan::Expr* expr, std::vector<std::uint32_t>& leaves) {
  if (!expr)
    return;
  if (expr->kind == plan::ExprKind::Aggregate)
    leaves.push_back(expr->slot);
  for (const plan::Expr* operand : expr->operands)
    collectLeaves(operand, leaves);
}

bool sameMonthUnit(plan::PeriodUnit unit) {
  return unit == plan::PeriodUnit::Month || unit == plan::PeriodUnit::Quarter ||
         unit == plan::PeriodUnit::Year;
}

int monthsOf(plan::PeriodUnit unit) {
  return unit == plan::PeriodUnit::Year ? 12 : unit == plan::PeriodUnit::Quarter ? 3 : 1;
}

std::int64_t localMidnightOf(const ast::CivilDate& date, const date::time_zone& zone) {
  std::chrono::sys_days day{
      date::sys_days(date::year(date.year) / date::month(date.month) / date::day(date.day))};
  return periodStartingOn(day, plan::PeriodUnit::Day, zone).start;
}

} // namespace

struct Evaluator::State {
  const plan::Program& program;
  EvaluationOptions options;
  std::vector<calendar::Calendar> calendars;
  ExprInterpreter interpreter{calendars};
  std::vector<const date::time_zone*> zones; // per agreement
  std::vector<std::vector<ObjectiveRef>> objectivesOfStream;
  std::vector<std::vector<std::uint32_t>> leavesOfMetric;
  std::vector<std::vector<std::uint32_t>> leavesOfAggregate; // slices: filter and value leaves
  // Per agreement and objective: windows by (start, group).
  std::vector<std::vector<std::map<std::pair<std::int64_t, std::string>, GroupWindow>>> windows;
  std::vector<std::vector<std::deque<Row>>> rolling;
  std::vector<std::vector<std::set<std::string>>> groups;
  std::optional<std::int64_t> latestEvent;

  State(const plan::Program& plan, EvaluationOptions evaluation)
      : program(plan), options(evaluation) {}

  // ------------------------------------------------------------- records

  Row rowOf(const ingest::RecordBatch& batch, std::size_t index) const {
    const plan::Stream& stream = program.streams[batch.stream];
    Row row;
    row.stream = batch.stream;
    row.line = batch.lines[index];
    for (std::size_t column = 0; column < stream.fields.size(); ++column) {
      const ingest::Column& data = batch.columns[column];
      const plan::Type& type = stream.fields[column].type;
      if (!data.present.empty() && !data.present[index]) {
        row.fields.push_back(Value::unset());
        continue;
      }
      switch (type.kind) {
      case plan::TypeKind::Number:
        row.fields.push_back(Value::ofDouble(data.numbers[index]));
        break;
      case plan::TypeKind::String:
        row.fields.push_back(Value::ofText(data.strings[index]));
        break;
      case plan::TypeKind::Percent:
        row.fields.push_back(Value::of(Rational(data.integers[index], 1'000'000)));
        break;
      default:
        row.fields.push_back(Value::of(Rational(data.integers[index])));
        break;
      }
    }
    row.eventTime = static_cast<std::int64_t>(row.fields[stream.eventTime].exact.floor());
    return row;
  }

  // Computes the row's lets; with `judgedAt`, unset times are taken as not
  // having happened before that instant (brief §5: an unset optional is
  // decided at the evaluation instant).
  std::optional<std::string> computeLets(Row& row, std::optional<std::int64_t> judgedAt) const {
    const plan::Stream& stream = program.streams[row.stream];
    if (judgedAt)
      for (std::size_t column = 0; column < stream.fields.size(); ++column)
        if (stream.fields[column].type.is(plan::TypeKind::Time) && !row.fields[column].isSet())
          row.fields[column] = Value::of(Rational(*judgedAt));
    row.lets.clear();
    for (const plan::Let& let : stream.lets) {
      std::string error;
      Value value = interpreter.evaluate(*let.value, RowInputs(row), error);
      if (!error.empty())
        return fmt::format("`{}`: {}", let.name, error);
      row.lets.push_back(std::move(value));
    }
    return std::nullopt;
  }

  bool insideAgreement(const plan::Agreement& agreement, std::size_t index,
                       std::int64_t instant) const {
    const date::time_zone& zone = *zones[index];
    if (agreement.effectiveFrom && instant < localMidnightOf(*agreement.effectiveFrom, zone))
      return false;
    if (agreement.effectiveTo &&
        instant >= localMidnightOf(*agreement.effectiveTo, zone) + kMicrosPerDay)
      return false;
    return true;
  }

  std::vector<RecordError> feed(const ingest::RecordBatch& batch) {
    std::vector<RecordError> errors;
    const std::vector<ObjectiveRef>& objectives = objectivesOfStream[batch.stream];
    for (std::size_t index = 0; index < batch.size(); ++index) {
      Row row = rowOf(batch, index);
      bool covered = objectives.empty();
      for (const ObjectiveRef& ref : objectives)
        covered = covered ||
                  insideAgreement(program.agreements[ref.agreement], ref.agreement, row.eventTime);
      if (!covered) {
        errors.push_back({batch.stream, row.line, "outside_period",
                          fmt::format("the event time {} lies outside the effective period of "
                                      "every agreement that measures this stream",
                                      calendar::formatInstant(row.eventTime))});
        continue;
      }
      if (auto error = computeLets(row, std::nullopt)) {
        errors.push_back({batch.stream, row.line, "invalid_record", *error});
        continue;
      }
      latestEvent = std::max(latestEvent.value_or(row.eventTime), row.eventTime);
      for (const ObjectiveRef& ref : objectives)
        route(ref, row);
    }
    return errors;
  }

  // ------------------------------------------------------------- routing

  bool passesFilters(const plan::Objective& objective, std::int64_t instant) const {
    for (const plan::CalendarFilter& filter : objective.filters) {
      auto contains = calendars[filter.calendar].contains(instant);
      bool inside = std::holds_alternative<bool>(contains) && std::get<bool>(contains);
      if ((filter.mode == plan::CalendarFilter::Mode::During) != inside)
        return false;
    }
    return true;
  }

  std::optional<std::string> groupOf(const plan::Objective& objective, const plan::Metric& metric,
                                     const Row& row) const {
    if (objective.groupField.empty())
      return std::nullopt;
    auto position = std::find(metric.streams.begin(), metric.streams.end(), row.stream);
    std::uint32_t column = objective.groupColumns[position - metric.streams.begin()];
    const Value& value = row.fields[column];
    const plan::Type& type = program.streams[row.stream].fields[column].type;
    if (!value.isSet())
      return std::string();
    if (type.is(plan::TypeKind::String))
      return value.text;
    if (type.is(plan::TypeKind::Enum))
      return program.enums[type.detail].cases.at(static_cast<std::size_t>(value.exact.floor()));
    return int128ToString(value.exact.floor());
  }

  void route(const ObjectiveRef& ref, const Row& row) {
    const plan::Agreement& agreement = program.agreements[ref.agreement];
    const plan::Objective& objective = agreement.objectives[ref.objective];
    if (!objective.period.unit) {
      // Rolling windows end at `at`, known only at the end: keep the
      // records of the last window length.
      std::deque<Row>& kept = rolling[ref.agreement][ref.objective];
      kept.push_back(row);
      std::int64_t horizon = options.at.value_or(*latestEvent) - objective.period.rollingMicros;
      while (!kept.empty() && kept.front().eventTime < horizon)
        kept.pop_front();
      return;
    }
    Window window = periodContaining(row.eventTime, *objective.period.unit, *zones[ref.agreement]);
    addToWindow(ref, window, row);
  }

  void addToWindow(const ObjectiveRef& ref, const Window& window, const Row& row) {
    const plan::Agreement& agreement = program.agreements[ref.agreement];
    const plan::Objective& objective = agreement.objectives[ref.objective];
    const plan::Metric& metric = program.metrics[objective.metric];
    std::optional<std::string> group = groupOf(objective, metric, row);
    if (group)
      groups[ref.agreement][ref.objective].insert(*group);
    auto key = std::make_pair(window.start, group.value_or(""));
    GroupWindow& target = windows[ref.agreement][ref.objective][key];
    target.window = window;
    target.group = group;
    for (std::uint32_t leaf : leavesOfMetric[objective.metric])
      feedAggregate(target.scope, leaf, row, window.start, &objective);
  }

  void feedAggregate(Scope& scope, std::uint32_t index, const Row& row, std::int64_t origin,
                     const plan::Objective* filtering) {
    const plan::Aggregate& aggregate = program.aggregates[index];
    if (aggregate.stream == plan::kNoSlot) {
      std::int64_t slice = (row.eventTime - origin) / aggregate.sliceMicros;
      Scope& sliceScope = scope.at(index).detailed().slices[slice];
      for (std::uint32_t leaf : leavesOfAggregate[index])
        feedAggregate(sliceScope, leaf, row, origin, nullptr);
      return;
    }
    if (aggregate.stream != row.stream)
      return;
    if (filtering && !passesFilters(*filtering, row.eventTime))
      return;
    AggregateState& state = scope.at(index);
    ++state.seen;
    std::string error;
    RowInputs inputs(row);
    if (aggregate.filter) {
      Value condition = interpreter.evaluate(*aggregate.filter, inputs, error);
      if (!condition.isSet()) {
        if (aggregate.kind == plan::AggregateKind::Ratio)
          state.detailed().undecided.push_back(row);
        return;
      }
      if (!condition.truth()) {
        if (aggregate.kind == plan::AggregateKind::Ratio)
          ++state.bad;
        return;
      }
    }
    ++state.count;
    if (aggregate.kind == plan::AggregateKind::Ratio) {
      ++state.good;
      return;
    }
    if (!aggregate.value)
      return;
    Value value = interpreter.evaluate(*aggregate.value, inputs, error);
    if (!value.isSet())
      return;
    addValue(state, aggregate, std::move(value));
  }

  static void addValue(AggregateState& state, const plan::Aggregate& aggregate, Value value) {
    ++state.valueCount;
    switch (aggregate.kind) {
    case plan::AggregateKind::Sum:
    case plan::AggregateKind::Mean:
      if (value.inexact) {
        state.inexact = true;
        state.inexactSum += value.number;
      } else {
        state.exactSum = state.exactSum + value.exact;
        state.inexactSum += value.exact.toDouble();
      }
      break;
    case plan::AggregateKind::Min:
      if (auto& minimum = state.detailed().minimum;
          !minimum || compareValues(plan::Comparison::Lt, value, *minimum))
        minimum = value;
      break;
    case plan::AggregateKind::Max:
      if (auto& maximum = state.detailed().maximum;
          !maximum || compareValues(plan::Comparison::Gt, value, *maximum))
        maximum = value;
      break;
    default:
      if (aggregate.approx)
        state.detailed().sketch.add(value.toDouble());
      else
        state.detailed().values.add(value);
      break;
    }
  }

  // ------------------------------------------------------------- judging

  struct Outcomes {
    std::int64_t good = 0;
    std::int64_t bad = 0;
    std::int64_t pending = 0;
  };

  // A ratio's successes and misses, with its undecided records judged at
  // `at`: a record whose condition is already false when every unset time
  // is taken as `at` (it has not happened yet) is a miss; else pending.
  Outcomes ratioOutcomes(const AggregateState& state, const plan::Aggregate& aggregate,
                         std::int64_t at) const {
    Outcomes outcomes{state.good, state.bad, 0};
    if (!state.details)
      return outcomes;
    for (const Row& undecided : state.details->undecided) {
      Row judged = undecided;
      std::string error;
      Value condition = Value::unset();
      if (!computeLets(judged, at))
        condition = interpreter.evaluate(*aggregate.filter, RowInputs(judged), error);
      if (condition.isSet() && !condition.truth())
        ++outcomes.bad;
      else
        ++outcomes.pending;
    }
    return outcomes;
  }

  class ScopeInputs final : public ExprInputs {
  public:
    ScopeInputs(const State& state, const Scope* scope, const Window& window,
                const plan::Objective* objective, std::int64_t at, std::int64_t& pending)
        : state_(state), scope_(scope), window_(window), objective_(objective), at_(at),
          pending_(pending) {}
    Value field(std::uint32_t) const override { return Value::noData(); }
    Value let(std::uint32_t) const override { return Value::noData(); }
    Value aggregate(std::uint32_t slot) const override {
      return state_.aggregateValue(scope_, slot, window_, objective_, at_, pending_, nullptr);
    }

  private:
    const State& state_;
    const Scope* scope_;
    Window window_;
    const plan::Objective* objective_;
    std::int64_t at_;
    std::int64_t& pending_;
  };

  Value aggregateValue(const Scope* scope, std::uint32_t index, const Window& window,
                       const plan::Objective* objective, std::int64_t at, std::int64_t& pending,
                       Outcomes* outcomesOut) const {
    const plan::Aggregate& aggregate = program.aggregates[index];
    const AggregateState* state = nullptr;
    if (scope)
      state = scope->find(index);
    if (aggregate.stream == plan::kNoSlot)
      return slicesValue(state, aggregate, window, objective, at, pending, outcomesOut);
    if (!state)
      return Value::noData();
    switch (aggregate.kind) {
    case plan::AggregateKind::Count:
      return state->seen == 0 ? Value::noData() : Value::of(Rational(state->count));
    case plan::AggregateKind::Ratio: {
      Outcomes outcomes = ratioOutcomes(*state, aggregate, at);
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
      if (state->inexact)
        return Value::ofDouble(mean ? state->inexactSum / static_cast<double>(state->valueCount)
                                    : state->inexactSum);
      return Value::of(mean ? state->exactSum / count : state->exactSum);
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
      return state->details->values.size() == 0
                 ? Value::noData()
                 : state->details->values.nearestRank(aggregate.rank);
    }
    return Value::noData();
  }

  // Within QuantileSketch::kRelativeAccuracy of the exact nearest rank;
  // integral types (durations, instants, ints) are rounded to their unit.
  static Value approximatePercentile(const QuantileSketch& sketch,
                                     const plan::Aggregate& aggregate) {
    if (sketch.count() == 0)
      return Value::noData();
    Rational position =
        Rational::ofDecimal(aggregate.rank) * Rational(sketch.count()) / Rational(100);
    std::int64_t rank = static_cast<std::int64_t>(
        std::clamp<Int128>(position.ceil(), 1, static_cast<Int128>(sketch.count())));
    double value = sketch.valueAtRank(rank);
    if (aggregate.type.is(plan::TypeKind::Number))
      return Value::ofDouble(value);
    return Value::of(Rational(static_cast<Int128>(std::llround(value))));
  }

  // An aggregate over the slices of a window: each slice that has begun by
  // `at` and whose start passes the objective's calendars counts; one
  // without records follows `missing`.
  Value slicesValue(const AggregateState* state, const plan::Aggregate& aggregate,
                    const Window& window, const plan::Objective* objective, std::int64_t at,
                    std::int64_t& pending, Outcomes* outcomesOut) const {
    std::int64_t end = std::min(window.end, at);
    std::int64_t slices = end <= window.start ? 0
                                              : (end - window.start + aggregate.sliceMicros - 1) /
                                                    aggregate.sliceMicros;
    Outcomes outcomes;
    std::vector<Value> values;
    bool percentValues = aggregate.value && aggregate.value->type.is(plan::TypeKind::Percent);
    for (std::int64_t slice = 0; slice < slices; ++slice) {
      std::int64_t start = window.start + slice * aggregate.sliceMicros;
      if (objective && !passesFilters(*objective, start))
        continue;
      const Scope* sliceScope = nullptr;
      if (state && state->details)
        if (auto found = state->details->slices.find(slice); found != state->details->slices.end())
          sliceScope = &found->second;
      Window sliceWindow{start, start + aggregate.sliceMicros};
      std::optional<bool> good;
      std::optional<Value> value;
      if (sliceScope) {
        std::string error;
        ScopeInputs inputs(*this, sliceScope, sliceWindow, nullptr, at, pending);
        if (aggregate.filter) {
          Value condition = interpreter.evaluate(*aggregate.filter, inputs, error);
          if (condition.isSet())
            good = condition.truth();
        } else {
          good = true;
        }
        if (aggregate.value && good.value_or(false)) {
          Value computed = interpreter.evaluate(*aggregate.value, inputs, error);
          if (computed.isSet())
            value = computed;
        }
      }
      bool missing = aggregate.value ? !value.has_value() : !good.has_value();
      if (missing) {
        if (aggregate.missing == plan::MissingSlices::Skip)
          continue;
        bool counted = aggregate.missing == plan::MissingSlices::Good;
        good = counted;
        if (aggregate.value) {
          if (!percentValues)
            continue;
          value = Value::of(Rational(counted ? 100 : 0));
        }
      }
      if (aggregate.value) {
        values.push_back(*value);
      } else {
        ++(*good ? outcomes.good : outcomes.bad);
      }
    }
    if (outcomesOut)
      *outcomesOut = outcomes;
    switch (aggregate.kind) {
    case plan::AggregateKind::Count:
      return slices == 0 ? Value::noData() : Value::of(Rational(outcomes.good));
    case plan::AggregateKind::Ratio: {
      std::int64_t decided = outcomes.good + outcomes.bad;
      return decided == 0 ? Value::noData() : Value::of(Rational(100 * outcomes.good, decided));
    }
    case plan::AggregateKind::Percentile: {
      PercentileValues sliceValues;
      for (const Value& value : values)
        sliceValues.add(value);
      return values.empty() ? Value::noData() : sliceValues.nearestRank(aggregate.rank);
    }
    default:
      break;
    }
    if (values.empty())
      return Value::noData();
    Value result = values.front();
    Rational sum;
    double inexactSum = 0;
    bool inexact = false;
    for (const Value& value : values) {
      inexact = inexact || value.inexact;
      inexactSum += value.toDouble();
      if (!value.inexact)
        sum = sum + value.exact;
      if (aggregate.kind == plan::AggregateKind::Min &&
          compareValues(plan::Comparison::Lt, value, result))
        result = value;
      if (aggregate.kind == plan::AggregateKind::Max &&
          compareValues(plan::Comparison::Gt, value, result))
        result = value;
    }
    if (aggregate.kind == plan::AggregateKind::Min || aggregate.kind == plan::AggregateKind::Max)
      return result;
    double count = static_cast<double>(values.size());
    if (aggregate.kind == plan::AggregateKind::Mean)
      return inexact ? Value::ofDouble(inexactSum / count)
                     : Value::of(sum / Rational(static_cast<Int128>(values.size())));
    return inexact ? Value::ofDouble(inexactSum) : Value::of(sum);
  }

  // ------------------------------------------------------------- money

  // The fee of a window: whole months scale by months (a quarter is three
  // monthly fees), anything else pro rata by time within the fee's period.
  std::optional<Rational> feeFor(std::size_t agreementIndex, const Window& window,
                                 std::optional<plan::PeriodUnit> unit) const {
    const plan::Agreement& agreement = program.agreements[agreementIndex];
    if (!agreement.fee)
      return std::nullopt;
    Rational fee = Rational::ofDecimal(agreement.fee->amount);
    if (unit && sameMonthUnit(*unit) && sameMonthUnit(agreement.fee->per))
      return fee * Rational(monthsOf(*unit), monthsOf(agreement.fee->per));
    Window period = periodContaining(window.start, agreement.fee->per, *zones[agreementIndex]);
    return fee * Rational(window.end - window.start, period.end - period.start);
  }

  Amount amountFor(std::size_t agreementIndex, const plan::Amount& amount, const Window& window,
                   std::optional<plan::PeriodUnit> unit) const {
    Rational value = Rational::ofDecimal(amount.value);
    if (!amount.percentOfFee)
      return {value, false, amount.currency};
    const plan::Agreement& agreement = program.agreements[agreementIndex];
    if (auto fee = feeFor(agreementIndex, window, unit))
      return {*fee * value / Rational(100), false, agreement.fee->currency};
    return {value, true, 0};
  }

  static bool passesLimit(const plan::TierLimit& limit, const Value& value) {
    Value threshold = valueOfConstant({}, limit.threshold);
    switch (limit.bound) {
    case plan::TierBound::Below:
      return compareValues(plan::Comparison::Lt, value, threshold);
    case plan::TierBound::AtOrBelow:
      return compareValues(plan::Comparison::Le, value, threshold);
    case plan::TierBound::Above:
      return compareValues(plan::Comparison::Gt, value, threshold);
    case plan::TierBound::AtOrAbove:
      return compareValues(plan::Comparison::Ge, value, threshold);
    }
    return false;
  }

  RemedyResult judgeRemedy(std::size_t agreementIndex, const plan::Remedy& remedy,
                           const plan::Objective& objective, const ObjectiveWindow& judged) const {
    RemedyResult result;
    result.remedy = remedy.name;
    Amount zero =
        amountFor(agreementIndex, {true, {0, 0}, 0}, judged.window, objective.period.unit);
    result.credit = zero;
    result.bonus = zero;
    if (judged.status != Status::Met && judged.status != Status::Breached)
      return result;
    // Tiers go by the value; a window met or breached by its `when no data`
    // policy has none, and only `per breach` applies to it.
    for (std::size_t i = 0; judged.value.isSet() && i < remedy.tiers.size(); ++i) {
      const plan::Tier& tier = remedy.tiers[i];
      if (!passesLimit(tier.limit, judged.value) ||
          (tier.otherLimit && !passesLimit(*tier.otherLimit, judged.value)))
        continue;
      Amount amount = amountFor(agreementIndex, tier.amount, judged.window, objective.period.unit);
      Amount& target = tier.payout == plan::Payout::Credit ? result.credit : result.bonus;
      if (amount.value > target.value) {
        target = amount;
        if (tier.payout == plan::Payout::Credit)
          result.tier = i;
      }
    }
    if (judged.status == Status::Breached)
      for (const auto& [payout, planned] : remedy.perBreach) {
        Amount amount = amountFor(agreementIndex, planned, judged.window, objective.period.unit);
        Amount& target = payout == plan::Payout::Credit ? result.credit : result.bonus;
        target = {target.value + amount.value, amount.percentOfFee, amount.currency};
        result.perBreach = true;
      }
    if (remedy.cap) {
      Amount cap = amountFor(agreementIndex, *remedy.cap, judged.window, objective.period.unit);
      if (result.credit.value > cap.value) {
        result.credit = cap;
        result.capped = true;
      }
    }
    return result;
  }

  // ------------------------------------------------------------- windows

  ObjectiveWindow judge(const ObjectiveRef& ref, const GroupWindow* data, const Window& window,
                        const std::optional<std::string>& group, std::int64_t at) const {
    const plan::Agreement& agreement = program.agreements[ref.agreement];
    const plan::Objective& objective = agreement.objectives[ref.objective];
    const plan::Metric& metric = program.metrics[objective.metric];
    ObjectiveWindow judged;
    judged.objective = objective.name;
    judged.objectiveIndex = ref.objective;
    judged.window = window;
    judged.group = group;
    const Scope* scope = data ? &data->scope : nullptr;
    std::string error;
    ScopeInputs inputs(*this, scope, window, &objective, at, judged.pendingRecords);
    judged.value = interpreter.evaluate(*metric.value, inputs, error);
    bool closed = window.end <= at;
    if (!judged.value.isSet()) {
      judged.value = Value::noData();
      judged.status = !closed                                            ? Status::Pending
                      : objective.noData == plan::NoDataPolicy::Met      ? Status::Met
                      : objective.noData == plan::NoDataPolicy::Breached ? Status::Breached
                                                                         : Status::NoData;
    } else if (!closed || judged.pendingRecords > 0) {
      judged.status = Status::Pending;
    } else {
      Value target = valueOfConstant(objective.targetType, objective.target);
      judged.status = compareValues(objective.comparison, judged.value, target) ? Status::Met
                                                                                : Status::Breached;
    }
    if (metric.value->kind == plan::ExprKind::Aggregate &&
        program.aggregates[metric.value->slot].kind == plan::AggregateKind::Ratio &&
        judged.value.isSet()) {
      Outcomes outcomes;
      std::int64_t ignored = 0;
      aggregateValue(scope, metric.value->slot, window, &objective, at, ignored, &outcomes);
      ErrorBudget budget;
      budget.total = outcomes.good + outcomes.bad;
      budget.misses = outcomes.bad;
      Rational target = Rational::ofDecimal(std::get<plan::Decimal>(objective.target));
      budget.allowedMisses = (Rational(100) - target) / Rational(100) * Rational(budget.total);
      if (!budget.allowedMisses.isZero())
        budget.remainingPercent =
            (budget.allowedMisses - Rational(budget.misses)) / budget.allowedMisses * Rational(100);
      judged.budget = budget;
    }
    for (const plan::Remedy& remedy : agreement.remedies)
      if (remedy.objective == ref.objective)
        judged.remedies.push_back(judgeRemedy(ref.agreement, remedy, objective, judged));
    return judged;
  }

  // The calendar windows of an objective to report: each agreement's
  // effective period (or the requested range) up to `at`; without an
  // effective period, from the first window with data.
  std::vector<Window> windowsToReport(const ObjectiveRef& ref, std::int64_t at) const {
    const plan::Agreement& agreement = program.agreements[ref.agreement];
    const plan::Objective& objective = agreement.objectives[ref.objective];
    const date::time_zone& zone = *zones[ref.agreement];
    const auto& seen = windows[ref.agreement][ref.objective];
    std::optional<std::int64_t> from = options.from;
    if (!from && agreement.effectiveFrom)
      from = localMidnightOf(*agreement.effectiveFrom, zone);
    if (!from && !seen.empty())
      from = seen.begin()->first.first;
    std::int64_t to = options.to.value_or(at);
    if (!options.to && agreement.effectiveTo)
      to = std::min(to, localMidnightOf(*agreement.effectiveTo, zone) + kMicrosPerDay);
    std::vector<Window> result;
    if (!from)
      return result;
    for (Window window = periodContaining(*from, *objective.period.unit, zone); window.start < to;
         window = periodAfter(window, *objective.period.unit, zone))
      result.push_back(window);
    return result;
  }

  void judgeObjective(const ObjectiveRef& ref, std::int64_t at, AgreementReport& report) {
    const plan::Objective& objective = program.agreements[ref.agreement].objectives[ref.objective];
    std::vector<std::optional<std::string>> groupList;
    if (objective.groupField.empty())
      groupList.push_back(std::nullopt);
    for (const std::string& group : groups[ref.agreement][ref.objective])
      groupList.push_back(group);
    std::vector<Window> windowList;
    if (objective.period.unit) {
      windowList = windowsToReport(ref, at);
    } else {
      Window window = rollingWindow(at, objective.period.rollingMicros);
      for (const Row& row : rolling[ref.agreement][ref.objective])
        if (window.contains(row.eventTime))
          addToWindow(ref, window, row);
      windowList.push_back(window);
    }
    const auto& seen = windows[ref.agreement][ref.objective];
    for (const std::optional<std::string>& group : groupList)
      for (const Window& window : windowList) {
        auto found = seen.find({window.start, group.value_or("")});
        report.windows.push_back(
            judge(ref, found == seen.end() ? nullptr : &found->second, window, group, at));
      }
  }

  void addCreditTotals(std::size_t agreementIndex, AgreementReport& report) const {
    const plan::Agreement& agreement = program.agreements[agreementIndex];
    const plan::CreditCap* cap = agreement.caps.empty() ? nullptr : &agreement.caps.front();
    plan::PeriodUnit unit = cap && cap->per ? *cap->per
                            : agreement.fee ? agreement.fee->per
                                            : plan::PeriodUnit::Month;
    std::map<std::pair<std::int64_t, std::string>, CreditTotal> totals;
    for (const ObjectiveWindow& judged : report.windows)
      for (const RemedyResult& remedy : judged.remedies) {
        Window period = periodContaining(judged.window.start, unit, *zones[agreementIndex]);
        CreditTotal& total = totals[{period.start, judged.group.value_or("")}];
        total.period = period;
        total.unit = unit;
        total.group = judged.group;
        total.beforeCap = {total.beforeCap.value + remedy.credit.value, remedy.credit.percentOfFee,
                           remedy.credit.currency};
      }
    for (auto& [key, total] : totals) {
      total.owed = total.beforeCap;
      if (cap) {
        Amount limit = amountFor(agreementIndex, cap->amount, total.period, unit);
        if (total.owed.value > limit.value) {
          total.owed = limit;
          total.capped = true;
        }
      }
      report.credits.push_back(total);
    }
  }

  void addTerminations(std::size_t agreementIndex, AgreementReport& report) const {
    const plan::Agreement& agreement = program.agreements[agreementIndex];
    for (const plan::Termination& termination : agreement.terminations) {
      const plan::Objective& objective = agreement.objectives[termination.objective];
      if (objective.period.unit != termination.unit)
        continue;
      std::map<std::string, std::int64_t> runs;
      std::set<std::string> granted;
      for (const ObjectiveWindow& judged : report.windows) {
        if (judged.objective != objective.name)
          continue;
        std::string group = judged.group.value_or("");
        std::int64_t& run = runs[group];
        run = judged.status == Status::Breached ? run + 1 : 0;
        if (run >= termination.consecutive && granted.insert(group).second)
          report.terminations.push_back({objective.name, judged.group, run, judged.window});
      }
    }
  }

  Report finish() {
    Report report;
    report.at = options.at.value_or(latestEvent.value_or(0));
    for (std::size_t a = 0; a < program.agreements.size(); ++a) {
      const plan::Agreement& agreement = program.agreements[a];
      AgreementReport agreementReport;
      agreementReport.name = agreement.name;
      agreementReport.title = agreement.title;
      for (std::size_t o = 0; o < agreement.objectives.size(); ++o)
        judgeObjective({static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(o)}, report.at,
                       agreementReport);
      addCreditTotals(a, agreementReport);
      addTerminations(a, agreementReport);
      report.agreements.push_back(std::move(agreementReport));
    }
    return report;
  }
};

const char* statusName(Status status) {
  switch (status) {
  case Status::Met:
    return "met";
  case Status::Breached:
    return "breached";
  case Status::NoData:
    return "no_data";
  case Status::Pending:
    return "pending";
  }
  return "?";
}

std::variant<std::unique_ptr<Evaluator>, std::string>
Evaluator::create(const plan::Program& program, EvaluationOptions options) {
  auto state = std::make_unique<State>(program, options);
  std::optional<std::int64_t> first;
  std::optional<std::int64_t> last;
  for (const plan::Agreement& agreement : program.agreements) {
    const date::time_zone* zone = nullptr;
    try {
      zone = date::locate_zone(agreement.zone);
    } catch (const std::runtime_error&) {
      return fmt::format("agreement `{}`: unknown time zone `{}`", agreement.name, agreement.zone);
    }
    state->zones.push_back(zone);
    if (agreement.effectiveFrom) {
      std::int64_t start = localMidnightOf(*agreement.effectiveFrom, *zone);
      first = std::min(first.value_or(start), start);
    }
    if (agreement.effectiveTo) {
      std::int64_t end = localMidnightOf(*agreement.effectiveTo, *zone) + kMicrosPerDay;
      last = std::max(last.value_or(end), end);
    }
  }
  // Tickets opened in the last days close later: a year of margin.
  std::int64_t from = first.value_or(946'684'800'000'000) - 2 * kMicrosPerDay;
  std::int64_t to = last.value_or(4'102'444'800'000'000 - 2 * kMicrosPerDay) + 366 * kMicrosPerDay;
  if (options.at)
    to = std::max(to, *options.at + kMicrosPerDay);
  for (const plan::Calendar& planned : program.calendars) {
    auto prepared = calendar::Calendar::prepare(planned.spec, from, to);
    if (auto* error = std::get_if<calendar::CalendarError>(&prepared))
      return fmt::format("calendar `{}`: {}", planned.name, error->message);
    state->calendars.push_back(std::move(std::get<calendar::Calendar>(prepared)));
  }
  state->objectivesOfStream.resize(program.streams.size());
  state->windows.resize(program.agreements.size());
  state->rolling.resize(program.agreements.size());
  state->groups.resize(program.agreements.size());
  for (std::size_t a = 0; a < program.agreements.size(); ++a) {
    const plan::Agreement& agreement = program.agreements[a];
    state->windows[a].resize(agreement.objectives.size());
    state->rolling[a].resize(agreement.objectives.size());
    state->groups[a].resize(agreement.objectives.size());
    for (std::size_t o = 0; o < agreement.objectives.size(); ++o)
      for (std::uint32_t stream : program.metrics[agreement.objectives[o].metric].streams)
        state->objectivesOfStream[stream].push_back(
            {static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(o)});
  }
  for (const plan::Metric& metric : program.metrics) {
    std::vector<std::uint32_t> leaves;
    collectLeaves(metric.value, leaves);
    state->leavesOfMetric.push_back(std::move(leaves));
  }
  for (const plan::Aggregate& aggregate : program.aggregates) {
    std::vector<std::uint32_t> leaves;
    if (aggregate.stream == plan::kNoSlot) {
      collectLeaves(aggregate.filter, leaves);
      collectLeaves(aggregate.value, leaves);
    }
    state->leavesOfAggregate.push_back(std::move(leaves));
  }
  return std::unique_ptr<Evaluator>(new Evaluator(std::move(state)));
}

Evaluator::Evaluator(std::unique_ptr<State> state) : state_(std::move(state)) {}
Evaluator::~Evaluator() = default;

std::vector<RecordError> Evaluator::feed(const ingest::RecordBatch& batch) {
  return state_->feed(batch);
}

Report Evaluator::finish() {
  return state_->finish();
}

} // namespace slac::eval
