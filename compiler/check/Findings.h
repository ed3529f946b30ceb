#pragma once

// Findings with a defined meaning (an OLA looser than its SLA, contradicting
// objectives, uncapped credits, tier gaps, non-monotone tiers, tiers that
// never apply) are errors unless the file acknowledges them next to what
// they concern, with a reason: `allow E0508 "as signed: 2019 terms"` in the
// remedy, the objective or the agreement. An acknowledged finding is kept
// as a note that gives the reason and fails nothing; an acknowledgement of
// another code, or in a place the code never concerns, is an error (E0511);
// one that matches no finding is a warning (E0512).

#include "ast/Decl.h"
#include "diagnostics/DiagnosticEngine.h"
#include "modules/ModuleLoader.h"

#include <initializer_list>
#include <map>
#include <set>
#include <vector>

namespace slac::check {

class Findings {
public:
  // Checks where each acknowledgement of the modules stands (E0511).
  Findings(const std::vector<const modules::Module*>& modules, DiagnosticEngine& diagnostics);

  // A finding about `subjects` (the objectives, remedy and agreement it
  // concerns): an error, or a note when one of them acknowledges its code.
  template <typename... Args>
  DiagnosticEngine::Builder report(std::initializer_list<const ast::Decl*> subjects,
                                   DiagnosticKind kind, SourceRange range, Args&&... args) {
    if (const ast::Acknowledgement* allow = acknowledgementOf(subjects, kind))
      return diagnostics_.reportAcknowledged(kind, range, std::forward<Args>(args)...)
          .note(allow->range, "acknowledged here: \"{}\"", allow->reason.value);
    return diagnostics_.report(kind, range, std::forward<Args>(args)...);
  }

  // E0512 for each acknowledgement that matched no finding.
  void reportUnused();

private:
  const ast::Acknowledgement* acknowledgementOf(std::initializer_list<const ast::Decl*> subjects,
                                                DiagnosticKind kind);
  void declareMembers(const std::vector<const ast::Decl*>& members);
  void declare(const ast::Decl& holder, const std::vector<ast::Acknowledgement>& list);

  DiagnosticEngine& diagnostics_;
  std::map<const ast::Decl*, std::vector<const ast::Acknowledgement*>> byHolder_;
  std::vector<const ast::Acknowledgement*> declared_;
  std::set<const ast::Acknowledgement*> used_;
};

} // namespace slac::check
