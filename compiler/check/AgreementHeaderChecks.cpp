#include "check/AgreementHeaderChecks.h"

#include "check/CalendarChecks.h"

namespace slac::check {

namespace {

void checkHeader(const ast::AgreementDecl& agreement, DiagnosticEngine& diagnostics) {
  for (const ast::AgreementItem& item : agreement.items)
    if (const auto* zone = std::get_if<ast::ZoneItem>(&item))
      checkZoneName(zone->zone, diagnostics);
}

} // namespace

void checkAgreementHeaders(const std::vector<const modules::Module*>& modules,
                           DiagnosticEngine& diagnostics) {
  for (const modules::Module* module : modules)
    for (const ast::Decl* decl : module->ast.declarations)
      if (const auto* agreement = dyn_cast<ast::AgreementDecl>(decl))
        checkHeader(*agreement, diagnostics);
}

} // namespace slac::check
