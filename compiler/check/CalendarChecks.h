#pragma once

// Section 8 of the brief for calendars: the zone is a known IANA zone, every
// interval ends after it starts, the hours of a weekday (and of an open
// date) do not overlap, `zone` and `business day` are said once, and the
// closed dates a file writes lie in the effective period of one of its
// agreements.

#include "ast/Node.h"
#include "diagnostics/DiagnosticEngine.h"
#include "modules/ModuleLoader.h"

#include <vector>

namespace slac::check {

// E0304 unless `zone` names a zone of the IANA database.
void checkZoneName(const ast::StringValue& zone, DiagnosticEngine& diagnostics);

void checkCalendars(const std::vector<const modules::Module*>& modules,
                    DiagnosticEngine& diagnostics);

} // namespace slac::check
