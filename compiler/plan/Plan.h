#pragma once

// The plan: the typed, resolved program `slac check` produces from a set of
// checked .sla files, and the only input of both evaluators (the reference
// interpreter and the JIT). It is independent of the AST and of ANTLR:
// names are resolved to indices, every expression is typed (plan/Expr.h),
// calendars are lowered to the calendar engine's input (CalendarSpec),
// tiers are exact.
//
// A Program is immutable once built and owns everything it points to; it
// may be shared read-only between threads. Evaluation state (counters,
// percentile buffers, slice tables, prepared calendars) belongs to the
// evaluator, so one plan can evaluate many windows and groups at once.
//
// Source ranges point into the SourceManager of the compilation that built
// the plan, so a runtime error can name the rule that rejected a record.

#include "plan/Expr.h"
#include "values/CalendarSpec.h"

#include <compare>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace slac::plan {

// -------------------------------------------------------------------- data

struct Enum {
  std::string name;
  std::vector<std::string> cases;
  // Per case, how the data writes it: the listed spellings, or else its
  // name. Never empty, never shared by two cases (the checker's E0616).
  std::vector<std::vector<std::string>> spellings;
  bool ignoreCase = false; // ASCII letters match in either case
};

// How a field is written in the data (`t: time as epoch_s`).
enum class FieldFormat : std::uint8_t {
  Default,      // time: RFC 3339; duration: `250ms`-style; others: their literal
  EpochSeconds, // time
  EpochMillis,  // time
  EpochMicros,  // time
  Microseconds, // duration, a number of that unit
  Milliseconds,
  Seconds,
  Minutes,
  Hours,
  // Money: the cell is the currency code of another field's amount, and
  // must be that field's currency (`refund: money EUR currency "Currency"`
  // adds such a field, named `currency of refund`); it holds no value.
  CurrencyColumn,
};
const char* fieldFormatName(FieldFormat format);

struct Field {
  std::string name;
  Type type; // optional when the data may leave it empty
  FieldFormat format = FieldFormat::Default;
  SourceRange range;
  std::string column; // the CSV column or NDJSON key holding it: `from "..."` or its name
  // A time written by a strftime-style pattern (`%d/%b/%y %I:%M %p`); empty:
  // RFC 3339 (or `as epoch_*`).
  std::string timeFormat;
  // The IANA zone of a time written without an offset (the field's `local
  // in`, else its stream's); empty: the data must carry an offset.
  std::string localZone;
};

// How a stream's CSV files are written (`csv separator ";" decimal ","`).
// NDJSON has its own syntax for numbers and is not affected.
struct CsvDialect {
  char separator = ',';
  char decimalMark = '.';
};

// `let` inside a stream: a record expression over the fields and the lets
// before it; `lets` are in dependency order, so computing them in order
// never reads one that is not yet computed.
struct Let {
  std::string name;
  const Expr* value;
  SourceRange range;
};

// An event stream's record is an instant (`at eventTime`); an interval
// stream's record covers [eventTime, intervalEnd), the end unset while the
// interval lasts (`stream incident from started to ended`). Only Downtime
// and Uptime aggregate an interval stream.
struct Stream {
  std::string service;
  std::string name;
  std::vector<Field> fields;
  std::uint32_t eventTime; // index in `fields`; a Time that is never unset
  std::vector<Let> lets;
  SourceRange range;
  CsvDialect csv;
  // Interval streams: index in `fields` of the end, a Time (maybe optional).
  std::optional<std::uint32_t> intervalEnd;

  std::string qualifiedName() const { return service + "." + name; }
  bool isInterval() const { return intervalEnd.has_value(); }
};

// Where `elapsed(a, b, cal, S where C on K == E)` finds its clock pauses:
// the records of `stream` are status changes of the key in field
// `keyField`; from a change whose `condition` holds to the next change of
// the same key, that key's clock is paused (docs/language.md, "Clock
// pauses"). Read before the streams whose records ask about them.
struct PauseSource {
  std::uint32_t stream;
  std::uint32_t keyField;
  const Expr* condition; // a record expression of `stream`, Bool (maybe optional)
  SourceRange range;
};

// ------------------------------------------------------------- aggregates

