#include "eval/Evaluator.h"

#include "eval/Accumulators.h"
#include "eval/BatchGroups.h"
#include "eval/ClockPauses.h"
#include "eval/IntervalCoverage.h"
#include "eval/Judgement.h"
#include "eval/MemoryBudget.h"
#include "eval/Remedies.h"
#include "eval/SliceCounterReads.h"
#include "eval/SliceCounters.h"
#include "eval/Windows.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <deque>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace slac::eval {

namespace {

constexpr std::int64_t kMicrosPerDay = 86'400'000'000;

// What the record-level expressions of one aggregate give for a record:
// whether it is in a ratio's population and its `where` condition (each set
// true when there is none), and its value.
struct RecordOutcome {
  Value population = Value::of(Rational(1));
  Value condition = Value::of(Rational(1));
  Value value = Value::unset();
};

struct JudgedRecord;

// One record: its field values, its lets, and what each aggregate over its
// stream makes of it (by index in Program::aggregates), all computed once,
// before the record touches any window: a record that one expression
// refuses is refused whole (brief §7).
struct Row {
  std::uint32_t stream = 0;
  std::uint32_t source = 0;
  std::uint64_t line = 0;
  std::int64_t eventTime = 0;
  std::vector<Value> fields;
  std::vector<Value> lets;
  std::vector<RecordOutcome> outcomes;
  // A record some ratio cannot decide yet, fed when `at` is known: the
  // record judged at `at`, once for all its windows (State::judgesWhenFed).
  std::shared_ptr<JudgedRecord> judged;
};

// A record judged at the evaluation instant: computed again with every
// unset time taken as `at`, or the error that refuses it then (reported
// once, however many ratios read it).
struct JudgedRecord {
  Row row;
  std::optional<std::string> error;
  bool reported = false;
};

// A record of an interval stream, kept until `at` is known: what routing
// it to its windows needs, about 80 bytes instead of a whole Row.
struct IntervalRecord {
  std::int64_t start = 0;
  std::int64_t end = 0; // kOpenEnd while the interval is open
  std::uint32_t group = 0;
  // The aggregates of the objective's metric over the stream whose
  // condition holds for the record.
  std::vector<std::uint32_t> matching;
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

struct GroupWindow {
  Window window;
  Scope scope;
  // What a compiled kernel counted here, one per leaf of the metric; folded
  // into `scope` when the records are all in (settle).
  std::vector<FastCounters> fast;
  std::vector<std::vector<std::int64_t>> fastValues; // exact percentiles, per leaf
  // Per leaf over slices (null for other leaves): what kernels counted in
  // each slice (KernelRoute::sliceLeaves).
  std::vector<std::unique_ptr<SliceCounters>> sliceCounts;
};

// What the extern "C" entry points of RecordKernel.h call.
class KernelHost {
public:
  virtual void slowRecord(const ingest::RecordBatch& batch, std::uint64_t row) = 0;
  virtual FastCounters* locate(std::uint32_t route, const ingest::RecordBatch& batch,
                               std::uint64_t row, std::int64_t eventTime) = 0;
  virtual SliceRun* locateSlice(std::uint32_t route, std::uint32_t leaf,
                                const ingest::RecordBatch& batch, std::uint64_t row,
                                std::int64_t eventTime) = 0;
  virtual void addSlice(std::uint32_t route, std::uint32_t leaf, const ingest::RecordBatch& batch,
                        std::int64_t slice, const FastCounters* counters) = 0;
  virtual void addValue(FastCounters& counters, std::int64_t value) = 0;
  virtual void slowRoute(std::uint32_t route, const ingest::RecordBatch& batch,
                         std::uint64_t row) = 0;
  virtual std::int64_t judge(const ingest::RecordBatch& batch, std::uint64_t row) = 0;

protected:
  ~KernelHost() = default;
};

// The values of `per FIELD` seen in the data, each kept once and named by a
// dense id, so that a window of a group costs its aggregates and not a copy
// of the group's name per objective (docs/evaluation.md, "Memory").
class GroupNames {
public:
  static constexpr std::uint32_t kNone = ~std::uint32_t{0}; // an objective without `per`

  std::uint32_t intern(std::string_view name) {
    if (auto found = ids_.find(name); found != ids_.end())
      return found->second;
    const std::string& kept = names_.emplace_back(name);
    auto id = static_cast<std::uint32_t>(names_.size() - 1);
    ids_.emplace(kept, id);
    return id;
  }
  // A group of `per customer, region`: named by its values joined with
  // " / " (docs/evaluation.md), each value kept for the class of its target.
  std::uint32_t intern(const std::vector<std::string>& values) {
    if (values.size() == 1)
      return intern(values.front());
    std::uint32_t id = intern(fmt::format("{}", fmt::join(values, kValueSeparator)));
    parts_.try_emplace(id, values);
    return id;
  }
  const std::string& name(std::uint32_t id) const { return names_[id]; }
  // The value of the `field`th group field (of several) of group `id`.
  const std::string& value(std::uint32_t id, std::uint32_t field) const {
    auto found = parts_.find(id);
    return found == parts_.end() ? names_[id] : found->second[field];
  }
  const std::vector<std::string>* values(std::uint32_t id) const {
    auto found = parts_.find(id);
    return found == parts_.end() ? nullptr : &found->second;
  }
  std::size_t size() const { return names_.size(); }

  static constexpr std::string_view kValueSeparator = " / ";

private:
  std::deque<std::string> names_; // a deque keeps the views in ids_ valid
  std::unordered_map<std::string_view, std::uint32_t> ids_;
  std::unordered_map<std::uint32_t, std::vector<std::string>> parts_; // of several fields
};

// The groups one objective has seen, in first-seen order.
struct SeenGroups {
  std::vector<std::uint32_t> ids;
  std::vector<bool> seen; // by group id

  void add(std::uint32_t id) {
    if (id >= seen.size())
      seen.resize(std::max<std::size_t>(id + 1, seen.size() * 2));
    if (!seen[id]) {
      seen[id] = true;
      ids.push_back(id);
    }
  }
};

struct ObjectiveRef {
  std::uint32_t agreement;
  std::uint32_t objective;
};

// Which routes' groups a kernel counts (kernelGroupsRoute), and for each
// the route whose ids of rows it shares: the first grouping by the same
// columns. Others get plan::kNoSlot.
std::vector<std::uint32_t> groupIdsOwnersOf(const plan::Stream& stream,
                                            const std::vector<KernelRoute>& routes) {
  std::vector<std::uint32_t> owners(routes.size(), plan::kNoSlot);
  for (std::uint32_t r = 0; r < routes.size(); ++r) {
    const KernelRoute& route = routes[r];
    if (!route.grouped || !kernelGroupsRoute(stream, route))
      continue;
    owners[r] = r;
    for (std::uint32_t earlier = 0; earlier < r; ++earlier)
      if (owners[earlier] == earlier && routes[earlier].groupColumns == route.groupColumns) {
        owners[r] = earlier;
        break;
      }
  }
  return owners;
}

} // namespace

struct Evaluator::State final : KernelHost {
  const plan::Program& program;
  EvaluationOptions options;
  std::vector<calendar::Calendar> calendars;
  // By index in Program::pauseSources: the status changes read so far.
  std::vector<ClockPauses> pauses;
  ExprInterpreter interpreter{calendars, &pauses};
  std::vector<AgreementWindows> agreementWindows; // per agreement
  // Per agreement: the event times of its first and last records.
  std::vector<std::optional<std::int64_t>> firstEvent;
  std::vector<std::optional<std::int64_t>> lastEvent;
  std::vector<std::vector<ObjectiveRef>> objectivesOfStream;
  // Per stream, per field: whether the evaluation reads it (readFields());
  // a reader may leave the other columns empty.
  std::vector<std::vector<bool>> fieldsRead;
  // Per stream, per field: whether an undecided record keeps it to be
  // judged at the evaluation instant (computedFields(): a million tickets
  // with 2.5 % open kept 0.8 MB of their customers' names).
  std::vector<std::vector<bool>> fieldsKept;
  std::vector<std::vector<std::uint32_t>> aggregatesOfStream; // with a record-level part
  std::vector<std::vector<std::uint32_t>> judgedRatiosOf;     // per stream: judgedRatios
  std::vector<std::vector<std::uint32_t>> leavesOfMetric;
  Accumulation accumulation{program};
  // By aggregate: a metric's whole value, over records, whose misses are
  // kept with EvaluationOptions::keepMisses.
  std::vector<bool> listsMisses;
  // Judges each window in finish(): it reads the windows, never changes them.
  Judgement judgement{program,     calendars,          interpreter,         accumulation,
                      listsMisses, options.keepMisses, options.listedMisses};
  // Per agreement and objective: windows by (start, group).
  std::vector<std::vector<std::map<std::pair<std::int64_t, std::uint32_t>, GroupWindow>>> windows;
  std::vector<std::vector<std::deque<Row>>> rolling;
  // Per agreement and objective: the records of interval streams, routed
  // to every window they overlap once `at` is known (settle).
  std::vector<std::vector<std::vector<IntervalRecord>>> intervals;
  // With EvaluationOptions::keepMisses, by the same indexes: each interval
  // record's record for `--explain` (null when no condition held), shared
  // by its objectives and windows. Apart, so that an evaluation without
  // `--explain` pays nothing for it.
  std::vector<std::vector<std::vector<std::shared_ptr<const MissedRecord>>>> intervalIdentities;
  GroupNames groupNames;
  std::vector<std::vector<SeenGroups>> groups;
  std::optional<std::int64_t> latestEvent;
  std::uint64_t recordsAfterAt = 0;
  bool settled = false;
  MemoryBudget memoryBudget;
  // Compiled kernels (one per stream, null where the interpreter reads it),
  // the objectives each reads for, and the window each route found last.
  CompiledKernels compiled;
  std::vector<std::vector<KernelRoute>> kernelRoutes;
  std::vector<std::vector<RouteCache>> routeCaches;
  std::vector<RecordError>* kernelErrors = nullptr; // of the batch a kernel runs on
  // Per stream, route and group id: the counters of the window found last.
  struct GroupCounters {
    std::int64_t start = INT64_MIN;
    GroupWindow* window = nullptr;
  };
  std::vector<std::vector<std::vector<GroupCounters>>> groupCounters;
  // The same windows as the kernels read them (KernelFrame::groupCaches),
  // by stream, route and group id.
  std::vector<std::vector<std::vector<RouteCache>>> groupCaches;
  // Per stream and route whose groups a kernel counts: the route whose ids
  // of rows it reads (itself, or the first route grouping by the same
  // columns); plan::kNoSlot for the other routes.
  std::vector<std::vector<std::uint32_t>> groupIdsOwners;
  BatchGroups batchGroups;
  // Per stream, route and leaf over slices: the run of slices a kernel
  // counts in (SliceRun), added to the window's SliceCounters when the
  // kernel moves to another run.
  struct SliceScratch {
    GroupWindow* window = nullptr; // null: no run
    std::uint32_t leaf = 0;        // in the route
    std::uint32_t aggregate = 0;   // the leaf's aggregate (over slices)
    std::int64_t first = 0;        // the run's first slice in the window
    SliceRun run;
    std::vector<FastCounters> counters; // SliceRun::kSlices × the leaf's sliceLeaves
    // Counted in 8 bits (kernelCountsSlicesIn8Bits): SliceRun::kSlices ×
    // the fields of the leaf's sliceLeaves, instead of `counters`.
    std::vector<std::uint8_t> fields;
  };
  std::vector<std::vector<std::vector<SliceScratch>>> sliceScratch;
  std::string numberName; // cellName's text of a whole-number group value
  struct KernelBuffers {
    std::vector<const void*> values;
    std::vector<const std::uint8_t*> present;
    std::vector<std::int64_t> first;
    std::vector<std::int64_t> last;
    // Per route with groups: the key of each row of the batch (unless the
    // reader's codes are the keys) and the group of each key.
    std::vector<std::vector<std::uint32_t>> rowKeys;
    std::vector<std::vector<std::uint32_t>> keyGroups;
    std::vector<const std::uint32_t*> groupKeys;
    std::vector<const std::uint32_t*> groupOfKey;
    std::vector<RouteCache*> groupCaches;
    std::vector<BatchGroups::Column> groupColumns;
  } kernelBuffers; // reused from batch to batch
  // What the state holds, for the message when it outgrows the budget.
  std::uint64_t windowsKept = 0;
  std::uint64_t undecidedKept = 0;
  // Records refused when judged as fed (judgesWhenFed), for feed() or
  // settle() to return.
  std::vector<RecordError> refusedJudged;
  std::uint64_t percentileValuesKept = 0;
  std::uint64_t intervalsInWindows = 0;
  // Set when routing interval records outgrew the budget; finish() says so.
  std::optional<std::string> outgrewWhileRouting;

