#pragma once

// The boundary between the evaluation core and compiled record kernels
// (runtime/jit). The core owns windows, groups, exact aggregation state and
// judgement; a kernel replaces, for one stream, the per-record part of the
// reference interpreter: reading the columns, computing lets, conditions
// and values, checking calendars, finding the record's window and counting
// it in plain counters (FastCounters), which the core folds into its exact
// state before judging: counting is associative, so the fold is an exact
// merge (docs/evaluation.md, "Engines").
//
// A route whose windows the kernel does not count (rolling windows,
// slices, approximate percentiles) is given each record the kernel has
// decided, through the interpreter's routing (slac_kernel_slow_route).
//
// A kernel takes only the records it can decide on its own. Any record
// with an unset condition, an overflow, a calendar question outside the
// prepared range or an event outside every agreement goes, whole, through
// the interpreter's path (slac_kernel_slow_record), which gives it the
// same treatment and the same error message as with `--engine=interp`.
// But for a ratio's condition that is unset when `at` is known: the core
// judges the record at `at` as the interpreter would (slac_kernel_judge),
// and the kernel counts it, pending or missed.
//
// Everything here is plain data or `extern "C"` and `noexcept`: JIT frames
// must never see a C++ exception (docs/PLATFORM notes on LLVM).

#include "plan/Plan.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace slac::calendar {
class Calendar;
}