// The order is ast::AggregateFunction's.
enum class AggregateKind : std::uint8_t {
  Count,
  Ratio,
  Sum,
  Mean,
  Min,
  Max,
  Percentile,
  Downtime,
  Uptime
};
const char* aggregateKindName(AggregateKind kind);

enum class MissingSlices : std::uint8_t { Skip, Good, Bad };

// An aggregate over the records of one stream in the window (or slice), or
// over the slices of the window:
// - Count: records (slices) whose `filter` holds; every one without filter.
// - Ratio: percent of records (slices) for which `filter` holds, among those
//   for which it is decided (an unset filter is pending, brief §5). Over a
//   stream, `population` (when set) limits the ratio to the records for
//   which it holds (`ratio(ticket where priority == P1, in_time)`); a
//   record whose membership is unset is pending.
// - Sum, Mean, Min, Max, Percentile: of `value` over the records (slices)
//   whose `filter` holds; records whose value is unset are not aggregated.
// - Downtime (Duration), Uptime (Percent): over an interval stream only, the
//   time covered by the union of the intervals whose `filter` (never unset)
//   holds, inside the window, before the evaluation instant and inside the
//   objective's calendar filters; Uptime is 100 % x (1 - downtime / the
//   window's time under the same restrictions). docs/evaluation.md.
// Over slices, `filter` and `value` are window expressions evaluated on the
// slice's records; over a stream they are record expressions.
// An aggregate over nothing is "no data", never 0.
struct Aggregate {
  AggregateKind kind;
  bool approx = false;            // percentile approx: bounded memory, stated error
  std::uint32_t stream = kNoSlot; // the source stream, or kNoSlot for slices
  std::int64_t sliceMicros = 0;   // slices: the width, aligned to the window start
  MissingSlices missing = MissingSlices::Skip;
  const Expr* population = nullptr; // Ratio over a stream only: a record expression
  const Expr* filter = nullptr;
  const Expr* value = nullptr;
  Decimal rank; // Percentile: p in (0, 100], nearest rank
  Type type;    // of the result
  SourceRange range;
};

struct Metric {
  std::string service;
  std::string name;
  std::string title;
  const Expr* value;                  // a window expression
  std::vector<std::uint32_t> streams; // every stream it reads, ascending
  SourceRange range;

  std::string qualifiedName() const { return service + "." + name; }
};

// ------------------------------------------------------------- agreements

enum class PeriodUnit : std::uint8_t { Day, Week, Month, Quarter, Year };
const char* periodUnitName(PeriodUnit unit);

// Calendar periods are in the agreement's zone, weeks start on Monday;
// rolling periods end at the evaluation instant.
struct Period {
  std::optional<PeriodUnit> unit; // unset: rolling
  std::int64_t rollingMicros = 0;
};

enum class Comparison : std::uint8_t { Lt, Le, Gt, Ge, Eq, Ne };
const char* comparisonSpelling(Comparison comparison);
// Whether two values in the order `order` (the left one's to the right
// one's) satisfy `comparison`. Inline: judging a year of minute slices asks
// 525,600 times.
inline bool comparisonHolds(Comparison comparison, std::strong_ordering order) {
  switch (comparison) {
  case Comparison::Lt:
    return order < 0;
  case Comparison::Le:
    return order <= 0;
  case Comparison::Gt:
    return order > 0;
  case Comparison::Ge:
    return order >= 0;
  case Comparison::Eq:
    return order == 0;
  case Comparison::Ne:
    return order != 0;
  }
  return false;
}

struct CalendarFilter {
  enum class Mode : std::uint8_t { During, Outside, Excluding } mode;
  std::uint32_t calendar; // index in Program::calendars
};

enum class NoDataPolicy : std::uint8_t { Report, Met, Breached };

// An amount of a remedy or cap: a percent of the window's fee, or money.
struct Amount {
  bool percentOfFee = true;
  Decimal value;             // percent, or money in the agreement's currency
  CurrencyCode currency = 0; // money only
};