  State(const plan::Program& plan, EvaluationOptions evaluation)
      : program(plan), options(evaluation), pauses(plan.pauseSources.size()),
        memoryBudget(evaluation.maxMemory) {}

  std::optional<std::string> overBudget() const {
    if (!memoryBudget.exceeded())
      return std::nullopt;
    return fmt::format("the evaluation outgrew --max-memory ({} MiB): it keeps {} groups, {} "
                       "windows with data, {} undecided records, {} exact percentile values and "
                       "{} intervals in windows; evaluate fewer groups or a shorter range "
                       "(--period), use `percentile approx`, or raise --max-memory",
                       memoryBudget.bytes() >> 20, groupNames.size(), windowsKept, undecidedKept,
                       percentileValuesKept, intervalsInWindows);
  }

  // ------------------------------------------------------------- records

  // The record as it could be known at `options.at` (docs/evaluation.md):
  // an optional time after it has not happened yet. Required times are
  // facts written when the record was (a promised slot), and stay.
  Row rowOf(const ingest::RecordBatch& batch, std::size_t index) const {
    const plan::Stream& stream = program.streams[batch.stream];
    Row row;
    row.stream = batch.stream;
    row.source = batch.source;
    row.line = batch.lines[index];
    row.fields.reserve(stream.fields.size());
    const std::vector<bool>& read = fieldsRead[batch.stream];
    for (std::size_t column = 0; column < stream.fields.size(); ++column) {
      const ingest::Column& data = batch.columns[column];
      const plan::Type& type = stream.fields[column].type;
      if (!read[column] || (!data.present.empty() && !data.present[index])) {
        row.fields.push_back(Value::unset());
        continue;
      }
      switch (type.kind) {
      case plan::TypeKind::Number: {
        std::int8_t exponent = data.exponents[index];
        Rational power = Rational::ofDecimal({1, static_cast<std::uint8_t>(std::abs(exponent))});
        Rational significand(data.integers[index]);
        row.fields.push_back(Value::of(exponent < 0 ? significand * power : significand / power));
        break;
      }
      case plan::TypeKind::String:
        row.fields.push_back(Value::ofText(data.text(index)));
        break;
      case plan::TypeKind::Percent:
      case plan::TypeKind::Money:
        row.fields.push_back(Value::of(Rational(data.integers[index], 1'000'000)));
        break;
      case plan::TypeKind::Time:
        if (type.optional && options.at && data.integers[index] > *options.at) {
          row.fields.push_back(Value::unset());
          break;
        }
        [[fallthrough]];
      default:
        row.fields.push_back(Value::of(Rational(data.whole(index))));
        break;
      }
    }
    row.eventTime = static_cast<std::int64_t>(row.fields[stream.eventTime].exact.floor());
    return row;
  }

  KeptRecord keep(const Row& row) const {
    return KeptRecord(row.stream, row.source, row.line, program.streams[row.stream], row.fields,
                      fieldsKept[row.stream]);
  }

  Row restore(const KeptRecord& kept) const {
    const plan::Stream& stream = program.streams[kept.stream];
    Row row;
    row.stream = kept.stream;
    row.source = kept.source;
    row.line = kept.line;
    row.fields = kept.fields(stream);
    row.eventTime = static_cast<std::int64_t>(row.fields[stream.eventTime].exact.floor());
    return row;
  }

  // Computes the row's lets and what each aggregate over its stream makes
  // of it; with `judgedAt`, unset times are taken as not having happened
  // before that instant (brief §5: an unset optional is decided at the
  // evaluation instant). The first data error refuses the record.
  std::optional<std::string> computeRecord(Row& row, std::optional<std::int64_t> judgedAt) const {
    const plan::Stream& stream = program.streams[row.stream];
    if (judgedAt)
      for (std::size_t column = 0; column < stream.fields.size(); ++column)
        if (stream.fields[column].type.is(plan::TypeKind::Time) && !row.fields[column].isSet())
          row.fields[column] = Value::of(Rational(*judgedAt));
    row.lets.clear();
    row.lets.reserve(stream.lets.size());
    for (const plan::Let& let : stream.lets) {
      std::string error;
      Value value = interpreter.evaluate(*let.value, RowInputs(row), error);
      if (!error.empty())
        return fmt::format("`{}`: {}", let.name, error);
      row.lets.push_back(std::move(value));
    }
    row.outcomes.resize(program.aggregates.size());
    for (std::uint32_t index : aggregatesOfStream[row.stream]) {
      const plan::Aggregate& aggregate = program.aggregates[index];
      RecordOutcome& outcome = row.outcomes[index];
      outcome = RecordOutcome{}; // judged again at `at`: nothing kept from before
      std::string error;
      if (aggregate.population)
        outcome.population = interpreter.evaluate(*aggregate.population, RowInputs(row), error);
      if (!error.empty())
        return fmt::format("in the population of `{}`: {}", plan::aggregateKindName(aggregate.kind),
                           error);
      // A record known to be outside the population has no condition.
      bool outside = outcome.population.isSet() && !outcome.population.truth();
      if (aggregate.filter && !outside)
        outcome.condition = interpreter.evaluate(*aggregate.filter, RowInputs(row), error);
      if (error.empty() && aggregate.value && outcome.condition.isSet() &&
          outcome.condition.truth())
        outcome.value = interpreter.evaluate(*aggregate.value, RowInputs(row), error);
      if (!error.empty())
        return fmt::format("in {} of `{}`: {}", aggregate.filter ? "the condition" : "the value",
                           plan::aggregateKindName(aggregate.kind), error);
    }
    return std::nullopt;
  }

  bool insideAgreement(std::size_t index, std::int64_t instant) const {
    return agreementWindows[index].effective().contains(instant);
  }

  // The end of an interval stream's record; unset for an open interval
  // and for an event stream's record.
  std::optional<std::int64_t> intervalEndOf(const Row& row) const {
    const plan::Stream& stream = program.streams[row.stream];
    if (!stream.intervalEnd || !row.fields[*stream.intervalEnd].isSet())
      return std::nullopt;
    return static_cast<std::int64_t>(row.fields[*stream.intervalEnd].exact.floor());
  }

  // An event lies in the effective period; an interval overlaps it (an
  // empty one lies in it), an open one whatever its end will be.
  bool concernsAgreement(std::size_t index, const Row& row) const {
    if (!program.streams[row.stream].isInterval())
      return insideAgreement(index, row.eventTime);
    std::int64_t end = intervalEndOf(row).value_or(kOpenEnd);
    return insideAgreement(index, row.eventTime) ||
           (row.eventTime < agreementWindows[index].effective().end &&
            end > agreementWindows[index].effective().start);
  }

  std::vector<RecordError> feed(const ingest::RecordBatch& batch) {
    std::vector<RecordError> errors;
    if (KernelFunction kernel = compiled.kernels.empty() ? nullptr : compiled.kernels[batch.stream])
      runKernel(kernel, batch, errors);
    else
      for (std::size_t index = 0; index < batch.size(); ++index)
        feedRecord(batch, index, errors);
    takeRefusedWhenJudged(errors);
    return errors;
  }

  // Whether a record that some ratio cannot decide yet is judged as it is
  // fed, not kept until settle(): when `at` is known, the judgement is the
  // same either way (settleScope), and nothing is kept. With `--explain`,
  // the misses found then are noted at the end, after every miss decided
  // as fed, as they always were (the first ones listed stay the same).
  bool judgesWhenFed() const { return options.at && !options.keepMisses; }

  void judgeIfUndecided(Row& row) const {
    if (judgesWhenFed() && undecided(row))
      row.judged = judgedAtEvaluation(row);
  }

  // Whether some ratio over the record's stream cannot decide it yet.
  bool undecided(const Row& row) const {
    for (std::uint32_t index : aggregatesOfStream[row.stream]) {
      const RecordOutcome& outcome = row.outcomes[index];
      if (program.aggregates[index].kind == plan::AggregateKind::Ratio &&
          (!outcome.population.isSet() || !outcome.condition.isSet()))
        return true;
    }
    return false;
  }

