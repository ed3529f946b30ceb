#pragma once

// What the renderings for people (text, Markdown, HTML) share: the facts
// of an agreement's header, the words for statuses, budgets and credits,
// and the misses of breached windows (`--explain`).

#include "eval/Report.h"
#include "plan/Plan.h"
#include "report/MissExplanation.h"

#include <string>
#include <vector>

namespace slac::report {

struct Fact {
  std::string label; // `provider`
  std::string text;
};

// Provider, customer, fee, effective period and the span of the reported
// windows, each only when there is one.
std::vector<Fact> agreementFacts(const eval::AgreementReport& agreement,
                                 const plan::Program& program, const values::Zone& zone);

// `First response in time (desk.responded_in_time: Tickets first ...)`.
std::string objectiveDescription(const eval::ObjectiveHeading& heading);

// A window's value rounded at `digits`, with as many more digits (up to
// the exact ones) as it takes for the rounded value not to contradict the
// status: 99.949 % is not written `99.95%` next to a target of 99.95 %,
// 99.996 % is not written `100%`.
std::string windowValueText(const eval::ObjectiveWindow& judged, const plan::Objective& objective,
                            const plan::Program& program, int digits);

const char* statusMark(eval::Status status); // `✓ met`
std::string creditText(const eval::ObjectiveWindow& judged);
std::string budgetText(const eval::ObjectiveWindow& judged);

// The misses of one breached window, for `--explain`.
struct BreachDetails {
  const eval::ObjectiveWindow* judged = nullptr;
  // False for a metric whose misses are not records or slices (a sum, a
  // count, a formula, an aggregate of slice values): nothing to list.
  bool listed = false;
  std::int64_t count = 0;
  std::vector<MissExplanation> records; // at most the limit
  std::int64_t notListed = 0;
  // Bad slices, consecutive ones merged: [start, end).
  std::vector<eval::Window> badSpans;
};

std::vector<BreachDetails> breachesOf(std::size_t agreementIndex, const eval::Report& report,
                                      const plan::Program& program, const MissExplainer& explainer,
                                      std::size_t limit);

// `resolution 2026-03 kaiser-druck: 2 misses`.
std::string breachTitle(const BreachDetails& breach, const plan::Objective& objective,
                        const values::Zone& zone);
// `3h10m in office`, `25m`.
std::string lateText(const MissExplanation& explanation);
// The explanation's due / done instants in `zone`, `-` when unknown.
std::string dueText(const MissExplanation& explanation, const values::Zone& zone);
std::string doneText(const MissExplanation& explanation, const values::Zone& zone);
// The columns of a breach's table of records and a record's cells in
// them: an interval's start, end (`open` while it lasts) and time covered
// in the window; another record's event time, due, done, late by and what
// was measured.
std::vector<std::string> missColumns(const BreachDetails& breach);
std::vector<std::string> missCells(const MissExplanation& explanation, const values::Zone& zone);
// `2026-03-10 10:00 CET to 10:40 CET (40m)`.
std::string spanText(const eval::Window& span, const values::Zone& zone);

} // namespace slac::report