struct Objective {
  std::string name;
  std::string title;
  std::uint32_t metric; // index in Program::metrics
  Comparison comparison;
  Type targetType;      // the metric's type
  ConstantValue target; // exact, as written (Int/Number targets as Decimal)
  // `>= match tier { gold => 99.9%, silver => 99.5% }` over `per customer,
  // tier`: a target per class, the class being a group field of enum type,
  // so one group has one target. `target` is then unused.
  struct ClassTargets {
    std::uint32_t groupField; // index in groupFields
    std::uint32_t enumIndex;  // in Program::enums
    std::vector<ConstantValue> byCase;
  };
  std::optional<ClassTargets> classTargets;
  Period period;
  std::vector<CalendarFilter> filters; // in source order
  // `per customer, region`: the fields, and for each stream the metric reads
  // (in the order of Metric::streams) the column of each field; both empty
  // without grouping.
  std::vector<std::string> groupFields;
  std::vector<std::vector<std::uint32_t>> groupColumns;
  NoDataPolicy noData = NoDataPolicy::Report;
  SourceRange range;

  bool grouped() const { return !groupFields.empty(); }
  // The columns of the group fields in `stream`, one the metric reads.
  const std::vector<std::uint32_t>& groupColumnsOf(const Metric& measured,
                                                   std::uint32_t stream) const;
  // The target a group of class `classCase` (an index in the class enum's
  // cases; ignored without class targets) must meet.
  const ConstantValue& targetOf(std::uint32_t classCase) const {
    return classTargets ? classTargets->byCase[classCase] : target;
  }
};

using TierBound = values::TierBound;
using Payout = values::Payout;

struct TierLimit {
  TierBound bound;
  ConstantValue threshold; // of the objective's metric type
};

// Applies when the metric's value passes `limit` (and `otherLimit`); of
// the tiers that apply, the one with the largest amount wins (brief §6).
struct Tier {
  TierLimit limit;
  std::optional<TierLimit> otherLimit;
  Payout payout;
  Amount amount;
  SourceRange range;
};

struct Remedy {
  std::string name;
  std::string title;
  std::uint32_t objective; // index in Agreement::objectives
  std::vector<Tier> tiers;
  std::vector<std::pair<Payout, Amount>> perBreach;
  std::optional<Amount> cap;
  SourceRange range;
};

struct CreditCap {
  Amount amount;
  std::optional<PeriodUnit> per;
  SourceRange range;
};

struct Termination {
  std::uint32_t objective;
  std::int64_t consecutive;
  PeriodUnit unit;
  SourceRange range;
};

// `amount` for every `count` periods of `per` (`fee 3000.00 EUR per 3 months`).
struct Fee {
  Decimal amount;
  CurrencyCode currency;
  PeriodUnit per;
  std::int64_t count = 1;
  // `fee match tier { gold => 5000.00 EUR, silver => 2000.00 EUR }`: the fee
  // of a group is that of its class, the value of its group field
  // `classField` (an enum that every objective with a remedy groups by);
  // `amount` is then unused.
  std::string classField;
  std::uint32_t classEnum = 0; // in Program::enums
  std::vector<Decimal> byCase;

  bool byClass() const { return !byCase.empty(); }
  const Decimal& amountOf(std::uint32_t classCase) const {
    return byClass() ? byCase[classCase] : amount;
  }
};

// `revision amendment_1 "Amendment 1" from 2026-07-01 { ... }`: the terms
// in force from `from` (a local date in the agreement's zone) until the next
// revision, complete: what the revision does not restate is carried over
// from the terms before it. `objectives` has one entry per objective of the
// agreement, measuring the same as the agreement's (the checker proves it);
// only the target, title and `when no data` policy may differ.
struct Revision {
  std::string name;
  std::string title;
  CivilDate from;
  std::optional<Fee> fee;
  std::vector<Objective> objectives;
  std::vector<Remedy> remedies;
  std::vector<CreditCap> caps;
  std::vector<Termination> terminations;
  SourceRange range;
};

// The terms a window is judged by: the agreement's own or a revision's.
struct Terms {
  const Revision* revision; // null: the agreement's own terms
  const std::optional<Fee>& fee;
  const std::vector<Objective>& objectives;
  const std::vector<Remedy>& remedies;
  const std::vector<CreditCap>& caps;
  const std::vector<Termination>& terminations;
};

