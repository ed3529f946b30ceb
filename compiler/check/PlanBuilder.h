#pragma once

// The type checker's entry point: types every service, agreement and test
// of the loaded modules and builds the plan (plan/Plan.h) that both
// evaluators consume. Runs after name resolution, whose reports it does not
// repeat: a reference that did not resolve is skipped silently here.

#include "check/ConstantFacts.h"
#include "check/NameResolution.h"
#include "diagnostics/DiagnosticEngine.h"
#include "modules/ModuleLoader.h"
#include "plan/Plan.h"
#include "source/SourceManager.h"

#include <optional>
#include <vector>

namespace slac::check {

// The plan, or nothing when any error was reported (by this pass or an
// earlier one): evaluators only ever see a program that checked cleanly.
// The constants it folds for targets, thresholds and amounts go to `facts`
// (if given), for the consistency checks that run after it.
std::optional<plan::Program> buildPlan(const std::vector<const modules::Module*>& modules,
                                       const ResolvedNames& names, const SourceManager& sources,
                                       DiagnosticEngine& diagnostics,
                                       ConstantFacts* facts = nullptr);

} // namespace slac::check