  std::shared_ptr<JudgedRecord> judgedAtEvaluation(const Row& row) const {
    auto judged = std::make_shared<JudgedRecord>();
    judged->row.stream = row.stream;
    judged->row.source = row.source;
    judged->row.line = row.line;
    judged->row.eventTime = row.eventTime;
    judged->row.fields = row.fields;
    judged->error = computeRecord(judged->row, evaluationInstant());
    return judged;
  }

  // Counts a record that the ratio `index` could not decide when fed, judged
  // at `at` (settle): a miss when its condition is false with every unset
  // time taken as `at` (it has not happened yet), else pending. A record
  // whose membership of the ratio's population was unset stays pending: a
  // population is no deadline that could have passed.
  void countJudged(std::uint32_t index, AggregateState& state, const Row& judged,
                   bool membershipUnset) {
    bool missed = !membershipUnset && falseWhenJudged(judged, index);
    ++(missed ? state.bad : state.pending);
    if (missed)
      noteMiss(index, state, judged, true);
  }

  // Whether the condition of the ratio `index` is false for a record judged
  // at `at` (judgedAtEvaluation): the record misses, its deadline passed.
  static bool falseWhenJudged(const Row& judged, std::uint32_t index) {
    const Value& condition = judged.outcomes[index].condition;
    return condition.isSet() && !condition.truth();
  }

  // The refusal of a record that an expression refuses when judged at `at`:
  // it is left out of the ratios that judge it.
  RecordError refusedWhenJudged(const Row& row, const std::string& error) const {
    return {row.stream, row.source, row.line, "invalid_record",
            fmt::format("judged at {}: {}", calendar::formatInstant(evaluationInstant()), error)};
  }

  void takeRefusedWhenJudged(std::vector<RecordError>& errors) {
    for (RecordError& error : refusedJudged)
      errors.push_back(std::move(error));
    refusedJudged.clear();
  }

  void feedRecord(const ingest::RecordBatch& batch, std::size_t index,
                  std::vector<RecordError>& errors) {
    const std::vector<ObjectiveRef>& objectives = objectivesOfStream[batch.stream];
    Row row = rowOf(batch, index);
    // Not yet known at `at`: not counted, and no error either.
    if (options.at && row.eventTime > *options.at) {
      ++recordsAfterAt;
      return;
    }
    const plan::Stream& stream = program.streams[batch.stream];
    std::optional<std::int64_t> end = intervalEndOf(row);
    if (end && *end < row.eventTime) {
      errors.push_back(
          {batch.stream, batch.source, row.line, "invalid_record",
           fmt::format("the interval ends at `{}` {}, before it starts at `{}` {}",
                       stream.fields[*stream.intervalEnd].name, calendar::formatInstant(*end),
                       stream.fields[stream.eventTime].name,
                       calendar::formatInstant(row.eventTime))});
      return;
    }
    // A status change pauses clocks whatever the windows of its own stream.
    const bool holdsPauses = program.holdsPauses(batch.stream);
    if (holdsPauses) {
      std::optional<std::string> error = computeRecord(row, std::nullopt);
      if (!error)
        error = notePauses(row);
      if (error) {
        errors.push_back({batch.stream, batch.source, row.line, "invalid_record", *error});
        return;
      }
    }
    bool covered = objectives.empty();
    for (const ObjectiveRef& ref : objectives)
      covered = covered || concernsAgreement(ref.agreement, row);
    if (!covered) {
      errors.push_back({batch.stream, batch.source, row.line, "outside_period",
                        stream.isInterval()
                            ? fmt::format("the interval from {} {} lies outside the effective "
                                          "period of every agreement that measures this stream",
                                          calendar::formatInstant(row.eventTime),
                                          end ? "to " + calendar::formatInstant(*end)
                                              : std::string("(still open)"))
                            : fmt::format("the event time {} lies outside the effective period "
                                          "of every agreement that measures this stream",
                                          calendar::formatInstant(row.eventTime))});
      return;
    }
    if (auto error = holdsPauses ? std::nullopt : computeRecord(row, std::nullopt)) {
      errors.push_back({batch.stream, batch.source, row.line, "invalid_record", *error});
      return;
    }
    judgeIfUndecided(row);
    // An interval's calendars are asked about the parts of it inside the
    // agreement's windows, when it is measured.
    std::string filterError;
    if (!stream.isInterval())
      for (const ObjectiveRef& ref : objectives)
        passesFilters(program.agreements[ref.agreement].objectives[ref.objective], calendars,
                      row.eventTime, filterError);
    if (!filterError.empty()) {
      errors.push_back({batch.stream, batch.source, row.line, "invalid_record", filterError});
      return;
    }
    // The end of an interval is an event too: without `--at`, an interval
    // is measured up to its end.
    std::int64_t latest = std::max(row.eventTime, end.value_or(row.eventTime));
    latestEvent = std::max(latestEvent.value_or(latest), latest);
    std::shared_ptr<const MissedRecord> identity;
    for (const ObjectiveRef& ref : objectives)
      if (concernsAgreement(ref.agreement, row)) {
        std::int64_t first =
            std::max(row.eventTime, agreementWindows[ref.agreement].effective().start);
        noteEvent(ref.agreement, first, first);
        route(ref, row, identity);
      }
  }

  // Adds the row, a status change, to the clock pauses it is read for.
  std::optional<std::string> notePauses(const Row& row) {
    for (std::size_t index = 0; index < program.pauseSources.size(); ++index) {
      const plan::PauseSource& source = program.pauseSources[index];
      if (source.stream != row.stream)
        continue;
      const plan::Stream& stream = program.streams[row.stream];
      const plan::Field& keyField = stream.fields[source.keyField];
      const Value& key = row.fields[source.keyField];
      if (!key.isSet())
        return fmt::format("the status change has no `{}`, so it pauses no clock", keyField.name);
      std::string error;
      Value holds = interpreter.evaluate(*source.condition, RowInputs(row), error);
      if (!error.empty())
        return fmt::format("in the condition of the clock pauses: {}", error);
      // An unset condition, like `where`'s, does not hold.
      if (!pauses[index].add(pauseKeyText(keyField.type, key), row.eventTime,
                             holds.isSet() && holds.truth()))
        return fmt::format("status changes of `{}` are read after the records whose clocks they "
                           "pause",
                           stream.name);
    }
    return std::nullopt;
  }

  void noteEvent(std::size_t agreement, std::int64_t first, std::int64_t last) {
    firstEvent[agreement] = std::min(firstEvent[agreement].value_or(first), first);
    lastEvent[agreement] = std::max(lastEvent[agreement].value_or(last), last);
  }

  // ------------------------------------------------------------- kernels

  void runKernel(KernelFunction kernel, const ingest::RecordBatch& batch,
                 std::vector<RecordError>& errors) {
    std::vector<const void*>& values = kernelBuffers.values;
    std::vector<const std::uint8_t*>& present = kernelBuffers.present;
    values.clear();
    present.clear();
    for (const ingest::Column& column : batch.columns) {
      if (!column.bools.empty())
        values.push_back(column.bools.data());
      else
        values.push_back(column.integers.empty() ? nullptr : column.integers.data());
      present.push_back(column.present.empty() ? nullptr : column.present.data());
    }
    std::vector<std::int64_t>& first = kernelBuffers.first;
    std::vector<std::int64_t>& last = kernelBuffers.last;
    // The first events known so far: a kernel's hot range begins at them.
    first.clear();
    for (const std::optional<std::int64_t>& known : firstEvent)
      first.push_back(known.value_or(INT64_MAX));
    last.assign(program.agreements.size(), INT64_MIN);
    KernelFrame frame{values.data(), present.data()};
    frame.rows = batch.size();
    if (options.at) {
      frame.knownUntil = *options.at;
      frame.optionalTimesUntil = *options.at;
    }
    frame.firstEvent = first.data();
    frame.lastEvent = last.data();
    frame.routes = routeCaches[batch.stream].data();
    groupRows(batch);
    frame.groupKeys = kernelBuffers.groupKeys.data();
    frame.groupOfKey = kernelBuffers.groupOfKey.data();
    frame.groupCaches = kernelBuffers.groupCaches.data();
    frame.host = static_cast<KernelHost*>(this);
    frame.batch = &batch;
    frame.calendars = calendars.data();
    kernelErrors = &errors;
    kernel(&frame);
    kernelErrors = nullptr;
    recordsAfterAt += frame.afterAt;
    // A kernel leaves latestEvent to the agreements' last events when the
    // stream has objectives (RecordKernel.h).
    std::int64_t latest = frame.latestEvent;
    for (std::size_t a = 0; a < first.size(); ++a)
      if (last[a] != INT64_MIN) {
        noteEvent(a, first[a], last[a]);
        latest = std::max(latest, last[a]);
      }
    if (latest != INT64_MIN)
      latestEvent = std::max(latestEvent.value_or(latest), latest);
  }

  // The group of every row for each route with groups (its key and the
  // key's group), and the routes' windows by group, as the kernel reads them.
  void groupRows(const ingest::RecordBatch& batch) {
    const std::vector<KernelRoute>& routes = kernelRoutes[batch.stream];
    const std::vector<std::uint32_t>& owners = groupIdsOwners[batch.stream];
    KernelBuffers& buffers = kernelBuffers;
    buffers.rowKeys.resize(routes.size());
    buffers.keyGroups.resize(routes.size());
    buffers.groupKeys.assign(routes.size(), nullptr);
    buffers.groupOfKey.assign(routes.size(), nullptr);
    buffers.groupCaches.assign(routes.size(), nullptr);
    const plan::Stream& stream = program.streams[batch.stream];
    for (std::size_t r = 0; r < routes.size(); ++r) {
      if (owners[r] == plan::kNoSlot)
        continue;
      if (owners[r] != r) {
        buffers.groupKeys[r] = buffers.groupKeys[owners[r]];
        buffers.groupOfKey[r] = buffers.groupOfKey[owners[r]];
        continue;
      }
      const std::vector<std::uint32_t>& columns = routes[r].groupColumns;
      buffers.groupColumns.clear();
      for (std::uint32_t column : columns)
        buffers.groupColumns.push_back(
            {column, stream.fields[column].type.is(plan::TypeKind::String)});
      buffers.groupKeys[r] = batchGroups.assign(
          batch, buffers.groupColumns,
          [&](std::size_t row) {
            return columns.size() == 1 ? groupNames.intern(cellName(batch, row, columns[0]))
                                       : internGroup(batch, row, columns);
          },
          [&](const std::string& text) { return groupNames.intern(text); }, buffers.rowKeys[r],
          buffers.keyGroups[r]);
      buffers.groupOfKey[r] = buffers.keyGroups[r].data();
    }
    // Every group of the batch is named by now.
    for (std::size_t r = 0; r < routes.size(); ++r)
      if (owners[r] != plan::kNoSlot) {
        std::vector<RouteCache>& caches = groupCaches[batch.stream][r];
        if (caches.size() < groupNames.size())
          caches.resize(std::max<std::size_t>(groupNames.size(), caches.size() * 2));
        buffers.groupCaches[r] = caches.data();
      }
  }

