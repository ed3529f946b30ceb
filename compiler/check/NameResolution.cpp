#include "check/NameResolution.h"

#include "check/ClosestName.h"
#include "modules/Lookup.h"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace slac::check {

namespace {

using modules::Module;

// The names one scope declares. Declaring a name twice is reported once per
// repetition, with a note at the first declaration.
class Scope {
public:
  explicit Scope(std::string description) : description_(std::move(description)) {}

  void declare(const ast::Decl& decl, DiagnosticEngine& diagnostics) {
    if (decl.name.name.empty())
      return;
    auto [existing, inserted] = names_.emplace(decl.name.name, &decl);
    if (!inserted)
      diagnostics
          .report(DiagnosticKind::DuplicateName, decl.name.range, decl.name.name, description_)
          .note(existing->second->name.range, "first declared here");
  }

  template <typename T> const T* find(std::string_view name) const {
    auto found = names_.find(name);
    return found == names_.end() ? nullptr : dyn_cast<T>(found->second);
  }

  template <typename T> std::vector<std::string> namesOf(std::string_view prefix = {}) const {
    std::vector<std::string> names;
    for (const auto& [name, decl] : names_)
      if (isa<T>(decl))
        names.push_back(std::string(prefix) + name);
    return names;
  }

  const std::string& description() const { return description_; }

private:
  std::string description_;
  std::map<std::string, const ast::Decl*, std::less<>> names_;
};

class Resolver {
public:
  Resolver(const std::vector<const Module*>& modules, DiagnosticEngine& diagnostics)
      : diagnostics_(diagnostics) {
    for (const Module* module : modules) {
      Scope& scope = fileScopes_.emplace(module, Scope("this file")).first->second;
      for (const ast::Decl* decl : module->ast.declarations)
        scope.declare(*decl, diagnostics_);
    }
  }

  void resolve(const Module& module) {
    module_ = &module;
    for (const ast::Decl* decl : module.ast.declarations) {
      if (const auto* calendar = dyn_cast<ast::CalendarDecl>(decl))
        resolve(*calendar);
      else if (const auto* service = dyn_cast<ast::ServiceDecl>(decl))
        resolve(*service);
      else if (const auto* agreement = dyn_cast<ast::AgreementDecl>(decl))
        resolve(*agreement);
      else if (const auto* test = dyn_cast<ast::TestDecl>(decl))
        resolve(*test);
    }
  }

private:
  // ------------------------------------------------------------ lookups

  template <typename T> const T* findInFiles(const ast::QualifiedName& reference) const {
    return modules::findDeclaration<T>(*module_, reference);
  }

  template <typename T> std::vector<std::string> fileCandidates() const {
    std::vector<std::string> names = fileScopes_.at(module_).template namesOf<T>();
    for (const modules::ImportBinding& import : module_->imports) {
      std::vector<std::string> imported =
          fileScopes_.at(import.module).template namesOf<T>(import.name + ".");
      names.insert(names.end(), imported.begin(), imported.end());
    }
    return names;
  }

  void reportUndefined(DiagnosticKind kind, std::string_view what, const std::string& name,
                       SourceRange range, std::string_view context,
                       const std::vector<std::string>& candidates) {
    auto report = kind == DiagnosticKind::UnknownHolidays
                      ? diagnostics_.report(kind, range, name)
                      : diagnostics_.report(kind, range, what, name, context);
    if (auto closest = closestName(name, candidates))
      report.note(range, "did you mean `{}`?", *closest).fixIt(range, *closest);
  }

  template <typename T>
  const T* resolveInFiles(const ast::QualifiedName& reference, std::string_view what) {
    const T* found = findInFiles<T>(reference);
    if (!found)
      reportUndefined(std::is_same_v<T, ast::HolidaysDecl> ? DiagnosticKind::UnknownHolidays
                                                           : DiagnosticKind::UndefinedName,
                      what, reference.spelling(), reference.range, "", fileCandidates<T>());
    return found;
  }

  template <typename T>
  const T* resolveIn(const Scope& scope, const ast::Identifier& name, std::string_view what) {
    const T* found = scope.find<T>(name.name);
    if (!found)
      reportUndefined(DiagnosticKind::UndefinedName, what, name.name, name.range,
                      " in " + scope.description(), scope.namesOf<T>());
    return found;
  }

  ast::QualifiedName single(const ast::Identifier& name) const { return {{name}, name.range}; }

