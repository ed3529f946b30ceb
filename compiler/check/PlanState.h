#pragma once

// The program under construction while the type checker walks the modules,
// with the maps from declarations to what they became in the plan. Private
// to the checker.

#include "diagnostics/DiagnosticEngine.h"
#include "modules/ModuleLoader.h"
#include "plan/Plan.h"
#include "source/SourceManager.h"

#include <map>
#include <set>
#include <utility>

namespace slac::check {

class PlanState {
public:
  PlanState(const std::vector<const modules::Module*>& modules, const SourceManager& sources,
            DiagnosticEngine& diagnostics);

  plan::Program program;
  const SourceManager& sources;
  DiagnosticEngine& diagnostics;

  // The source text of a range for a message, on one line and shortened.
  std::string spelling(SourceRange range) const;

  // Reports a diagnostic once per code and place: service lets are checked
  // where they are used, possibly many times.
  template <typename... Args>
  DiagnosticEngine::Builder report(DiagnosticKind kind, SourceRange range, Args&&... args) {
    if (!reported_.insert({kind, range.begin.offset}).second)
      return DiagnosticEngine::Builder::discarded();
    return diagnostics.report(kind, range, std::forward<Args>(args)...);
  }

  const modules::Module& moduleOf(const ast::Decl& decl) const { return *owners_.at(&decl); }
  const ast::ServiceDecl& serviceOf(const ast::StreamDecl& stream) const;

  std::uint32_t enumIndex(const ast::EnumDecl& decl);
  // The stream's schema (fields and event time), built on first use; its
  // lets are added by the expression checker as they are typed.
  std::optional<std::uint32_t> streamIndex(const ast::StreamDecl& decl);
  // Lowers the calendar on first use; null when lowering failed.
  std::optional<std::uint32_t> calendarIndex(const ast::CalendarDecl& decl);
  const ast::EnumDecl* enumNamed(const ast::ServiceDecl& service, std::string_view name) const;
  const std::string& enumName(std::uint32_t index) const { return program.enums[index].name; }

  std::map<const ast::MetricDecl*, std::uint32_t> metrics;

private:
  std::optional<plan::Field> lowerField(const ast::ServiceDecl& service,
                                        const ast::StreamDecl& stream, const ast::FieldDecl& field);

  std::map<const ast::Decl*, const modules::Module*> owners_;
  std::map<const ast::StreamDecl*, const ast::ServiceDecl*> streamServices_;
  std::map<const ast::EnumDecl*, std::uint32_t> enums_;
  std::map<const ast::StreamDecl*, std::optional<std::uint32_t>> streams_;
  std::map<const ast::CalendarDecl*, std::optional<std::uint32_t>> calendars_;
  std::set<std::pair<DiagnosticKind, std::uint32_t>> reported_;
};

} // namespace slac::check