  void slowRecord(const ingest::RecordBatch& batch, std::uint64_t row) override {
    feedRecord(batch, row, *kernelErrors);
  }

  FastCounters* locate(std::uint32_t routeIndex, const ingest::RecordBatch& batch,
                       std::uint64_t row, std::int64_t eventTime) override {
    GroupWindow& target = locateWindow(routeIndex, batch, row, eventTime, true);
    if (!kernelRoutes[batch.stream][routeIndex].grouped)
      routeCaches[batch.stream][routeIndex].counters = target.fast.data();
    return target.fast.data();
  }

  SliceRun* locateSlice(std::uint32_t routeIndex, std::uint32_t leaf,
                        const ingest::RecordBatch& batch, std::uint64_t row,
                        std::int64_t eventTime) override {
    const KernelRoute& kernelRoute = kernelRoutes[batch.stream][routeIndex];
    SliceScratch& scratch = sliceScratch[batch.stream][routeIndex][leaf];
    // A route without groups moves to the next run of the same window far
    // more often than to another window (every hour, every month).
    GroupWindow& target =
        !kernelRoute.grouped && scratch.window && scratch.window->window.contains(eventTime)
            ? *scratch.window
            : locateWindow(routeIndex, batch, row, eventTime, kernelRoute.grouped);
    std::int64_t width = program.aggregates[kernelRoute.leaves[leaf]].sliceMicros;
    std::int64_t first;
    // Records in time order leave a run for the next one of the same
    // window, found without a division (a year of minute slices asks 8,213
    // times; the division was a quarter of the time of the call).
    if (scratch.window == &target && eventTime >= scratch.run.end &&
        eventTime - scratch.run.end < SliceRun::kSlices * width) {
      first = scratch.first + SliceRun::kSlices;
    } else {
      std::int64_t slice = (eventTime - target.window.start) / width;
      first = slice - slice % SliceRun::kSlices;
    }
    if (scratch.window != &target || scratch.first != first) {
      flushSlice(scratch);
      scratch.window = &target;
      scratch.leaf = leaf;
      scratch.aggregate = kernelRoute.leaves[leaf];
      scratch.first = first;
      bool in8Bits = kernelCountsSlicesIn8Bits(program, batch.stream, kernelRoute, leaf);
      if (in8Bits && scratch.fields.empty())
        scratch.fields.resize(static_cast<std::size_t>(SliceRun::kSlices) *
                              sliceFieldsOf(program, kernelRoute.sliceLeaves[leaf]));
      if (!in8Bits && scratch.counters.empty())
        scratch.counters.resize(static_cast<std::size_t>(SliceRun::kSlices) *
                                kernelRoute.sliceLeaves[leaf].size());
      std::int64_t start = target.window.start + first * width;
      scratch.run = {};
      scratch.run.start = start;
      scratch.run.end = std::min(start + SliceRun::kSlices * width, target.window.end);
      scratch.run.counters = scratch.counters.data();
      scratch.run.fields = in8Bits ? scratch.fields.data() : nullptr;
    }
    return &scratch.run;
  }

  void addSlice(std::uint32_t routeIndex, std::uint32_t leaf, const ingest::RecordBatch& batch,
                std::int64_t slice, const FastCounters* counters) override {
    SliceScratch& scratch = sliceScratch[batch.stream][routeIndex][leaf];
    sliceTable(scratch).add(scratch.first + slice, counters);
  }

  // The slices of the window the scratch's run lies in, made on first use.
  SliceCounters& sliceTable(SliceScratch& scratch) {
    std::unique_ptr<SliceCounters>& table = scratch.window->sliceCounts[scratch.leaf];
    if (!table)
      table = sliceCountersOf(scratch.aggregate, scratch.window->window);
    return *table;
  }

  // Adds the slices of the run that have records to their window's.
  void flushSlice(SliceScratch& scratch) {
    if (!scratch.window)
      return;
    SliceCounters& table = sliceTable(scratch);
    if (scratch.run.fields) {
      table.addRunOf8Bits(scratch.first, scratch.run.touched, scratch.fields.data());
      std::fill(scratch.fields.begin(), scratch.fields.end(), 0);
    } else {
      table.addRun(scratch.first, scratch.run.touched, scratch.counters.data());
      // Only the slices with records were counted in: the next run starts
      // from zero counters without clearing all 64.
      std::size_t entries = scratch.counters.size() / SliceRun::kSlices;
      for (std::uint64_t touched = scratch.run.touched; touched != 0; touched &= touched - 1)
        std::fill_n(scratch.counters.begin() +
                        static_cast<std::ptrdiff_t>(std::countr_zero(touched) * entries),
                    entries, FastCounters{});
    }
    scratch.window = nullptr;
    scratch.run = {};
  }

  std::unique_ptr<SliceCounters> sliceCountersOf(std::uint32_t aggregate,
                                                 const Window& window) const {
    std::vector<plan::AggregateKind> kinds;
    for (std::uint32_t inner : accumulation.sliceLeaves(aggregate))
      kinds.push_back(program.aggregates[inner].kind);
    std::int64_t width = program.aggregates[aggregate].sliceMicros;
    return std::make_unique<SliceCounters>(std::move(kinds),
                                           (window.end - window.start + width - 1) / width,
                                           sliceConditionOf(aggregate));
  }

  // The condition on a count of each slice that the slices of an aggregate
  // over slices keep verdicts on, if it has one (SliceCounters); unset for
  // other aggregates.
  std::optional<SliceCountCondition> sliceConditionOf(std::uint32_t aggregate) const {
    const plan::Aggregate& slices = program.aggregates[aggregate];
    if (slices.stream != plan::kNoSlot || !slices.filter)
      return std::nullopt;
    auto read = SliceCounterRead::of(*slices.filter, accumulation.sliceLeaves(aggregate), program);
    return read ? read->countCondition() : std::nullopt;
  }

  // The window (and group) of a record in a route the kernel counts, with
  // its counters made on first use; the route's cache moves to it if
  // `movesCache`. A kernel reads the cache of a route without groups as the
  // window its pending counts are for, and flushes them before it asks for
  // another window, not before it asks for a slice (RouteCache): only
  // `locate` moves that cache.
  GroupWindow& locateWindow(std::uint32_t routeIndex, const ingest::RecordBatch& batch,
                            std::uint64_t row, std::int64_t eventTime, bool movesCache) {
    const KernelRoute& kernelRoute = kernelRoutes[batch.stream][routeIndex];
    ObjectiveRef ref{kernelRoute.agreement, kernelRoute.objective};
    const plan::Objective& objective = program.agreements[ref.agreement].objectives[ref.objective];
    RouteCache& cache = routeCaches[batch.stream][routeIndex];
    Window window{cache.start, cache.end};
    if (!window.contains(eventTime)) {
      window = windowContaining(ref, eventTime);
      if (movesCache)
        cache = {window.start, window.end, nullptr};
    }
    std::uint32_t group = GroupNames::kNone;
    GroupCounters* known = nullptr;
    if (objective.grouped()) {
      group = kernelBuffers.groupOfKey[routeIndex][kernelBuffers.groupKeys[routeIndex][row]];
      std::vector<GroupCounters>& perGroup = groupCounters[batch.stream][routeIndex];
      if (group >= perGroup.size())
        perGroup.resize(std::max<std::size_t>(group + 1, perGroup.size() * 2));
      known = &perGroup[group];
      if (known->start == window.start && known->window) {
        kernelBuffers.groupCaches[routeIndex][group] = {window.start, window.end,
                                                        known->window->fast.data()};
        return *known->window;
      }
      groups[ref.agreement][ref.objective].add(group);
    }
    GroupWindow& target = windowOf(ref, window, group);
    if (target.fast.empty()) {
      target.fast.resize(kernelRoute.leaves.size());
      target.fastValues.resize(kernelRoute.leaves.size());
      target.sliceCounts.resize(kernelRoute.leaves.size());
      for (std::size_t leaf = 0; leaf < target.fast.size(); ++leaf)
        target.fast[leaf].values = &target.fastValues[leaf];
    }
    if (known) {
      *known = {window.start, &target};
      kernelBuffers.groupCaches[routeIndex][group] = {window.start, window.end, target.fast.data()};
    }
    return target;
  }

  void slowRoute(std::uint32_t routeIndex, const ingest::RecordBatch& batch,
                 std::uint64_t index) override {
    const KernelRoute& kernelRoute = kernelRoutes[batch.stream][routeIndex];
    Row row = rowOf(batch, index);
    // The kernel found no error in this record, so neither does this.
    if (computeRecord(row, std::nullopt))
      return;
    judgeIfUndecided(row);
    latestEvent = std::max(latestEvent.value_or(row.eventTime), row.eventTime);
    std::shared_ptr<const MissedRecord> identity;
    route({kernelRoute.agreement, kernelRoute.objective}, row, identity);
  }

  std::int64_t judge(const ingest::RecordBatch& batch, std::uint64_t index) override {
    if (!judgesWhenFed())
      return -1;
    // The row is the kernel's alone: judged in place, not copied.
    Row judged = rowOf(batch, index);
    if (computeRecord(judged, evaluationInstant()))
      return -1;
    std::int64_t missed = 0;
    const std::vector<std::uint32_t>& ratios = judgedRatiosOf[batch.stream];
    for (std::size_t k = 0; k < ratios.size(); ++k)
      if (falseWhenJudged(judged, ratios[k]))
        missed |= std::int64_t{1} << k;
    return missed;
  }

