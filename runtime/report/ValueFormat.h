#pragma once

// How reports write values: percents and numbers as exact decimals (a
// value that does not terminate within six decimals is rounded half to
// even there), money to the currency's minor unit (half to even, only
// here), durations as in the language (`5h`, `1h30m`), instants in RFC 3339
// UTC, windows by their local calendar name (`2026-03`, `2026-Q2`).

#include "eval/Periods.h"
#include "eval/Report.h"
#include "plan/Plan.h"

#include <string>

namespace slac::report {

// Digits after the point of a currency's minor unit (ISO 4217): 2 unless
// the currency says otherwise (JPY 0, KWD 3, ...).
int minorUnitDigits(plan::CurrencyCode currency);

// The digits after the point that JSON and CSV keep: exact for every value
// written with up to six decimals.
inline constexpr int kExactDigits = 6;

// A decimal with no trailing zeros, rounded half to even at `digits`
// decimals (`98.88` at 2 for 98.876543).
std::string decimalText(const eval::Rational& value, int digits = kExactDigits);
std::string durationText(std::int64_t micros);
// The same without days (`38h`, not `1d14h`): for business time, where a
// day of the calendar is not 24 hours.
std::string hoursText(std::int64_t micros);
// A value of the given type: `99.95%`, `5h`, `1200.00 EUR`, `4.2`;
// percents and numbers rounded at `digits` decimals (money always at its
// minor unit, durations and instants never).
std::string valueText(const eval::Value& value, const plan::Type& type,
                      const plan::Program& program, int digits = kExactDigits);
// An objective's target, `>= 95%`; with a target per class, every class's:
// `>= 99.9% for gold, 99.5% for silver`.
std::string targetText(const plan::Objective& objective, const plan::Program& program,
                       int digits = kExactDigits);
// The target one window was judged against, `>= 99.9%`.
// The objective's target and, when revisions change it, each later one
// with its date: `>= 99% (from 2026-03-01, amendment_1: >= 99.5%)`.
std::string targetsText(const plan::Agreement& agreement, std::uint32_t objective,
                        const plan::Program& program);
std::string targetText(const eval::ObjectiveWindow& judged, const plan::Objective& objective,
                       const plan::Program& program, int digits = kExactDigits);
// An instant as a person in `zone` reads it: `2026-03-09 09:00 CET`
// (seconds only when there are any).
std::string localTimeText(std::int64_t instant, const values::Zone& zone);
// `2400.00 EUR per month`.
std::string feeText(const plan::Fee& fee, const plan::Program& program);
std::string amountText(const eval::Amount& amount);
// A CSV cell (RFC 4180): quoted when it holds a separator, a quote or a
// line break, with quotes doubled.
std::string csvCell(std::string_view text);
// `2026-03`, `2026-Q2`, `2026-W10`, `2026-03-10`, `2026`; rolling windows
// as `rolling 7d to 2026-04-01T00:00:00Z`.
// An objective's window by its calendar period, with the days the
// agreement was in force when it covers only part of the period.
std::string objectiveWindowLabel(const eval::ObjectiveWindow& judged, const plan::Period& period,
                                 const values::Zone& zone);

std::string windowLabel(const eval::Window& window, const plan::Period& period,
                        const values::Zone& zone);

} // namespace slac::report