  const Scope& serviceScope(const ast::ServiceDecl& service) {
    auto found = serviceScopes_.find(&service);
    if (found != serviceScopes_.end())
      return found->second;
    Scope& scope =
        serviceScopes_.emplace(&service, Scope(fmt::format("service `{}`", service.name.name)))
            .first->second;
    for (const ast::Decl* member : service.members)
      scope.declare(*member, diagnostics_);
    return scope;
  }

  // ------------------------------------------------------------ declarations

  void resolve(const ast::CalendarDecl& calendar) {
    for (const ast::CalendarItem& item : calendar.items)
      if (const auto* closed = std::get_if<ast::ClosedItem>(&item))
        for (const auto& entry : closed->entries)
          if (const auto* holidays = std::get_if<ast::QualifiedName>(&entry))
            resolveInFiles<ast::HolidaysDecl>(*holidays, "holidays set");
  }

  void resolve(const ast::ServiceDecl& service) {
    serviceScope(service);
    for (const ast::Decl* member : service.members)
      if (const auto* stream = dyn_cast<ast::StreamDecl>(member)) {
        Scope scope(fmt::format("stream `{}`", stream->name.name));
        for (const ast::Decl* field : stream->members)
          scope.declare(*field, diagnostics_);
        resolveIn<ast::FieldDecl>(scope, stream->eventTime, "field");
        if (stream->intervalEnd)
          resolveIn<ast::FieldDecl>(scope, *stream->intervalEnd, "field");
      }
  }

  // `portal.availability`: a metric of a service. Nothing else is one, so
  // an objective that names anything else is reported here; it would
  // otherwise have no metric to be evaluated on.
  void resolveMetricReference(const ast::ObjectiveDecl& objective) {
    const ast::Expr* metric = objective.metric;
    if (const auto* bare = dyn_cast<ast::NameExpr>(metric))
      return reportBareMetric(bare->name());
    const auto* member = dyn_cast<ast::MemberExpr>(metric);
    const auto* service = member ? dyn_cast<ast::NameExpr>(member->base()) : nullptr;
    if (!service) {
      diagnostics_.report(DiagnosticKind::ObjectiveClauses, metric->range(), objective.name.name,
                          "measures an expression; an objective measures one metric, named "
                          "like `portal.availability` (declare the expression as a `metric` of "
                          "its service)");
      return;
    }
    if (const auto* decl = resolveInFiles<ast::ServiceDecl>(single(service->name()), "service"))
      resolveIn<ast::MetricDecl>(serviceScope(*decl), member->member(), "metric");
  }

  // `uptime` instead of `portal.uptime`: the fix-it names the service when
  // exactly one visible service has such a metric.
  void reportBareMetric(const ast::Identifier& name) {
    std::vector<std::string> owners;
    std::vector<std::string> metrics;
    std::vector<std::string> qualified;
    for (const std::string& serviceName : fileCandidates<ast::ServiceDecl>()) {
      const auto* service = modules::findDeclaration<ast::ServiceDecl>(*module_, serviceName);
      if (!service || serviceName.find('.') != std::string::npos)
        continue;
      for (const std::string& metric : serviceScope(*service).namesOf<ast::MetricDecl>()) {
        metrics.push_back(metric);
        qualified.push_back(serviceName + "." + metric);
        if (metric == name.name)
          owners.push_back(serviceName + "." + metric);
      }
    }
    if (owners.size() == 1) {
      diagnostics_
          .report(DiagnosticKind::UndefinedName, name.range, "metric", name.name,
                  fmt::format("; a metric is named with its service: `{}`", owners.front()))
          .fixIt(name.range, owners.front());
      return;
    }
    auto report =
        diagnostics_.report(DiagnosticKind::UndefinedName, name.range, "metric", name.name,
                            "; a metric is named with its service, like `portal.availability`");
    if (owners.size() > 1) {
      std::string listed;
      for (const std::string& owner : owners)
        listed += (listed.empty() ? "`" : ", `") + owner + "`";
      report.note(name.range, "did you mean one of {}?", listed);
    } else if (auto closest = closestName(name.name, metrics)) {
      auto index = std::find(metrics.begin(), metrics.end(), *closest) - metrics.begin();
      report.note(name.range, "did you mean `{}`?", qualified[index]);
    }
  }