namespace slac::eval {

// What one aggregate has counted, in one window and group, from the
// records a kernel took. Values are integers in the unit of their type
// (plan::Type): µs, days, enum cases, millionths of a percent. A ratio
// counts `seen`, `good` (and, with a population, its members in `count`)
// and the records judged pending at `at`: its misses are the rest of its
// records (or members).
struct alignas(16) FastCounters {
  std::int64_t seen = 0;  // passed the objective's calendars
  std::int64_t count = 0; // condition held (not for ratios)
  std::int64_t good = 0;  // ratio: condition held
  // Ratio: condition unset, and judged pending at `at` (slac_kernel_judge).
  std::int64_t judgedPending = 0;
  std::int64_t valueCount = 0;
  std::int64_t minimum = INT64_MAX;
  std::int64_t maximum = INT64_MIN;
  std::vector<std::int64_t>* values = nullptr; // exact percentiles
  plan::Int128 sum = 0;
};

// The window a route (one objective reading the stream) found last: most
// records fall in the same window as the one before, so the kernel checks
// this before it asks the core. A route without groups has its counts
// pending for this window, so the core moves its cache only in
// slac_kernel_locate, which the kernel calls after flushing them. A
// group's cache holds counters whenever it holds a window. Routes with
// groups whose windows are always the same share one check (the kernel's
// windowLeaderOf): the core changes a group's cache only for the route
// asked, and empties all caches at once, never one alone.
struct RouteCache {
  std::int64_t start = 0;
  std::int64_t end = 0; // empty: nothing cached
  FastCounters* counters = nullptr;
};

// A condition on one count of each slice, `count <=> constant`, unset in a
// slice that saw no record (`count(probe where ok) >= quorum`): `position`
// is the count's entry in KernelRoute::sliceLeaves (and in SliceCounters'
// aggregates).
struct SliceCountCondition {
  std::size_t position = 0;
  plan::Comparison comparison = plan::Comparison::Ge;
  std::int64_t constant = 0;
  bool operator==(const SliceCountCondition&) const = default;
  // The condition on a slice whose count saw `seen` records, `count` of
  // them holding: unset when it saw none.
  std::optional<bool> holds(std::int64_t seen, std::int64_t count) const {
    if (seen == 0)
      return std::nullopt;
    return plan::comparisonHolds(comparison, count <=> constant);
  }
};

// A run of consecutive slices of one window (and group) that a kernel
// counts in without calling the core: the slice that holds instant t is
// i = (t - start) / width, and bit i of `touched` marks it as having
// records. A year of minute slices used to call the core once per slice;
// it now does once per run.
//
// A leaf whose slices a kernel counts in 8 bits (kernelCountsSlicesIn8Bits)
// has, per slice, the 8-bit fields SliceCounters keeps (sliceFieldsOf, in
// the order of the entries) at fields + i × sliceFieldsOf: the core copies
// a run into a word of slices never written before as it is, and judges
// the slices' count condition (SliceCountCondition) on the 64 at once,
// their fields still in the cache. Any other leaf has one FastCounters per
// entry at counters + i × entries.
struct SliceRun {
  static constexpr std::int64_t kSlices = 64; // bits of `touched`
  std::int64_t start = 0;                     // of the run's first slice
  std::int64_t end = 0;                       // of its last slice, the window's end at most
  std::uint64_t touched = 0;
  FastCounters* counters = nullptr;
  std::uint8_t* fields = nullptr;
};

// One call of a kernel: a batch's columns and where the results go.
struct KernelFrame {
  // Per column its values (ingest::Column): 64-bit integers, a byte each
  // for a bool; null for text columns.
  const void* const* values = nullptr;
  const std::uint8_t* const* present = nullptr; // per column, null for required ones
  std::uint64_t rows = 0;
  std::int64_t knownUntil = INT64_MAX;         // `--at`: later events are not known yet
  std::int64_t optionalTimesUntil = INT64_MAX; // later optional times are unset
  std::uint64_t afterAt = 0;
  // The latest event counted, for a stream that no objective reads (else
  // the latest of lastEvent).
  std::int64_t latestEvent = INT64_MIN;
  // Per agreement, the first and last events counted: the first as known
  // before the call (INT64_MAX when none), the last of the call (INT64_MIN
  // when none).
  std::int64_t* firstEvent = nullptr;
  std::int64_t* lastEvent = nullptr;
  RouteCache* routes = nullptr; // per route of the stream
  // Per route with groups (null for the others): a key for each row, the
  // group id of each key (row i is of group groupOfKey[groupKeys[i]]: the
  // keys are the reader's codes of a coded column, Column::codes, so that
  // no pass over the rows maps them first), and by group id the window that
  // group found last (counters null when none), which slac_kernel_locate
  // updates. All stay valid for the call.
  const std::uint32_t* const* groupKeys = nullptr;
  const std::uint32_t* const* groupOfKey = nullptr;
  RouteCache* const* groupCaches = nullptr;
  void* host = nullptr;        // the evaluator
  const void* batch = nullptr; // the ingest::RecordBatch
  // The prepared calendars, by Program::calendars' index: read here, not
  // written into the code, so that compiled code holds no address of this
  // run (the kernel cache hands it to the next).
  const calendar::Calendar* calendars = nullptr;
};

using KernelFunction = void (*)(KernelFrame*);

// A route as the core sees it: the objective, and the aggregates of its
// metric in the order the core feeds them (one FastCounters each, those of
// other streams never touched).
struct KernelRoute {
  std::uint32_t agreement = 0;
  std::uint32_t objective = 0;
  bool grouped = false; // `per FIELD`
  // The columns of the group fields in the route's stream, in `per` order.
  std::vector<std::uint32_t> groupColumns;
  std::vector<std::uint32_t> leaves;
  // Per leaf over slices: the aggregates its per-slice expressions read, in
  // the order of each slice's counters in a SliceRun (empty for
  // a leaf over a stream).
  std::vector<std::vector<std::uint32_t>> sliceLeaves;
  std::int64_t effectiveStart = INT64_MIN;
  std::int64_t effectiveEnd = INT64_MAX;
};

// The fields SliceCounters keeps per slice for one aggregate of a slice, in
// 8 bits for counts and ratios: seen, count (a ratio's population members)
// and, for a ratio, good; FastCounters' fields of the same names.
inline std::size_t sliceFieldsOf(plan::AggregateKind kind) {
  return kind == plan::AggregateKind::Ratio ? 3 : 2;
}
// The same for all the aggregates of a slice (KernelRoute::sliceLeaves'
// entries): the 8-bit fields of one slice in a SliceRun.
inline std::size_t sliceFieldsOf(const plan::Program& program,
                                 const std::vector<std::uint32_t>& inner) {
  std::size_t fields = 0;
  for (std::uint32_t aggregate : inner)
    fields += sliceFieldsOf(program.aggregates[aggregate].kind);
  return fields;
}

// Whether a kernel counts the slices of the route's leaf over slices `leaf`
// in 8 bits (SliceRun::fields): a route without groups (whose kernel keeps
// a slice's counts apart until the slice changes), whose slices
// read only counts and ratios of its own stream.
inline bool kernelCountsSlicesIn8Bits(const plan::Program& program, std::uint32_t stream,
                                      const KernelRoute& route, std::uint32_t leaf) {
  const std::vector<std::uint32_t>& inner = route.sliceLeaves[leaf];
  return !route.grouped && !inner.empty() &&
         std::all_of(inner.begin(), inner.end(), [&](std::uint32_t aggregate) {
           const plan::Aggregate& counted = program.aggregates[aggregate];
           return counted.stream == stream && (counted.kind == plan::AggregateKind::Count ||
                                               counted.kind == plan::AggregateKind::Ratio);
         });
}

// Whether a kernel counts the windows of a route grouped by a field of this
// type: the core names its cells for the group (the text, the enum case,
// the whole number) as the interpreter names its values. Decimals, percents
// and money are grouped by the floor of their value, which only the
// interpreter computes.
inline bool kernelGroupsBy(const plan::Type& type) {
  switch (type.kind) {
  case plan::TypeKind::String:
  case plan::TypeKind::Enum:
  case plan::TypeKind::Int:
  case plan::TypeKind::Bool:
  case plan::TypeKind::Date:
  case plan::TypeKind::Time:
  case plan::TypeKind::Duration:
    return true;
  default:
    return false;
  }
}

// Whether a kernel finds the groups of `route` (a route of `stream` with
// groups) itself: every group field's type is one kernelGroupsBy names.
inline bool kernelGroupsRoute(const plan::Stream& stream, const KernelRoute& route) {
  return std::all_of(
      route.groupColumns.begin(), route.groupColumns.end(),
      [&](std::uint32_t column) { return kernelGroupsBy(stream.fields[column].type); });
}

// What a kernel compiler may know of a prepared calendar (the rest a kernel
// asks at run time, through KernelFrame::calendars): written into the
// code, so part of the kernel cache's key (jit/KernelCacheKey.h), which is
// why the compiler is given these and not the calendar.
struct KernelCalendar {
  std::int64_t rangeStart = 0; // the instants it may be asked about, inclusive
  std::int64_t rangeEnd = 0;
  bool openThroughout = false;
  std::int64_t totalOpen = 0;   // from rangeStart to rangeEnd
  std::int64_t businessDay = 0; // its `business day`; 0 when it has none
};

// Everything a kernel compiler reads to make a program's kernels. The
// kernel cache finds compiled kernels by all of it but `threads` and
// `cacheDirectory` (jit/KernelCacheKey.h): a member added here must be
// added to the key too.
struct KernelRequest {
  const plan::Program* program = nullptr;
  std::vector<KernelCalendar> calendars;        // per Program::calendars
  std::vector<std::vector<KernelRoute>> routes; // per stream
  unsigned threads = 0;                         // compiling at once at most; 0: one per core
  // Where compiled kernels are kept for later runs (jit/KernelCache.h);
  // empty: none are kept or looked for.
  std::string cacheDirectory;
};

// The ratios over `stream` whose records' conditions slac_kernel_judge
// judges at `at`, in the order of the bits it answers: the stream's
// ratios in Program::aggregates' order, 63 at most.
inline std::vector<std::uint32_t> judgedRatios(const plan::Program& program, std::uint32_t stream) {
  std::vector<std::uint32_t> ratios;
  for (std::uint32_t index = 0; index < program.aggregates.size() && ratios.size() < 63; ++index)
    if (program.aggregates[index].stream == stream &&
        program.aggregates[index].kind == plan::AggregateKind::Ratio)
      ratios.push_back(index);
  return ratios;
}

// What a compiler made of a program: a kernel per stream, or the reason the
// interpreter keeps that stream.
struct CompiledKernels {
  std::vector<KernelFunction> kernels; // per stream; null: interpreted
  // Per stream: why not compiled, or which routes the interpreter counts.
  std::vector<std::string> interpreted;
  std::string statistics;      // for --verbose
  std::shared_ptr<void> owner; // keeps the compiled code alive
};

class KernelCompiler {
public:
  virtual ~KernelCompiler() = default;
  // An error message when compilation itself fails (never for a construct
  // the compiler does not lower: that stream stays interpreted).
  virtual std::variant<CompiledKernels, std::string>
  compile(const KernelRequest& request) const = 0;
};

} // namespace slac::eval