struct Agreement {
  std::string name;
  std::string title;
  std::string provider;
  std::string customer;
  std::optional<CivilDate> effectiveFrom; // inclusive
  std::optional<CivilDate> effectiveTo;   // inclusive
  std::string zone = "UTC";
  std::optional<Fee> fee;
  std::optional<std::uint32_t> supports; // index in Program::agreements
  std::vector<Objective> objectives;
  std::vector<Remedy> remedies;
  std::vector<CreditCap> caps;
  std::vector<Termination> terminations;
  std::vector<Revision> revisions; // in date order, each after effectiveFrom
  SourceRange range;

  // The agreement's own terms (null) or a revision's.
  Terms termsOf(const Revision* revision) const;
};

// How `revised` measures otherwise than `original` ("measures another
// metric", ...), or null when it measures the same: what a revision may not
// change, since both engines count an objective once for all its terms.
const char* measurementDifference(const Objective& revised, const Objective& original);

// `window from "maintenance.csv"`, `closed from "holidays.csv"`: windows
// or closed dates read from CSV when the calendar is evaluated, added to
// what `spec` declares (docs/language.md, "Calendar data").
struct CalendarFile {
  enum class Kind : std::uint8_t { Windows, ClosedDates };
  Kind kind;
  std::string directory; // of the .sla file, for a relative path
  std::string path;      // as written
  SourceRange range;
};

struct Calendar {
  std::string name; // as declared
  calendar::CalendarSpec spec;
  std::vector<CalendarFile> files;
};

// ------------------------------------------------------------------ tests

enum class ExpectedStatus : std::uint8_t { Met, Breached, NoData, Pending };

// `expect acme.uptime for "globex" in 2026-03 == breached`
struct Expectation {
  std::uint32_t agreement;
  std::uint32_t objective;             // index in Agreement::objectives
  std::optional<std::uint32_t> remedy; // the remedy's credit, if it names one
  std::optional<std::string> group;
  std::optional<PeriodUnit> periodUnit; // unset: the window ending at `at`
  CivilDate periodStart;
  Comparison comparison;
  std::optional<ExpectedStatus> status; // or a value:
  Type valueType;
  ConstantValue value;
  SourceRange range;
};

struct DataSource {
  std::uint32_t stream;
  std::string path; // as written, relative to the .sla file
  SourceRange range;
};

struct Test {
  std::string description;
  std::string directory; // of the .sla file, for relative data paths
  std::vector<DataSource> data;
  std::optional<std::int64_t> at; // UTC µs
  std::vector<Expectation> expectations;
  SourceRange range;
};

// ---------------------------------------------------------------- program

// Move-only: expressions point at nodes the program owns.
class Program {
public:
  Program() = default;
  Program(Program&&) = default;
  Program& operator=(Program&&) = default;
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  std::vector<Enum> enums;
  std::vector<Stream> streams;
  std::vector<Aggregate> aggregates;
  std::vector<PauseSource> pauseSources;
  std::vector<Metric> metrics;
  std::vector<Calendar> calendars;
  std::vector<Agreement> agreements;
  std::vector<Test> tests;

  // Nodes live as long as the program; addresses never move.
  const Expr* add(Expr expr) { return &nodes_.emplace_back(std::move(expr)); }

  const Agreement* findAgreement(std::string_view name) const;
  const Stream* findStream(std::string_view service, std::string_view name) const;
  // Whether the records of `stream` are some PauseSource's status changes.
  bool holdsPauses(std::uint32_t stream) const;
  // For each field of `stream`, whether some objective groups its records
  // by the field (`per`), in an agreement's terms or a revision's.
  std::vector<bool> groupedFields(std::uint32_t stream) const;
  // For each field of `stream`, whether evaluating the program reads its
  // values: the event time, an interval's end, a field read by the stream's
  // lets, by an aggregate over the stream or by a pause source's condition,
  // a pause key, a group field. A reader must still check the others (a
  // bad value rejects its record) but need not keep them.
  std::vector<bool> readFields(std::uint32_t stream) const;
  // The same but for the group fields: what computing a record's lets and
  // outcomes reads, once it is in its group.
  std::vector<bool> computedFields(std::uint32_t stream) const;

private:
  std::deque<Expr> nodes_;
};

} // namespace slac::plan
