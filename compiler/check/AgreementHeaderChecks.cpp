#include "check/AgreementHeaderChecks.h"

#include "check/CalendarChecks.h"

#include <fmt/format.h>

namespace slac::check {

namespace {

// The years in which the evaluator computes instants (docs/language.md).
constexpr std::int32_t kFirstEffectiveYear = 1970;
constexpr std::int32_t kLastEffectiveYear = 2200;

class HeaderChecker {
public:
  explicit HeaderChecker(DiagnosticEngine& diagnostics) : diagnostics_(diagnostics) {}

  void check(const ast::AgreementDecl& agreement) {
    const ast::PartyItem* provider = nullptr;
    const ast::EffectiveItem* effective = nullptr;
    const ast::ZoneItem* zone = nullptr;
    const ast::FeeItem* fee = nullptr;
    for (const ast::AgreementItem& item : agreement.items) {
      if (const auto* party = std::get_if<ast::PartyItem>(&item)) {
        if (party->role == ast::PartyItem::Role::Provider)
          checkOnce(provider, *party, "its `provider`");
      } else if (const auto* period = std::get_if<ast::EffectiveItem>(&item)) {
        checkOnce(effective, *period, "when it is `effective`");
        checkPeriod(*period);
      } else if (const auto* zoneItem = std::get_if<ast::ZoneItem>(&item)) {
        checkOnce(zone, *zoneItem, "its `zone`");
        checkZoneName(zoneItem->zone, diagnostics_);
      } else if (const auto* feeItem = std::get_if<ast::FeeItem>(&item)) {
        checkOnce(fee, *feeItem, "its `fee`");
        if (feeItem->count < 1)
          diagnostics_.report(DiagnosticKind::EmptyFeePeriod, feeItem->range);
      }
    }
    // An agreement that supports another inherits what it leaves out.
    if (agreement.supports)
      return;
    if (!provider)
      reportMissing(agreement, "who provides it; add `provider \"...\"`");
    if (!effective)
      reportMissing(agreement, "when it is in effect; add `effective 2026-01-01 to 2026-12-31` "
                               "(its first and last day)");
    if (!zone)
      reportMissing(agreement, "in which time zone its days and months are counted; add "
                               "`zone \"Europe/Berlin\"` (or `zone \"UTC\"`): none is assumed");
  }

private:
  template <typename Item> void checkOnce(const Item*& first, const Item& item, const char* what) {
    if (first)
      diagnostics_.report(DiagnosticKind::RepeatedAgreementItem, item.range, what)
          .note(first->range, "first said here");
    else
      first = &item;
  }

  void checkPeriod(const ast::EffectiveItem& period) {
    std::string spelling = period.from.toString() + " to " + period.to.toString();
    if (period.to < period.from)
      diagnostics_.report(DiagnosticKind::InvalidEffectivePeriod, period.range, spelling,
                          "ends before it starts; write the first day, then the last");
    else if (period.from.year < kFirstEffectiveYear || period.to.year > kLastEffectiveYear)
      diagnostics_.report(DiagnosticKind::InvalidEffectivePeriod, period.range, spelling,
                          fmt::format("must lie within the years {} to {}", kFirstEffectiveYear,
                                      kLastEffectiveYear));
  }

  void reportMissing(const ast::AgreementDecl& agreement, const char* what) {
    diagnostics_.report(DiagnosticKind::MissingAgreementItem, agreement.name.range,
                        agreement.name.name, what);
  }

  DiagnosticEngine& diagnostics_;
};

} // namespace

void checkAgreementHeaders(const std::vector<const modules::Module*>& modules,
                           DiagnosticEngine& diagnostics) {
  HeaderChecker checker(diagnostics);
  for (const modules::Module* module : modules)
    for (const ast::Decl* decl : module->ast.declarations)
      if (const auto* agreement = dyn_cast<ast::AgreementDecl>(decl))
        checker.check(*agreement);
}

} // namespace slac::check
