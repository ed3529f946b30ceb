#pragma once

// The header items of an agreement (`provider`, `effective`, `zone`,
// `fee`): each is said at most once, with values the evaluator can use: a
// known zone, an effective period that does not end before it starts and
// lies in the years an instant can be computed for.

#include "diagnostics/DiagnosticEngine.h"
#include "modules/ModuleLoader.h"

#include <vector>

namespace slac::check {

void checkAgreementHeaders(const std::vector<const modules::Module*>& modules,
                           DiagnosticEngine& diagnostics);

} // namespace slac::check
