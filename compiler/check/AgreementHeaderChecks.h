#pragma once

// The header items of an agreement (`provider`, `effective`, `zone`,
// `fee`): each is said at most once; the first three are said by every
// agreement that does not `supports` another (from which it inherits them);
// the zone is known and the effective period neither ends before it starts
// nor leaves the years the evaluator computes instants for. Whether a fee
// is needed depends on the amounts' types, so the plan builder checks it.

#include "diagnostics/DiagnosticEngine.h"
#include "modules/ModuleLoader.h"

#include <vector>

namespace slac::check {

void checkAgreementHeaders(const std::vector<const modules::Module*>& modules,
                           DiagnosticEngine& diagnostics);

} // namespace slac::check
