#pragma once

#include "diagnostics/Diagnostic.h"
#include "source/SourceManager.h"

#include <string>
#include <vector>

namespace slac {

// Renders diagnostics as one JSON document (schema: docs/diagnostics.md):
// {"diagnostics": [{"severity", "code", "message", "file", "range",
// "notes", "fixits"}], "errors": N, "warnings": N}.
std::string renderDiagnosticsJson(const std::vector<Diagnostic>& diagnostics,
                                  const SourceManager& sources);

} // namespace slac
