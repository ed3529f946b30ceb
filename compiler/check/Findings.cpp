#include "check/Findings.h"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace slac::check {

namespace {

enum Holder : unsigned { InAgreement = 1, InObjective = 2, InRemedy = 4 };

// The codes that can be acknowledged, and where: each finding concerns
// objectives, a remedy or a whole agreement, and the agreement holding any
// of them.
struct Acknowledgeable {
  DiagnosticKind kind;
  unsigned holders;
  const char* concerns;
};
constexpr std::array<Acknowledgeable, 6> kAcknowledgeable{{
    {DiagnosticKind::LooserThanSupported, InAgreement | InObjective, "an objective"},
    {DiagnosticKind::ContradictingObjectives, InAgreement | InObjective, "objectives"},
    {DiagnosticKind::UncappedCredits, InAgreement, "a whole agreement"},
    {DiagnosticKind::TierGap, InAgreement | InRemedy, "a remedy"},
    {DiagnosticKind::NonMonotoneTiers, InAgreement | InRemedy, "a remedy"},
    {DiagnosticKind::TierNeverApplies, InAgreement | InRemedy, "a remedy"},
}};

const Acknowledgeable* acknowledgeable(std::string_view code) {
  for (const Acknowledgeable& entry : kAcknowledgeable)
    if (describe(entry.kind).code == code)
      return &entry;
  return nullptr;
}

std::string acknowledgeableCodes() {
  std::string codes;
  for (const Acknowledgeable& entry : kAcknowledgeable)
    codes += fmt::format("{}{}", codes.empty() ? "" : ", ", describe(entry.kind).code);
  return codes;
}

} // namespace

Findings::Findings(const std::vector<const modules::Module*>& modules,
                   DiagnosticEngine& diagnostics)
    : diagnostics_(diagnostics) {
  for (const modules::Module* module : modules)
    for (const ast::Decl* decl : module->ast.declarations)
      if (const auto* agreement = dyn_cast<ast::AgreementDecl>(decl)) {
        declare(*agreement, agreement->acknowledgements);
        declareMembers(agreement->members);
        // A revision's own `allow` items stand for the whole agreement.
        for (const ast::RevisionDecl* revision : agreement->revisions) {
          declare(*agreement, revision->acknowledgements);
          declareMembers(revision->members);
        }
      }
}

void Findings::declareMembers(const std::vector<const ast::Decl*>& members) {
  for (const ast::Decl* member : members)
    if (const auto* objective = dyn_cast<ast::ObjectiveDecl>(member))
      declare(*objective, objective->acknowledgements);
    else if (const auto* remedy = dyn_cast<ast::RemedyDecl>(member))
      declare(*remedy, remedy->acknowledgements);
}

void Findings::declare(const ast::Decl& holder, const std::vector<ast::Acknowledgement>& list) {
  Holder place = isa<ast::AgreementDecl>(&holder)   ? InAgreement
                 : isa<ast::ObjectiveDecl>(&holder) ? InObjective
                                                    : InRemedy;
  const char* placeName = place == InAgreement   ? "an agreement"
                          : place == InObjective ? "an objective"
                                                 : "a remedy";
  for (const ast::Acknowledgement& allow : list) {
    const std::string& code = allow.code.name;
    const Acknowledgeable* entry = acknowledgeable(code);
    if (!entry) {
      diagnostics_.report(DiagnosticKind::AcknowledgementNotAllowed, allow.code.range, code,
                          fmt::format("is not possible: only findings with a defined meaning "
                                      "can be acknowledged ({})",
                                      acknowledgeableCodes()));
      continue;
    }
    if (!(entry->holders & place)) {
      diagnostics_.report(
          DiagnosticKind::AcknowledgementNotAllowed, allow.range, code,
          fmt::format("cannot stand in {}: {} concerns {}; write it {}", placeName, code,
                      entry->concerns,
                      entry->holders & InRemedy ? "in the remedy or among the agreement's items"
                      : entry->holders & InObjective
                          ? "after the objective or among the agreement's items"
                          : "among the agreement's items (before its first objective)"));
      continue;
    }
    if (allow.reason.value.find_first_not_of(" \t") == std::string::npos) {
      diagnostics_.report(DiagnosticKind::AcknowledgementNotAllowed, allow.reason.range, code,
                          "needs a reason: say why the finding is accepted, like `allow E0508 "
                          "\"as signed: 2019 terms\"`");
      continue;
    }
    byHolder_[&holder].push_back(&allow);
    declared_.push_back(&allow);
  }
}

const ast::Acknowledgement*
Findings::acknowledgementOf(std::initializer_list<const ast::Decl*> subjects, DiagnosticKind kind) {
  std::string_view code = describe(kind).code;
  for (const ast::Decl* subject : subjects) {
    auto found = byHolder_.find(subject);
    if (found == byHolder_.end())
      continue;
    for (const ast::Acknowledgement* allow : found->second)
      if (allow->code.name == code) {
        used_.insert(allow);
        return allow;
      }
  }
  return nullptr;
}

void Findings::reportUnused() {
  for (const ast::Acknowledgement* allow : declared_)
    if (!used_.count(allow))
      diagnostics_.report(DiagnosticKind::UnusedAcknowledgement, allow->range, allow->code.name);
}

} // namespace slac::check