  void addValue(FastCounters& counters, std::int64_t value) override {
    counters.values->push_back(value);
    ++percentileValuesKept;
  }

  std::uint32_t internGroup(const ingest::RecordBatch& batch, std::uint64_t row,
                            const std::vector<std::uint32_t>& columns) {
    std::vector<std::string> values;
    for (std::uint32_t column : columns)
      values.emplace_back(cellName(batch, row, column));
    return groupNames.intern(values);
  }

  // How a group value is named: its text, its enum case, its whole number;
  // "" when unset.
  std::string_view cellName(const ingest::RecordBatch& batch, std::uint64_t row,
                            std::uint32_t column) {
    const ingest::Column& data = batch.columns[column];
    if (!data.present.empty() && !data.present[row])
      return "";
    const plan::Type& type = program.streams[batch.stream].fields[column].type;
    if (type.is(plan::TypeKind::String))
      return data.text(row);
    if (type.is(plan::TypeKind::Enum))
      return program.enums[type.detail].cases.at(static_cast<std::size_t>(data.integers[row]));
    // Whole-number types only: the JIT keeps percent and number groups
    // interpreted (their names are the floor of the value).
    numberName = fmt::format("{}", data.integers[row]);
    return numberName;
  }

  // What a kernel compiler is given: per stream, the objectives reading it.
  KernelRequest kernelRequest() const {
    KernelRequest request;
    request.program = &program;
    for (const calendar::Calendar& prepared : calendars)
      request.calendars.push_back({prepared.rangeStart(), prepared.rangeEnd(),
                                   prepared.openThroughout(), prepared.totalOpen(),
                                   prepared.businessDay().value_or(0)});
    request.routes.resize(program.streams.size());
    for (std::uint32_t stream = 0; stream < program.streams.size(); ++stream)
      for (const ObjectiveRef& ref : objectivesOfStream[stream]) {
        const plan::Objective& objective =
            program.agreements[ref.agreement].objectives[ref.objective];
        KernelRoute& route = request.routes[stream].emplace_back();
        route.agreement = ref.agreement;
        route.objective = ref.objective;
        route.grouped = objective.grouped();
        if (route.grouped)
          route.groupColumns = objective.groupColumnsOf(program.metrics[objective.metric], stream);
        route.leaves = leavesOfMetric[objective.metric];
        for (std::uint32_t leaf : route.leaves)
          route.sliceLeaves.push_back(accumulation.sliceLeaves(leaf));
        route.effectiveStart = agreementWindows[ref.agreement].effective().start;
        route.effectiveEnd = agreementWindows[ref.agreement].effective().end;
      }
    return request;
  }

  // Merges what the kernels counted into the exact state of each window,
  // as if the interpreter had counted those records itself.
  void foldKernelCounters() {
    for (auto& perRoute : sliceScratch)
      for (auto& perLeaf : perRoute)
        for (SliceScratch& scratch : perLeaf)
          flushSlice(scratch);
    for (std::size_t a = 0; a < windows.size(); ++a)
      for (std::size_t o = 0; o < windows[a].size(); ++o) {
        const plan::Objective& objective = program.agreements[a].objectives[o];
        const std::vector<std::uint32_t>& leaves = leavesOfMetric[objective.metric];
        for (auto& [key, window] : windows[a][o]) {
          for (std::size_t leaf = 0; leaf < window.fast.size(); ++leaf)
            accumulation.fold(window.scope, leaves[leaf], window.fast[leaf]);
          for (std::size_t leaf = 0; leaf < window.sliceCounts.size(); ++leaf) {
            if (!window.sliceCounts[leaf])
              continue;
            AggregateDetails& details = window.scope.at(leaves[leaf]).detailed();
            if (details.denseSlices)
              details.denseSlices->merge(*window.sliceCounts[leaf]);
            else
              details.denseSlices = std::move(window.sliceCounts[leaf]);
            accumulation.foldDenseOverlaps(leaves[leaf], details);
          }
          window.sliceCounts.clear();
          window.sliceCounts.shrink_to_fit();
          window.fast.clear();
          window.fast.shrink_to_fit();
          window.fastValues.clear();
          window.fastValues.shrink_to_fit();
        }
      }
    // The counters the caches point at are gone: kernels find them anew.
    // Every cache at once: routes that share a window check rely on it
    // (RouteCache).
    for (std::vector<RouteCache>& caches : routeCaches)
      std::fill(caches.begin(), caches.end(), RouteCache{});
    for (auto& perRoute : groupCounters)
      for (auto& perGroup : perRoute)
        perGroup.clear();
    for (auto& perRoute : groupCaches)
      for (auto& perGroup : perRoute)
        std::fill(perGroup.begin(), perGroup.end(), RouteCache{});
  }

  // ------------------------------------------------------------- routing

  std::uint32_t groupOf(const plan::Objective& objective, const plan::Metric& metric,
                        const Row& row) {
    if (!objective.grouped())
      return GroupNames::kNone;
    std::vector<std::string> values;
    for (std::uint32_t column : objective.groupColumnsOf(metric, row.stream)) {
      const Value& value = row.fields[column];
      const plan::Type& type = program.streams[row.stream].fields[column].type;
      if (!value.isSet())
        values.emplace_back();
      else if (type.is(plan::TypeKind::String))
        values.push_back(value.text);
      else if (type.is(plan::TypeKind::Enum))
        values.push_back(
            program.enums[type.detail].cases.at(static_cast<std::size_t>(value.exact.floor())));
      else
        values.push_back(int128ToString(value.exact.floor()));
    }
    return groupNames.intern(values);
  }

  // The target of a group: the objective's, or that of the group's class.
  const plan::ConstantValue& targetOf(const plan::Objective& objective, std::uint32_t group) const {
    if (!objective.classTargets || group == GroupNames::kNone)
      return objective.target;
    return objective.targetOf(
        classCaseOf(group, objective.classTargets->groupField, objective.classTargets->enumIndex));
  }

  // The case of enum `enumIndex` that group field `field` of `group` holds.
  std::uint32_t classCaseOf(std::uint32_t group, std::uint32_t field,
                            std::uint32_t enumIndex) const {
    const std::vector<std::string>& cases = program.enums[enumIndex].cases;
    const std::string& value = groupNames.value(group, field);
    return static_cast<std::uint32_t>(std::find(cases.begin(), cases.end(), value) - cases.begin());
  }

  // With a fee per class, the case of a group's class (every objective with
  // a remedy groups by it: the checker's rule); else unset.
  std::optional<std::uint32_t> feeClassOf(const std::optional<plan::Fee>& fee,
                                          const plan::Objective& objective,
                                          std::uint32_t group) const {
    if (!fee || !fee->byClass() || group == GroupNames::kNone)
      return std::nullopt;
    auto field =
        std::find(objective.groupFields.begin(), objective.groupFields.end(), fee->classField);
    if (field == objective.groupFields.end())
      return std::nullopt;
    return classCaseOf(group, static_cast<std::uint32_t>(field - objective.groupFields.begin()),
                       fee->classEnum);
  }

  // The target a record's own value is held to (for the misses of `max`,
  // `percentile`, ...): that of its group's class.
  const plan::ConstantValue& targetOfRecord(const plan::Objective& objective,
                                            const Row& row) const {
    if (!objective.classTargets)
      return objective.target;
    std::uint32_t column = objective.groupColumnsOf(program.metrics[objective.metric],
                                                    row.stream)[objective.classTargets->groupField];
    return objective.targetOf(static_cast<std::uint32_t>(row.fields[column].exact.floor()));
  }

  // The window of a calendar objective that holds `instant`: its period,
  // cut to the agreement's effective period.
  Window windowContaining(const ObjectiveRef& ref, std::int64_t instant) const {
    const plan::Objective& objective = program.agreements[ref.agreement].objectives[ref.objective];
    return agreementWindows[ref.agreement].windowContaining(*objective.period.unit, instant);
  }

  // `identity`: the row's record for `--explain`, made by the first
  // objective that keeps it and shared by the others.
  void route(const ObjectiveRef& ref, const Row& row,
             std::shared_ptr<const MissedRecord>& identity) {
    const plan::Agreement& agreement = program.agreements[ref.agreement];
    const plan::Objective& objective = agreement.objectives[ref.objective];
    if (program.streams[row.stream].isInterval()) {
      IntervalRecord kept{row.eventTime,
                          intervalEndOf(row).value_or(kOpenEnd),
                          groupOf(objective, program.metrics[objective.metric], row),
                          {}};
      for (std::uint32_t leaf : leavesOfMetric[objective.metric])
        if (program.aggregates[leaf].stream == row.stream && row.outcomes[leaf].condition.truth())
          kept.matching.push_back(leaf);
      // Without its lets: an interval is explained by its times alone.
      if (options.keepMisses && !kept.matching.empty() && !identity)
        identity = std::make_shared<const MissedRecord>(MissedRecord{
            row.stream, row.source, row.line, row.eventTime, row.fields, {}, false, std::nullopt});
      if (options.keepMisses)
        intervalIdentities[ref.agreement][ref.objective].push_back(
            kept.matching.empty() ? nullptr : identity);
      intervals[ref.agreement][ref.objective].push_back(std::move(kept));
      return;
    }
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
    addToWindow(ref, windowContaining(ref, row.eventTime), row);
  }

  // The state of an objective's window for a group, made on first use.
  GroupWindow& windowOf(const ObjectiveRef& ref, const Window& window, std::uint32_t group) {
    auto [entry, inserted] =
        windows[ref.agreement][ref.objective].try_emplace({window.start, group});
    windowsKept += inserted ? 1 : 0;
    entry->second.window = window;
    return entry->second;
  }

  void addToWindow(const ObjectiveRef& ref, const Window& window, const Row& row) {
    const plan::Agreement& agreement = program.agreements[ref.agreement];
    const plan::Objective& objective = agreement.objectives[ref.objective];
    const plan::Metric& metric = program.metrics[objective.metric];
    std::uint32_t group = groupOf(objective, metric, row);
    if (group != GroupNames::kNone)
      groups[ref.agreement][ref.objective].add(group);
    GroupWindow& target = windowOf(ref, window, group);
    const plan::Objective& inForce =
        agreementWindows[ref.agreement].termsAt(window.start).objectives[ref.objective];
    for (std::uint32_t leaf : leavesOfMetric[objective.metric])
      feedAggregate(target.scope, leaf, row, window.start, &inForce);
  }

