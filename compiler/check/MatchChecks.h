#pragma once

// `match` over an enum field: every case has exactly one arm (or `_` covers
// the rest), and every pattern names a case of the enum. A match whose
// subject is not an enum field is left to the type checker.

#include "diagnostics/DiagnosticEngine.h"
#include "modules/ModuleLoader.h"

#include <vector>

namespace slac::check {

void checkMatches(const std::vector<const modules::Module*>& modules,
                  DiagnosticEngine& diagnostics);

} // namespace slac::check
