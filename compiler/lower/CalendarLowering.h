#pragma once

// Lowers a `calendar` declaration to the calendar engine's input, resolving
// the `holidays` sets it closes in its module and the modules that imports.

#include "diagnostics/DiagnosticEngine.h"
#include "modules/ModuleLoader.h"
#include "values/CalendarSpec.h"

#include <optional>
#include <string_view>

namespace slac::lower {

// The calendar `name` declared in `module`, or nothing (with diagnostics)
// when there is none or a holiday set it closes is unknown. Meant for
// checked modules: zones and intervals are the checker's to report, and
// Calendar::prepare refuses whatever is still wrong.
std::optional<calendar::CalendarSpec>
lowerCalendar(const modules::Module& module, std::string_view name, DiagnosticEngine& diagnostics);

} // namespace slac::lower
