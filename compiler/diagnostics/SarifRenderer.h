#pragma once

#include "diagnostics/Diagnostic.h"
#include "source/SourceManager.h"

#include <string>
#include <string_view>
#include <vector>

namespace slac {

// Renders diagnostics as a SARIF 2.1.0 log with one run, in the shape GitHub
// code scanning reads: every diagnostic kind is a rule of the tool driver
// (id = code), every diagnostic a result with ruleId, level, message and a
// physical location; notes become related locations and fix-its fixes.
// Columns count Unicode code points (`columnKind: unicodeCodePoints`).
std::string renderDiagnosticsSarif(const std::vector<Diagnostic>& diagnostics,
                                   const SourceManager& sources, std::string_view toolVersion);

} // namespace slac
