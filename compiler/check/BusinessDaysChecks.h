#pragma once

// "Business days" mean the calendar's declared day (brief section 4): a
// `N business days` literal compared with time measured on a calendar, or
// given to `deadline` with one, needs that calendar to say
// `business day = ...`, and time measured without a calendar has no
// business days. Lets are followed, so `let target = match priority
// { ..., P4 => 1 business day }` compared with `elapsed(..., hours)` is
// checked against every calendar `hours` can be.

#include "diagnostics/DiagnosticEngine.h"
#include "modules/ModuleLoader.h"

#include <vector>

namespace slac::check {

void checkBusinessDays(const std::vector<const modules::Module*>& modules,
                       DiagnosticEngine& diagnostics);

} // namespace slac::check
