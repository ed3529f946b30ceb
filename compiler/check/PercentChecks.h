#pragma once

// Percents are between 0% and 100% wherever they are written (targets,
// thresholds, credits, caps, expressions), and an objective that asks for
// 100% is warned about: it has no error budget.

#include "diagnostics/DiagnosticEngine.h"
#include "modules/ModuleLoader.h"

#include <vector>

namespace slac::check {

void checkPercents(const std::vector<const modules::Module*>& modules,
                   DiagnosticEngine& diagnostics);

} // namespace slac::check
