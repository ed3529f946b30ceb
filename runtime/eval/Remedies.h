#pragma once

// The money of a judgement (brief §6), the same for both engines: what a
// judged window owes or earns under a remedy (its tiers, its amounts per
// breach, its cap), what each group owes per billing period under the
// agreement's caps, and the rights to terminate that runs of breached
// windows grant. Reads only judged windows and the agreement's terms, never
// the aggregation state: the values and statuses are decided before.
//
// Amounts are exact (Rational); a percent of the fee follows the fee's
// period pro rata (docs/evaluation.md, "Status, budget, remedies").

#include "eval/Report.h"
#include "eval/Windows.h"

#include <optional>

namespace slac::eval {

// What `remedy` makes of `judged`, a window of `objective`, under `fee`
// (that of the terms in force in the window, if any). Only a met or
// breached window owes or earns anything.
RemedyResult judgeRemedy(const AgreementWindows& windows, const plan::Remedy& remedy,
                         const plan::Objective& objective, const std::optional<plan::Fee>& fee,
                         const ObjectiveWindow& judged);

// Adds to `report` (whose windows are all judged, in report order) what each
// group owes per billing period, after every cap of the terms in force.
void addCreditTotals(const plan::Agreement& agreement, const AgreementWindows& windows,
                     AgreementReport& report);

// Adds to `report` the termination rights its runs of breached windows grant.
void addTerminations(const plan::Agreement& agreement, const AgreementWindows& windows,
                     AgreementReport& report);

} // namespace slac::eval