  void feedAggregate(Scope& scope, std::uint32_t index, const Row& row, std::int64_t origin,
                     const plan::Objective* filtering) {
    const plan::Aggregate& aggregate = program.aggregates[index];
    if (aggregate.stream == plan::kNoSlot) {
      std::int64_t slice = (row.eventTime - origin) / aggregate.sliceMicros;
      Scope& sliceScope = scope.at(index).detailed().slices[slice];
      for (std::uint32_t leaf : accumulation.sliceLeaves(index))
        feedAggregate(sliceScope, leaf, row, origin, nullptr);
      return;
    }
    if (aggregate.stream != row.stream)
      return;
    // feed() has refused the records whose filters fail to answer.
    std::string checked;
    if (filtering && !passesFilters(*filtering, calendars, row.eventTime, checked))
      return;
    AggregateState& state = scope.at(index);
    ++state.seen;
    const RecordOutcome& outcome = row.outcomes[index];
    if (outcome.population.isSet() && !outcome.population.truth())
      return;
    if (!outcome.population.isSet() || !outcome.condition.isSet()) {
      if (aggregate.kind != plan::AggregateKind::Ratio)
        return;
      if (!row.judged) {
        state.detailed().undecided.push_back(keep(row));
        ++undecidedKept;
      } else if (row.judged->error) {
        if (!std::exchange(row.judged->reported, true))
          refusedJudged.push_back(refusedWhenJudged(row, *row.judged->error));
      } else {
        countJudged(index, state, row.judged->row, !outcome.population.isSet());
      }
      return;
    }
    if (!outcome.condition.truth()) {
      if (aggregate.kind == plan::AggregateKind::Ratio) {
        ++state.bad;
        noteMiss(index, state, row, false);
      }
      return;
    }
    ++state.count;
    if (aggregate.kind == plan::AggregateKind::Ratio) {
      ++state.good;
      return;
    }
    if (outcome.value.isSet()) {
      state.addValue(aggregate, outcome.value);
      percentileValuesKept +=
          aggregate.kind == plan::AggregateKind::Percentile && !aggregate.approx;
      if (filtering && listsMisses[index] &&
          !compareValues(filtering->comparison, outcome.value,
                         valueOfConstant(filtering->targetType, targetOfRecord(*filtering, row))))
        noteMiss(index, state, row, false);
    }
  }

  // Remembers a miss of a metric's aggregate for `--explain` and the
  // burn-down: every time, and the first records up to the limit.
  void noteMiss(std::uint32_t index, AggregateState& state, const Row& row,
                bool judgedAtEvaluation) {
    if (!options.keepMisses || !listsMisses[index])
      return;
    WindowMisses& misses = state.detailed().misses;
    ++misses.count;
    misses.times.push_back(row.eventTime);
    if (misses.records.size() < options.listedMisses)
      misses.records.push_back({row.stream, row.source, row.line, row.eventTime, row.fields,
                                row.lets, judgedAtEvaluation, std::nullopt});
  }

  // ------------------------------------------------------------- merging

  void merge(State& other) {
    assert(!settled && !other.settled && "merge before settle()");
    foldKernelCounters();
    other.foldKernelCounters();
    std::vector<std::uint32_t> groupIds(other.groupNames.size());
    for (std::uint32_t id = 0; id < groupIds.size(); ++id)
      if (const std::vector<std::string>* values = other.groupNames.values(id))
        groupIds[id] = groupNames.intern(*values);
      else
        groupIds[id] = groupNames.intern(other.groupNames.name(id));
    auto mapped = [&](std::uint32_t id) { return id == GroupNames::kNone ? id : groupIds[id]; };
    for (std::size_t a = 0; a < windows.size(); ++a)
      for (std::size_t o = 0; o < windows[a].size(); ++o) {
        for (std::uint32_t id : other.groups[a][o].ids)
          groups[a][o].add(mapped(id));
        for (auto& [key, window] : other.windows[a][o]) {
          auto [entry, inserted] = windows[a][o].try_emplace({key.first, mapped(key.second)});
          windowsKept += inserted ? 1 : 0;
          entry->second.window = window.window;
          accumulation.merge(entry->second.scope, window.scope, options.listedMisses);
        }
        std::deque<Row>& kept = rolling[a][o];
        for (Row& row : other.rolling[a][o])
          kept.push_back(std::move(row));
        std::stable_sort(kept.begin(), kept.end(), feedOrder<Row>);
        for (IntervalRecord& record : other.intervals[a][o]) {
          record.group = mapped(record.group);
          intervals[a][o].push_back(std::move(record));
        }
        for (auto& identity : other.intervalIdentities[a][o])
          intervalIdentities[a][o].push_back(std::move(identity));
      }
    for (std::size_t a = 0; a < firstEvent.size(); ++a) {
      if (other.firstEvent[a])
        noteEvent(a, *other.firstEvent[a], *other.lastEvent[a]);
    }
    if (other.latestEvent)
      latestEvent = std::max(latestEvent.value_or(*other.latestEvent), *other.latestEvent);
    recordsAfterAt += other.recordsAfterAt;
    undecidedKept += other.undecidedKept;
    percentileValuesKept += other.percentileValuesKept;
    for (std::size_t index = 0; index < pauses.size(); ++index)
      pauses[index].merge(std::move(other.pauses[index]));
  }

  // ------------------------------------------------------------- judging

  // Judges the undecided records of every ratio at `at` (countJudged). A
  // record that an expression refuses then is returned, and left out of
  // the ratio.
  void settleScope(Scope& scope, std::int64_t at, std::vector<RecordError>& refused,
                   std::set<std::pair<std::uint32_t, std::uint64_t>>& reported) {
    for (auto& [index, state] : scope.aggregates) {
      if (!state.details)
        continue;
      for (auto& [slice, sliceScope] : state.details->slices)
        settleScope(sliceScope, at, refused, reported);
      for (const KeptRecord& kept : state.details->undecided) {
        Row undecided = restore(kept);
        // A kept record has its fields only: its membership is computed
        // again as it was fed.
        bool membershipUnset = program.aggregates[index].population &&
                               !computeRecord(undecided, std::nullopt) &&
                               !undecided.outcomes[index].population.isSet();
        if (auto error = computeRecord(undecided, at)) {
          if (reported.insert({undecided.source, undecided.line}).second)
            refused.push_back(refusedWhenJudged(undecided, *error));
          continue;
        }
        countJudged(index, state, undecided, membershipUnset);
      }
      undecidedKept -= state.details->undecided.size();
      state.details->undecided.clear();
      state.details->undecided.shrink_to_fit();
    }
  }

  // Builds the rolling windows, which end at `at`, and judges every
  // undecided record at `at`.
  std::vector<RecordError> settle() {
    foldKernelCounters();
    std::int64_t at = evaluationInstant();
    for (std::size_t a = 0; a < program.agreements.size(); ++a)
      for (std::size_t o = 0; o < program.agreements[a].objectives.size(); ++o) {
        const plan::Objective& objective = program.agreements[a].objectives[o];
        if (objective.period.unit)
          continue;
        ObjectiveRef ref{static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(o)};
        Window window = clipped(rollingWindow(at, objective.period.rollingMicros),
                                agreementWindows[a].effective());
        for (const Row& row : rolling[a][o])
          if (window.contains(row.eventTime))
            addToWindow(ref, window, row);
        rolling[a][o].clear();
      }
    routeIntervals(at);
    std::vector<RecordError> refused;
    takeRefusedWhenJudged(refused);
    std::set<std::pair<std::uint32_t, std::uint64_t>> reported;
    for (auto& perAgreement : windows)
      for (auto& perObjective : perAgreement)
        for (auto& [key, window] : perObjective)
          settleScope(window.scope, at, refused, reported);
    settled = true;
    return refused;
  }

  std::int64_t evaluationInstant() const { return options.at.value_or(latestEvent.value_or(0)); }

  // An interval belongs to every window it overlaps before `at` (an empty
  // one to the window of its start): only now is it known where an open
  // one ends.
  void routeIntervals(std::int64_t at) {
    for (std::size_t a = 0; a < program.agreements.size(); ++a)
      for (std::size_t o = 0; o < program.agreements[a].objectives.size(); ++o) {
        const plan::Objective& objective = program.agreements[a].objectives[o];
        ObjectiveRef ref{static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(o)};
        for (std::size_t index = 0; index < intervals[a][o].size(); ++index) {
          const IntervalRecord& record = intervals[a][o][index];
          const std::shared_ptr<const MissedRecord>* identity =
              options.keepMisses ? &intervalIdentities[a][o][index] : nullptr;
          Window covered =
              clipped({record.start, std::min(record.end, at)}, agreementWindows[a].effective());
          bool empty = covered.start == covered.end;
          if (empty && !insideAgreement(a, record.start))
            continue;
          auto overlaps = [&](const Window& window) {
            return empty ? window.contains(covered.start)
                         : window.start < covered.end && covered.start < window.end;
          };
          if (!objective.period.unit) {
            Window window = clipped(rollingWindow(at, objective.period.rollingMicros),
                                    agreementWindows[a].effective());
            if (overlaps(window))
              addInterval(ref, window, record, identity);
            continue;
          }
          const values::Zone& zone = agreementWindows[a].zone();
          for (Window period = periodContaining(covered.start, *objective.period.unit, zone);
               !outgrewWhileRouting && overlaps(clipped(period, agreementWindows[a].effective()));
               period = periodAfter(period, *objective.period.unit, zone))
            addInterval(ref, clipped(period, agreementWindows[a].effective()), record, identity);
        }
        intervals[a][o].clear();
        intervals[a][o].shrink_to_fit();
        intervalIdentities[a][o].clear();
        intervalIdentities[a][o].shrink_to_fit();
      }
  }

  // The objective's calendars restrict the time measured, not the records
  // (IntervalCoverage.h): a window keeps the whole interval.
  void addInterval(const ObjectiveRef& ref, const Window& window, const IntervalRecord& record,
                   const std::shared_ptr<const MissedRecord>* identity) {
    if (record.group != GroupNames::kNone)
      groups[ref.agreement][ref.objective].add(record.group);
    GroupWindow& target = windowOf(ref, window, record.group);
    for (std::uint32_t leaf : record.matching) {
      AggregateDetails& details = target.scope.at(leaf).detailed();
      details.spans.push_back({record.start, record.end});
      if (identity)
        details.spanRecords.push_back(*identity);
    }
    // An interval open for a year belongs to 365 daily windows: the state
    // grows here, after the last batch has been checked.
    if (++intervalsInWindows % 65536 == 0 && !outgrewWhileRouting)
      outgrewWhileRouting = overBudget();
  }