  void resolve(const ast::AgreementDecl& agreement) {
    if (agreement.supports)
      if (const auto* supported =
              resolveInFiles<ast::AgreementDecl>(*agreement.supports, "agreement"))
        resolved_.supported[&agreement] = supported;
    Scope scope(fmt::format("agreement `{}`", agreement.name.name));
    for (const ast::Decl* member : agreement.members)
      scope.declare(*member, diagnostics_);
    resolveMembers(agreement.members, scope);
    // A revision restates objectives, remedies and terminations of the
    // agreement: they name its objectives, and declare nothing new.
    for (const ast::RevisionDecl* revision : agreement.revisions) {
      for (const ast::Decl* member : revision->members)
        if (const auto* objective = dyn_cast<ast::ObjectiveDecl>(member))
          resolveIn<ast::ObjectiveDecl>(scope, objective->name, "objective");
      resolveMembers(revision->members, scope);
    }
  }

  void resolveMembers(const std::vector<const ast::Decl*>& members, const Scope& scope) {
    for (const ast::Decl* member : members) {
      if (const auto* objective = dyn_cast<ast::ObjectiveDecl>(member)) {
        resolveMetricReference(*objective);
        for (const ast::ObjectiveClause& clause : objective->clauses)
          if (const auto* filter = std::get_if<ast::CalendarFilter>(&clause))
            resolveInFiles<ast::CalendarDecl>(filter->calendar, "calendar");
      } else if (const auto* remedy = dyn_cast<ast::RemedyDecl>(member)) {
        resolveIn<ast::ObjectiveDecl>(scope, remedy->objective, "objective");
      } else if (const auto* terminate = dyn_cast<ast::TerminateDecl>(member)) {
        resolveIn<ast::ObjectiveDecl>(scope, terminate->objective, "objective");
      }
    }
  }

  void resolve(const ast::TestDecl& test) {
    for (const ast::TestItem& item : test.items) {
      if (const auto* data = std::get_if<ast::DataItem>(&item)) {
        const auto& parts = data->stream.parts;
        if (parts.size() != 2) {
          diagnostics_.report(DiagnosticKind::UndefinedName, data->stream.range, "stream",
                              data->stream.spelling(),
                              "; a stream is named with its service, like `portal.probe`");
          continue;
        }
        if (const auto* service = resolveInFiles<ast::ServiceDecl>(single(parts[0]), "service"))
          resolveIn<ast::StreamDecl>(serviceScope(*service), parts[1], "stream");
      } else if (const auto* expect = std::get_if<ast::ExpectItem>(&item)) {
        const auto& parts = expect->subject.parts;
        if (parts.size() != 2) {
          diagnostics_.report(DiagnosticKind::UndefinedName, expect->subject.range,
                              "objective or remedy", expect->subject.spelling(),
                              "; name one with its agreement, like `hosting.uptime`");
          continue;
        }
        const auto* agreement = resolveInFiles<ast::AgreementDecl>(single(parts[0]), "agreement");
        if (!agreement)
          continue;
        Scope scope(fmt::format("agreement `{}`", agreement->name.name));
        for (const ast::Decl* member : agreement->members)
          scope.declare(*member, ignoredDuplicates_);
        if (!scope.find<ast::ObjectiveDecl>(parts[1].name) &&
            !scope.find<ast::RemedyDecl>(parts[1].name)) {
          std::vector<std::string> candidates = scope.namesOf<ast::ObjectiveDecl>();
          std::vector<std::string> remedies = scope.namesOf<ast::RemedyDecl>();
          candidates.insert(candidates.end(), remedies.begin(), remedies.end());
          reportUndefined(DiagnosticKind::UndefinedName, "objective or remedy", parts[1].name,
                          parts[1].range, " in " + scope.description(), candidates);
        }
      }
    }
  }

public:
  ResolvedNames takeResult() { return std::move(resolved_); }

private:
  DiagnosticEngine& diagnostics_;
  ResolvedNames resolved_;
  // Duplicates in an agreement are reported where it is declared, not
  // again for each test that names it.
  DiagnosticEngine ignoredDuplicates_{0};
  std::map<const Module*, Scope> fileScopes_;
  std::map<const ast::ServiceDecl*, Scope> serviceScopes_;
  const Module* module_ = nullptr;
};

} // namespace

ResolvedNames resolveNames(const std::vector<const Module*>& modules,
                           DiagnosticEngine& diagnostics) {
  Resolver resolver(modules, diagnostics);
  for (const Module* module : modules)
    resolver.resolve(*module);
  return resolver.takeResult();
}

} // namespace slac::check
