#pragma once

#include "values/Values.h"

// The literal values of the AST are the shared values of every layer; the
// AST names them as its own, so that its users need not know where they live.
namespace slac::ast {

using values::CivilDate;
using values::DateTime;
using values::Decimal;
using values::formatDuration;
using values::Int128;
using values::kMicrosPerSecond;
using values::Money;
using values::Payout;
using values::TierBound;
using values::tierBoundSpelling;
using values::TimeOfDay;

} // namespace slac::ast
