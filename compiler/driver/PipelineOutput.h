#pragma once

// How the commands of `slac` show what the compile pipeline
// (compile/Compile.h) made: the diagnostics rendered for a terminal or a
// tool, and the exit code when there is nothing to evaluate.

#include "compile/Compile.h"
#include "diagnostics/DiagnosticEngine.h"
#include "driver/Commands.h"
#include "source/SourceManager.h"

#include <optional>
#include <string>
#include <string_view>

namespace slac::driver {

// The pipeline's options for a command: where it stops, the CLI's error
// limit, and the root its imports and test data may be read from.
compile::Options compileOptions(compile::Stage stopAfter, const modules::RootPolicy& roots = {});

// How `slac eval`, `slac test` and `slac compile` begin, after compiling
// to Stage::Verified: prints the diagnostics (and any invariant the plan
// broke, an internal error); the exit code when there is no plan to
// evaluate.
std::optional<int> reportForEvaluation(const compile::Compilation& compilation);

// Writes the diagnostics to stderr (text) or stdout (JSON, SARIF).
void printDiagnostics(const DiagnosticEngine& diagnostics, const SourceManager& sources,
                      DiagnosticFormat format, bool color, std::string_view toolVersion = {});

// `2 errors and 0 warnings generated` on stderr, when there were any.
void printDiagnosticCounts(const DiagnosticEngine& diagnostics);

} // namespace slac::driver
