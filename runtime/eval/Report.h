#pragma once

// What an evaluation answers (brief §6): per agreement, objective, window
// and group, the metric's value against its target, the status, the error
// budget of ratio objectives, the credits owed; per agreement the credits
// after caps and the termination rights. Values are exact; rounding to the
// currency's minor unit happens only when a report is rendered.

#include "eval/ClockPauses.h"
#include "eval/Periods.h"
#include "eval/Value.h"
#include "plan/Plan.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace slac::eval {

enum class Status : std::uint8_t { Met, Breached, NoData, Pending };
const char* statusName(Status status);

// For ratio objectives: of N decided records (or slices), a target of p %
// allows (1 - p/100) x N misses. For objectives on the time an interval
// stream covers (Unit::Time, all in µs): of the measured time N, `uptime >=
// p %` allows (1 - p/100) x N of downtime and `downtime <= d` allows d.
struct ErrorBudget {
  enum class Unit : std::uint8_t { Records, Time };
  Unit unit = Unit::Records;
  std::int64_t total = 0;  // decided records; the measured time
  std::int64_t misses = 0; // misses; the downtime
  Rational allowedMisses;
  // (allowed - misses) / allowed x 100; negative once overspent; unset
  // when nothing is allowed (a 100 % target).
  std::optional<Rational> remainingPercent;
};

// An amount owed for one window: money, or (for an agreement without a
// fee) a percent of the fee.
struct Amount {
  Rational value;
  bool percentOfFee = false;
  std::uint32_t currency = 0; // plan::CurrencyCode, for money
};

struct RemedyResult {
  std::string remedy;
  Amount credit;                   // zero when nothing is owed
  Amount bonus;                    // `bonus` tiers
  std::optional<std::size_t> tier; // index in the remedy's tiers that applied
  bool perBreach = false;          // per-breach amounts applied
  bool capped = false;             // the remedy's own `cap` cut it
};

// A record that counted as a miss of a window, as the evaluator saw it
// (kept only when EvaluationOptions::listedMisses > 0, for `--explain`).
struct MissedRecord {
  std::uint32_t stream = 0;
  std::uint32_t source = 0; // RecordBatch::source
  std::uint64_t line = 0;
  std::int64_t eventTime = 0;
  std::vector<Value> fields; // by the stream's columns, as known at `at`
  std::vector<Value> lets;   // by the stream's lets
  // Undecided until the evaluation instant: its unset times were taken as
  // `at` (it had not happened by then).
  bool judgedAtEvaluation = false;
  // A record of an interval stream (`downtime`, `uptime`): the time of its
  // own interval inside the window, before `at` and under the objective's
  // calendars, in µs. Overlapping intervals each count their own.
  std::optional<std::int64_t> covered;
};

// The misses of a window: for a ratio, the records (or slices) that
// failed; for a metric that is one aggregate of record values (`max`,
// `mean`, `percentile`, ...), the records whose own value fails the target;
// for `downtime` and `uptime`, the intervals that cover some of the time
// measured.
struct WindowMisses {
  std::int64_t count = 0;
  // The first listedMisses, in data order (intervals: by start).
  std::vector<MissedRecord> records;
  // The event time of every miss (a slice's start), ascending: the error
  // budget's burn-down. Slices have times but no records; intervals have
  // `downtime` instead.
  std::vector<std::int64_t> times;
  // `downtime`, `uptime`: the time the intervals cover, under the
  // objective's calendars, as disjoint spans in ascending order (the time
  // budget's burn-down).
  std::vector<Window> downtime;
};

struct ObjectiveWindow {
  std::string objective;
  std::uint32_t objectiveIndex = 0; // in the plan's Agreement::objectives
  // What is judged: the calendar (or rolling) `period`, cut to the
  // agreement's effective period. They differ only for a period the
  // agreement starts or ends inside (`partial()`): it is judged over the
  // part it covers, and its fee is pro rata.
  Window window;
  Window period;
  std::optional<std::string> group;
  // The values of the group's fields, when it groups by several
  // (`per customer, region`); `group` joins them with " / ".
  std::vector<std::string> groupValues;
  // The revision whose terms judge the window (in force at its start);
  // unset under the agreement's own terms.
  std::optional<std::string> revision;
  plan::ConstantValue target; // the objective's, or that of the group's class
  // With a fee per class: the case of the group's class, whose fee its
  // percent credits are of.
  std::optional<std::uint32_t> feeClass;
  Value value; // NoData when the window has none
  Status status = Status::NoData;
  std::int64_t pendingRecords = 0;
  std::optional<ErrorBudget> budget;
  std::vector<RemedyResult> remedies;
  // Only when EvaluationOptions::keepMisses.
  std::optional<WindowMisses> misses;

  bool partial() const { return window != period; }
};

// Credits per cap period (and group), after `cap credits`.
struct CreditTotal {
  Window period;         // cut to the effective period, like ObjectiveWindow::window
  Window calendarPeriod; // the whole period of `unit`
  plan::PeriodUnit unit = plan::PeriodUnit::Month; // of `period`
  std::optional<std::string> group;
  std::optional<std::uint32_t> feeClass; // as ObjectiveWindow::feeClass
  Amount beforeCap;
  Amount owed;
  bool capped = false;
};

struct TerminationRight {
  std::string objective;
  std::optional<std::string> group;
  std::int64_t consecutive = 0;
  Window reachedIn; // the window whose breach completed the run
};

// What a reader needs to know an objective by, beside its name.
struct ObjectiveHeading {
  std::string name;
  std::string title;       // empty when the objective has none
  std::string metric;      // `service.metric`
  std::string metricTitle; // empty when the metric has none
};

// Agreements come in the plan's order (Program::agreements).
struct AgreementReport {
  std::string name;
  std::string title;
  std::string provider; // empty when the agreement names none
  std::string customer;
  std::optional<plan::Fee> fee;
  // Its effective period, as written (inclusive dates), when it states one.
  std::optional<plan::CivilDate> effectiveFrom;
  std::optional<plan::CivilDate> effectiveTo;
  std::vector<ObjectiveHeading> objectives; // by index in Agreement::objectives
  std::vector<ObjectiveWindow> windows;     // by objective (source order), window, group
  std::vector<CreditTotal> credits;
  std::vector<TerminationRight> terminations;
};

struct Report {
  std::int64_t at = 0; // the evaluation instant
  std::vector<AgreementReport> agreements;
  std::uint64_t recordsRead = 0;
  std::uint64_t recordsRejected = 0;
  // Records whose event time is after `at`: not known yet, not counted.
  std::uint64_t recordsAfterAt = 0;
  std::map<std::string, std::uint64_t> rejectedByReason;
  // The data files read, by RecordBatch::source (MissedRecord::source).
  std::vector<std::string> dataSources;
  // The calendars as evaluated (EvaluationOptions::calendars); empty: as the
  // program declares them.
  std::vector<calendar::CalendarSpec> calendars;
  // The clock pauses as read (by plan::Program::pauseSources), so that
  // `--explain` computes a record's times as the evaluation did.
  std::vector<ClockPauses> pauses;
};

} // namespace slac::eval