extern "C" {
// The record goes through the interpreter's path (and its errors).
void slac_kernel_slow_record(void* host, const void* batch, std::uint64_t row) noexcept;
// The counters of the route's window (and group) for the record; updates
// the route's cache when the route has no groups, the group's cache
// (KernelFrame::groupCaches) when it has.
slac::eval::FastCounters* slac_kernel_locate(void* host, std::uint32_t route, const void* batch,
                                             std::uint64_t row, std::int64_t eventTime) noexcept;
// The record, decided by the kernel, counted in a route the kernel does not
// count itself (rolling windows, slices, approximate percentiles) by the
// interpreter's routing.
void slac_kernel_slow_route(void* host, std::uint32_t route, const void* batch,
                            std::uint64_t row) noexcept;
// The run of slices of the record's window (and group) that holds the
// record, for a route's leaf over slices (KernelRoute::sliceLeaves); the
// run before is added to its window's slices when it changes.
slac::eval::SliceRun* slac_kernel_locate_slice(void* host, std::uint32_t route, std::uint32_t leaf,
                                               const void* batch, std::uint64_t row,
                                               std::int64_t eventTime) noexcept;
// Adds one slice's counters (a FastCounters per entry of the leaf's
// sliceLeaves) to its window's slices, for a leaf counted in 8 bits whose
// slice would pass 255 in some field: slice `slice` of the run the route's
// leaf found last.
void slac_kernel_add_slice(void* host, std::uint32_t route, std::uint32_t leaf, const void* batch,
                           std::int64_t slice, const slac::eval::FastCounters* counters) noexcept;
// The record, whose condition is unset for some ratio the kernel counts,
// judged at `at` (docs/evaluation.md): bit k set when the k-th of
// judgedRatios misses (its condition is already false with every unset
// time taken as `at`), clear when the record is pending for it; negative
// when the record is the interpreter's (`at` is not known, or an
// expression refuses the record then).
std::int64_t slac_kernel_judge(void* host, const void* batch, std::uint64_t row) noexcept;
// An exact percentile's value.
void slac_kernel_add_value(void* host, slac::eval::FastCounters* counters,
                           std::int64_t value) noexcept;
}
