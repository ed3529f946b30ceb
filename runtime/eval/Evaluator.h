#pragma once

// The reference interpreter (brief §5 and §6): reads the records of every
// stream in batches, routes each to the windows and groups of the
// objectives that measure it, keeps per window the aggregation state that
// is needed (counters, exact sums, the values of exact percentiles, slice
// tables, the records still undecided), and at the end judges every window:
// value, status, error budget, remedies, caps and termination rights.
//
// Simple and obviously right, not fast: every number is an exact Rational,
// every expression is walked by ExprInterpreter. It is the oracle the JIT is
// tested against, so its rules are written out in docs/evaluation.md.

#include "eval/ExprInterpreter.h"
#include "eval/RecordKernel.h"
#include "eval/Report.h"
#include "ingest/RecordBatch.h"
#include "plan/Plan.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace slac::eval {

struct EvaluationOptions {
  // The evaluation instant: windows ending after it are pending, rolling
  // windows end at it, undecided records are judged at it. Default: the
  // latest event time in the data.
  std::optional<std::int64_t> at;
  // Report only the windows that overlap [from, to); default: from each
  // agreement's first record up to `at`. Never outside the effective
  // period: windows are cut to it.
  std::optional<std::int64_t> from;
  std::optional<std::int64_t> to;
  // The process's resident memory the evaluation may reach (bytes; 0: no
  // limit). Past it, overBudget() and finish() say what grew.
  std::uint64_t maxMemory = 0;
  // Compiles record kernels (runtime/jit); without one, or for a stream it
  // does not compile, every record goes through the interpreter. The
  // reports are the same either way.
  const KernelCompiler* compiler = nullptr;
  // How many streams' kernels may compile at once; 0: one per core.
  unsigned compileThreads = 0;
  // The directory of the kernel cache (KernelRequest::cacheDirectory);
  // empty: every kernel is compiled.
  std::string kernelCache;
  // Keep every window's misses (ObjectiveWindow::misses): their count and
  // times and, with listedMisses > 0, that many of the records (`slac eval
  // --explain`, the HTML report's burn-down). Off, nothing is kept. The
  // interpreter notes them: with keepMisses, `compiler` is not used.
  bool keepMisses = false;
  std::size_t listedMisses = 0;
  // Per Program::calendars, the calendar with what its files added
  // (`window from`, `closed from`: plan::CalendarFile); empty: the
  // calendars as the program declares them.
  std::vector<calendar::CalendarSpec> calendars;
};

// A record the evaluator refused (brief §7): its event time lies outside
// every agreement that measures it, or an expression over it failed (an
// end before its start, an overflow).
struct RecordError {
  std::uint32_t stream = 0;
  std::uint32_t source = 0; // RecordBatch::source of the record
  std::uint64_t line = 0;
  std::string reason; // `outside_period`, `invalid_record`
  std::string message;
};

class Evaluator {
public:
  // Prepares the calendars for the agreements' periods; an error message
  // when one cannot be prepared.
  static std::variant<std::unique_ptr<Evaluator>, std::string> create(const plan::Program& program,
                                                                      EvaluationOptions options);
  ~Evaluator();

  // Adds the batch's records; returns those it refused (the others count).
  // Records whose event time is after `at` are not yet known: skipped and
  // counted (Report::recordsAfterAt), not refused.
  std::vector<RecordError> feed(const ingest::RecordBatch& batch);

  // A new evaluator of the same program and options, fed nothing, for
  // another thread: it shares this one's compiled kernels (read-only code;
  // nothing is compiled again) and prepares its own calendars. Feed it a
  // part of the data and merge() it into this one.
  std::unique_ptr<Evaluator> sibling() const;

  // Adds everything `other` has been fed, as if this evaluator had been fed
  // it too: both are of the same program and options, and neither has been
  // settled. Evaluators fed disjoint parts of the data on several threads
  // (or machines) and merged give exactly the report of one evaluator fed
  // it all, provided each was fed every status change of the clock pauses
  // (plan::PauseSource) before the records whose clocks they pause.
  void merge(Evaluator&& other);

  // Once the process has outgrown EvaluationOptions::maxMemory: why, with
  // the sizes of what the evaluation keeps (groups, windows, undecided
  // records, percentile values). Cheap enough to ask once per batch.
  std::optional<std::string> overBudget() const;

  // After the last batch: judges the records still undecided at the
  // evaluation instant; returns those an expression refuses then (left out
  // of every ratio). Call once, before finish().
  std::vector<RecordError> settle();

  // The report, or why none can be given: a window whose value overflows,
  // or a report that breaks its own completeness invariant.
  std::variant<Report, std::string> finish();

  // For each field of `stream`, whether the evaluation reads its values
  // (plan::Program::readFields, or every field with keepMisses): the
  // batches fed may leave the other columns empty, their cells checked by
  // the reader but not kept.
  const std::vector<bool>& fieldsRead(std::uint32_t stream) const;

  // Which streams run compiled kernels, and why the others do not.
  std::string engineStatistics() const;
  // Whether records of `stream` go through the interpreter: no kernel
  // compiled it, or its kernel leaves some objectives to the interpreter.
  bool interprets(std::uint32_t stream) const;

  // What `emit` makes of the kernel request the evaluator would give a
  // kernel compiler (for `slac compile --emit=llvm|asm`): a text, or an
  // error (index 1).
  using KernelEmitter = std::function<std::variant<std::string, std::string>(const KernelRequest&)>;
  static std::variant<std::string, std::string> emitKernels(const plan::Program& program,
                                                            const KernelEmitter& emit);

private:
  struct State;
  // create(), or with the kernels `kernelsOf` compiled (sibling()).
  static std::variant<std::unique_ptr<Evaluator>, std::string>
  make(const plan::Program& program, EvaluationOptions options, const State* kernelsOf);
  explicit Evaluator(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

} // namespace slac::eval