  // ------------------------------------------------------------- windows

  // Fills `judged`, a new row, with the objective's window in a group.
  void judgeWindow(const ObjectiveRef& ref, const GroupWindow* data, const ReportedWindow& reported,
                   std::uint32_t groupId, std::int64_t at, ObjectiveWindow& judged,
                   std::string& error) const {
    const plan::Agreement& agreement = program.agreements[ref.agreement];
    const plan::Objective& objective = agreement.objectives[ref.objective];
    const Window& window = reported.window;
    judged.objective = objective.name;
    judged.objectiveIndex = ref.objective;
    judged.window = window;
    judged.period = reported.period;
    judged.group = groupName(groupId);
    if (groupId != GroupNames::kNone)
      if (const std::vector<std::string>* values = groupNames.values(groupId))
        judged.groupValues = *values;
    plan::Terms terms = agreementWindows[ref.agreement].termsAt(window.start);
    const plan::Objective& inForce = terms.objectives[ref.objective];
    if (terms.revision)
      judged.revision = terms.revision->name;
    judged.target = targetOf(inForce, groupId);
    judged.feeClass = feeClassOf(terms.fee, objective, groupId);
    judgement.judge(judged, objective, terms, agreementWindows[ref.agreement],
                    data ? &data->scope : nullptr, at, error);
  }

  // The windows of an objective to report: every period that overlaps the
  // range, cut to the effective period, and none outside it. The range is
  // `--from`/`--to` (or `--period`) when given, else from the agreement's
  // first record up to `at`.
  std::vector<ReportedWindow> windowsToReport(const ObjectiveRef& ref, std::int64_t at) const {
    const plan::Objective& objective = program.agreements[ref.agreement].objectives[ref.objective];
    return agreementWindows[ref.agreement].windowsToReport(objective.period,
                                                           rangeOf(ref.agreement, at), at);
  }

  // The instants whose calendar windows are reported: `--from`/`--to` when
  // given, else from the agreement's first record to `at` (and `at` itself
  // when a record lies exactly there), inside the effective period.
  std::optional<Window> rangeOf(std::size_t agreementIndex, std::int64_t at) const {
    const Window& bounds = agreementWindows[agreementIndex].effective();
    std::optional<std::int64_t> from = options.from ? options.from : firstEvent[agreementIndex];
    if (!from)
      return std::nullopt;
    std::int64_t to = lastEvent[agreementIndex] == at ? at + 1 : at;
    Window range = clipped({*from, options.to.value_or(to)}, bounds);
    if (range.start >= range.end)
      return std::nullopt;
    return range;
  }

  // The groups of an objective in the order of their names; kNone for an
  // objective without `per`.
  std::vector<std::uint32_t> groupsOf(const ObjectiveRef& ref) const {
    const plan::Objective& objective = program.agreements[ref.agreement].objectives[ref.objective];
    if (!objective.grouped())
      return {GroupNames::kNone};
    std::vector<std::uint32_t> result = groups[ref.agreement][ref.objective].ids;
    std::sort(result.begin(), result.end(), [&](std::uint32_t a, std::uint32_t b) {
      return groupNames.name(a) < groupNames.name(b);
    });
    return result;
  }

  std::optional<std::string> groupName(std::uint32_t id) const {
    if (id == GroupNames::kNone)
      return std::nullopt;
    return groupNames.name(id);
  }

  // Judges the objective's windows of `windowList` (windowsToReport) in
  // each of its groups.
  std::optional<std::string> judgeObjective(const ObjectiveRef& ref,
                                            const std::vector<ReportedWindow>& windowList,
                                            std::int64_t at, AgreementReport& report) {
    const auto& seen = windows[ref.agreement][ref.objective];
    std::vector<std::uint32_t> groupList = groupsOf(ref);
    report.windows.reserve(report.windows.size() + groupList.size() * windowList.size());
    for (std::uint32_t id : groupList)
      for (const ReportedWindow& reported : windowList) {
        auto found = seen.find({reported.window.start, id});
        std::string error;
        judgeWindow(ref, found == seen.end() ? nullptr : &found->second, reported, id, at,
                    report.windows.emplace_back(), error);
        if (report.windows.size() % 65536 == 0)
          if (auto problem = overBudget())
            return *problem;
        if (!error.empty()) {
          std::optional<std::string> group = groupName(id);
          return fmt::format("agreement `{}`, objective `{}`, window from {}{}: {}", report.name,
                             report.windows.back().objective,
                             calendar::formatInstant(reported.window.start),
                             group ? fmt::format(", group `{}`", *group) : "", error);
        }
      }
    return std::nullopt;
  }

  // The report's safety net (issue: no silent wrong answer): every
  // (objective, window in range, group seen) has exactly one row, every
  // row's window lies inside the effective period, and no record routed to
  // a window is lost because its window is not reported. Checked against
  // the evaluator's own state, independently of how the rows were made;
  // `windowLists` holds each objective's windowsToReport.
  std::optional<std::string>
  verifyComplete(std::size_t agreementIndex,
                 const std::vector<std::vector<ReportedWindow>>& windowLists,
                 const AgreementReport& report, std::int64_t at) const {
    const plan::Agreement& agreement = program.agreements[agreementIndex];
    const Window& bounds = agreementWindows[agreementIndex].effective();
    // A row as (window start, group name, empty without `per`), sorted:
    // sets of strings cost a sixth of judging a year of minute slices.
    using Row = std::pair<std::int64_t, std::string_view>;
    auto nameOf = [&](std::uint32_t id) {
      return id == GroupNames::kNone ? std::string_view() : std::string_view(groupNames.name(id));
    };
    std::vector<std::vector<Row>> rowsOf(agreement.objectives.size());
    for (const ObjectiveWindow& judged : report.windows) {
      if (judged.window.start < bounds.start || judged.window.end > bounds.end ||
          judged.window.start >= judged.window.end)
        return fmt::format("objective `{}` has a window outside the effective period",
                           judged.objective);
      rowsOf[judged.objectiveIndex].push_back(
          {judged.window.start, judged.group ? std::string_view(*judged.group) : ""});
    }
    std::optional<Window> range = rangeOf(agreementIndex, at);
    for (std::size_t o = 0; o < agreement.objectives.size(); ++o) {
      ObjectiveRef ref{static_cast<std::uint32_t>(agreementIndex), static_cast<std::uint32_t>(o)};
      std::vector<std::uint32_t> groupList = groupsOf(ref);
      std::vector<Row> expected;
      expected.reserve(windowLists[o].size() * groupList.size());
      for (const ReportedWindow& reported : windowLists[o])
        for (std::uint32_t id : groupList)
          expected.push_back({reported.window.start, nameOf(id)});
      std::sort(expected.begin(), expected.end());
      expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
      std::vector<Row>& rows = rowsOf[o];
      std::sort(rows.begin(), rows.end());
      if (std::adjacent_find(rows.begin(), rows.end()) != rows.end())
        return fmt::format("objective `{}` reports a window twice", agreement.objectives[o].name);
      if (rows != expected)
        return fmt::format("objective `{}` reports {} windows of {} in range",
                           agreement.objectives[o].name, rows.size(), expected.size());
      if (!agreement.objectives[o].period.unit || !range)
        continue;
      for (const auto& [key, window] : windows[agreementIndex][o])
        if (window.window.start < range->end && window.window.end > range->start &&
            !std::binary_search(expected.begin(), expected.end(),
                                Row{key.first, nameOf(key.second)}))
          return fmt::format("objective `{}` has records in a window it does not report",
                             agreement.objectives[o].name);
    }
    return std::nullopt;
  }

