#pragma once

// The first pass of the checker: every scope (file, service, stream,
// agreement) declares each name once, and every reference a declaration
// makes by name — holiday sets, calendars, services and their metrics and
// streams, event-time fields, objectives, supported agreements, test
// subjects — names something that exists, with a "did you mean" note when a
// declared name is close. Names inside expressions are resolved with the
// types, in the next pass.

#include "diagnostics/DiagnosticEngine.h"
#include "modules/ModuleLoader.h"

#include <map>
#include <vector>

namespace slac::check {

// What the later passes need of the resolution, by declaration.
struct ResolvedNames {
  // `agreement ola supports sla`: ola → sla.
  std::map<const ast::AgreementDecl*, const ast::AgreementDecl*> supported;
};

ResolvedNames resolveNames(const std::vector<const modules::Module*>& modules,
                           DiagnosticEngine& diagnostics);

} // namespace slac::check
