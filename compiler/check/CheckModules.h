#pragma once

// The checker's one entry point, as Carbon's `Check::CheckParseTrees`: runs
// every pass, in their order, on the loaded modules and builds their plan.
// The passes themselves (name resolution, the plan builder, the consistency
// checks) are this library's internals; the pipeline (compile/Compile.h)
// calls this and nothing else of it.

#include "diagnostics/DiagnosticEngine.h"
#include "modules/ModuleLoader.h"
#include "plan/Plan.h"
#include "source/SourceManager.h"

#include <optional>
#include <vector>

namespace slac::check {

// The plan of `modules` (every module loaded, imports included), or nothing
// when any error was reported, by a pass or before: evaluators only ever see
// a program that checked cleanly. Reports every finding to `diagnostics`.
std::optional<plan::Program> checkModules(const std::vector<const modules::Module*>& modules,
                                          const SourceManager& sources,
                                          DiagnosticEngine& diagnostics);

} // namespace slac::check