  std::variant<Report, std::string> finish() {
    assert(settled && "settle() judges undecided records before finish()");
    if (outgrewWhileRouting)
      return *outgrewWhileRouting;
    Report report;
    report.calendars = options.calendars;
    report.at = evaluationInstant();
    report.recordsAfterAt = recordsAfterAt;
    for (std::size_t a = 0; a < program.agreements.size(); ++a) {
      const plan::Agreement& agreement = program.agreements[a];
      AgreementReport agreementReport;
      agreementReport.name = agreement.name;
      agreementReport.title = agreement.title;
      agreementReport.provider = agreement.provider;
      agreementReport.customer = agreement.customer;
      agreementReport.fee = agreement.fee;
      agreementReport.effectiveFrom = agreement.effectiveFrom;
      agreementReport.effectiveTo = agreement.effectiveTo;
      for (const plan::Objective& objective : agreement.objectives) {
        const plan::Metric& metric = program.metrics[objective.metric];
        agreementReport.objectives.push_back(
            {objective.name, objective.title, metric.qualifiedName(), metric.title});
      }
      std::vector<std::vector<ReportedWindow>> windowLists;
      for (std::size_t o = 0; o < agreement.objectives.size(); ++o) {
        ObjectiveRef ref{static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(o)};
        windowLists.push_back(windowsToReport(ref, report.at));
        if (auto error = judgeObjective(ref, windowLists.back(), report.at, agreementReport))
          return *error;
      }
      if (auto broken = verifyComplete(a, windowLists, agreementReport, report.at))
        return fmt::format("internal error: the report of agreement `{}` is incomplete: {}",
                           agreement.name, *broken);
      addCreditTotals(agreement, agreementWindows[a], agreementReport);
      addTerminations(agreement, agreementWindows[a], agreementReport);
      report.agreements.push_back(std::move(agreementReport));
    }
    report.pauses = std::move(pauses); // the state is done with them
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
  return make(program, std::move(options), nullptr);
}

std::unique_ptr<Evaluator> Evaluator::sibling() const {
  auto made = make(state_->program, state_->options, state_.get());
  // What could fail (agreements' windows, calendars, the JIT) did not for this one.
  assert(made.index() == 0 && "a sibling is made as its evaluator was");
  return std::move(std::get<std::unique_ptr<Evaluator>>(made));
}

std::variant<std::unique_ptr<Evaluator>, std::string>
Evaluator::make(const plan::Program& program, EvaluationOptions options, const State* kernelsOf) {
  auto state = std::make_unique<State>(program, options);
  std::optional<std::int64_t> first;
  std::optional<std::int64_t> last;
  for (const plan::Agreement& agreement : program.agreements) {
    auto windows = AgreementWindows::of(agreement);
    if (auto* error = std::get_if<std::string>(&windows))
      return *error;
    const Window& period =
        state->agreementWindows.emplace_back(std::get<AgreementWindows>(std::move(windows)))
            .effective();
    if (agreement.effectiveFrom)
      first = std::min(first.value_or(period.start), period.start);
    if (agreement.effectiveTo)
      last = std::max(last.value_or(period.end), period.end);
  }
  if (options.from || options.to) {
    Window requested{options.from.value_or(std::numeric_limits<std::int64_t>::min()),
                     options.to.value_or(std::numeric_limits<std::int64_t>::max())};
    bool overlaps = false;
    for (const AgreementWindows& windows : state->agreementWindows) {
      Window overlap = clipped(requested, windows.effective());
      overlaps = overlaps || overlap.start < overlap.end;
    }
    if (!overlaps && !program.agreements.empty())
      return fmt::format("the requested range ({} to {}) lies outside the effective period of "
                         "every agreement: no window in it is judged",
                         options.from ? calendar::formatInstant(*options.from) : "the start",
                         options.to ? calendar::formatInstant(*options.to) : "the end");
  }
  // Tickets opened in the last days close later: a year of margin.
  std::int64_t from = first.value_or(946'684'800'000'000) - 2 * kMicrosPerDay;
  std::int64_t to = last.value_or(4'102'444'800'000'000 - 2 * kMicrosPerDay) + 366 * kMicrosPerDay;
  if (options.at)
    to = std::max(to, *options.at + kMicrosPerDay);
  for (std::size_t index = 0; index < program.calendars.size(); ++index) {
    const plan::Calendar& planned = program.calendars[index];
    auto prepared = calendar::Calendar::prepare(
        options.calendars.empty() ? planned.spec : options.calendars[index], from, to);
    if (auto* error = std::get_if<calendar::CalendarError>(&prepared))
      return fmt::format("calendar `{}`: {}", planned.name, error->message);
    state->calendars.push_back(std::move(std::get<calendar::Calendar>(prepared)));
  }
  state->objectivesOfStream.resize(program.streams.size());
  // `--explain` shows the fields of the records it lists.
  bool showsRecords = options.keepMisses || options.listedMisses > 0;
  for (std::uint32_t stream = 0; stream < program.streams.size(); ++stream) {
    std::vector<bool> all(program.streams[stream].fields.size(), true);
    state->fieldsRead.push_back(showsRecords ? all : program.readFields(stream));
    state->fieldsKept.push_back(showsRecords ? all : program.computedFields(stream));
  }
  state->aggregatesOfStream.resize(program.streams.size());
  for (std::uint32_t stream = 0; stream < program.streams.size(); ++stream)
    state->judgedRatiosOf.push_back(judgedRatios(program, stream));
  state->firstEvent.resize(program.agreements.size());
  state->lastEvent.resize(program.agreements.size());
  for (std::uint32_t index = 0; index < program.aggregates.size(); ++index)
    if (program.aggregates[index].stream != plan::kNoSlot)
      state->aggregatesOfStream[program.aggregates[index].stream].push_back(index);
  state->windows.resize(program.agreements.size());
  state->rolling.resize(program.agreements.size());
  state->intervals.resize(program.agreements.size());
  state->intervalIdentities.resize(program.agreements.size());
  state->groups.resize(program.agreements.size());
  for (std::size_t a = 0; a < program.agreements.size(); ++a) {
    const plan::Agreement& agreement = program.agreements[a];
    state->windows[a].resize(agreement.objectives.size());
    state->rolling[a].resize(agreement.objectives.size());
    state->intervals[a].resize(agreement.objectives.size());
    state->intervalIdentities[a].resize(agreement.objectives.size());
    state->groups[a].resize(agreement.objectives.size());
    for (std::size_t o = 0; o < agreement.objectives.size(); ++o)
      for (std::uint32_t stream : program.metrics[agreement.objectives[o].metric].streams)
        state->objectivesOfStream[stream].push_back(
            {static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(o)});
  }
  state->listsMisses.resize(program.aggregates.size());
  for (const plan::Metric& metric : program.metrics) {
    // A sum or a count has no record that misses on its own.
    if (metric.value->kind == plan::ExprKind::Aggregate) {
      const plan::Aggregate& whole = program.aggregates[metric.value->slot];
      state->listsMisses[metric.value->slot] = whole.stream != plan::kNoSlot &&
                                               whole.kind != plan::AggregateKind::Count &&
                                               whole.kind != plan::AggregateKind::Sum;
    }
    std::vector<std::uint32_t> leaves;
    collectLeaves(metric.value, leaves);
    state->leavesOfMetric.push_back(std::move(leaves));
  }
  // Kernels only count: the misses of --explain are noted where the
  // interpreter decides a record.
  if (kernelsOf) {
    state->compiled = kernelsOf->compiled;
    state->kernelRoutes = kernelsOf->kernelRoutes;
  } else if (options.compiler && !options.keepMisses) {
    KernelRequest request = state->kernelRequest();
    request.threads = options.compileThreads;
    request.cacheDirectory = options.kernelCache;
    auto compiled = options.compiler->compile(request);
    if (auto* error = std::get_if<std::string>(&compiled))
      return "the JIT failed: " + *error;
    state->compiled = std::move(std::get<CompiledKernels>(compiled));
    state->kernelRoutes = std::move(request.routes);
  }
  // The kernels' buffers, this evaluator's own.
  for (std::uint32_t stream = 0; stream < state->kernelRoutes.size(); ++stream)
    state->groupIdsOwners.push_back(
        groupIdsOwnersOf(program.streams[stream], state->kernelRoutes[stream]));
  for (const std::vector<KernelRoute>& routes : state->kernelRoutes) {
    state->routeCaches.emplace_back(routes.size());
    state->groupCounters.emplace_back(routes.size());
    state->groupCaches.emplace_back(routes.size());
    auto& scratch = state->sliceScratch.emplace_back();
    for (const KernelRoute& route : routes)
      scratch.emplace_back(route.leaves.size());
  }
  return std::unique_ptr<Evaluator>(new Evaluator(std::move(state)));
}

Evaluator::Evaluator(std::unique_ptr<State> state) : state_(std::move(state)) {}
Evaluator::~Evaluator() = default;

std::vector<RecordError> Evaluator::feed(const ingest::RecordBatch& batch) {
  return state_->feed(batch);
}

std::optional<std::string> Evaluator::overBudget() const {
  return state_->overBudget();
}

void Evaluator::merge(Evaluator&& other) {
  state_->merge(*other.state_);
}

std::vector<RecordError> Evaluator::settle() {
  return state_->settle();
}

std::variant<Report, std::string> Evaluator::finish() {
  return state_->finish();
}

std::variant<std::string, std::string> Evaluator::emitKernels(const plan::Program& program,
                                                              const KernelEmitter& emit) {
  auto created = create(program, {});
  if (auto* error = std::get_if<std::string>(&created))
    return std::variant<std::string, std::string>(std::in_place_index<1>, *error);
  return emit(std::get<std::unique_ptr<Evaluator>>(created)->state_->kernelRequest());
}

const std::vector<bool>& Evaluator::fieldsRead(std::uint32_t stream) const {
  return state_->fieldsRead[stream];
}

bool Evaluator::interprets(std::uint32_t stream) const {
  const CompiledKernels& compiled = state_->compiled;
  return compiled.kernels.empty() || !compiled.kernels[stream] ||
         !compiled.interpreted[stream].empty();
}

std::string Evaluator::engineStatistics() const {
  const CompiledKernels& compiled = state_->compiled;
  if (compiled.kernels.empty())
    return "engine: interpreter\n";
  std::string text = compiled.statistics;
  for (std::size_t stream = 0; stream < compiled.kernels.size(); ++stream)
    text += fmt::format("stream {}: {}\n", state_->program.streams[stream].qualifiedName(),
                        !compiled.kernels[stream]
                            ? fmt::format("interpreted ({})", compiled.interpreted[stream])
                        : compiled.interpreted[stream].empty()
                            ? std::string("compiled kernel")
                            : fmt::format("compiled kernel; {}", compiled.interpreted[stream]));
  return text;
}

} // namespace slac::eval

std::int64_t slac_kernel_judge(void* host, const void* batch, std::uint64_t row) noexcept {
  return static_cast<slac::eval::KernelHost*>(host)->judge(
      *static_cast<const slac::ingest::RecordBatch*>(batch), row);
}

void slac_kernel_slow_record(void* host, const void* batch, std::uint64_t row) noexcept {
  static_cast<slac::eval::KernelHost*>(host)->slowRecord(
      *static_cast<const slac::ingest::RecordBatch*>(batch), row);
}

slac::eval::FastCounters* slac_kernel_locate(void* host, std::uint32_t route, const void* batch,
                                             std::uint64_t row, std::int64_t eventTime) noexcept {
  return static_cast<slac::eval::KernelHost*>(host)->locate(
      route, *static_cast<const slac::ingest::RecordBatch*>(batch), row, eventTime);
}

void slac_kernel_slow_route(void* host, std::uint32_t route, const void* batch,
                            std::uint64_t row) noexcept {
  static_cast<slac::eval::KernelHost*>(host)->slowRoute(
      route, *static_cast<const slac::ingest::RecordBatch*>(batch), row);
}

slac::eval::SliceRun* slac_kernel_locate_slice(void* host, std::uint32_t route, std::uint32_t leaf,
                                               const void* batch, std::uint64_t row,
                                               std::int64_t eventTime) noexcept {
  return static_cast<slac::eval::KernelHost*>(host)->locateSlice(
      route, leaf, *static_cast<const slac::ingest::RecordBatch*>(batch), row, eventTime);
}

void slac_kernel_add_slice(void* host, std::uint32_t route, std::uint32_t leaf, const void* batch,
                           std::int64_t slice, const slac::eval::FastCounters* counters) noexcept {
  static_cast<slac::eval::KernelHost*>(host)->addSlice(
      route, leaf, *static_cast<const slac::ingest::RecordBatch*>(batch), slice, counters);
}

void slac_kernel_add_value(void* host, slac::eval::FastCounters* counters,
                           std::int64_t value) noexcept {
  static_cast<slac::eval::KernelHost*>(host)->addValue(*counters, value);
}
