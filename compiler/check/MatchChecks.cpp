#include "check/MatchChecks.h"

#include "ast/ExprWalk.h"
#include "check/ClosestName.h"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace slac::check {

namespace {

class MatchChecker {
public:
  MatchChecker(const ast::ServiceDecl& service, DiagnosticEngine& diagnostics)
      : diagnostics_(diagnostics) {
    for (const ast::Decl* member : service.members) {
      if (const auto* enumDecl = dyn_cast<ast::EnumDecl>(member))
        enums_[enumDecl->name.name] = enumDecl;
      else if (const auto* stream = dyn_cast<ast::StreamDecl>(member))
        streams_.push_back(stream);
    }
  }

  void checkService(const ast::ServiceDecl& service) {
    for (const ast::Decl* member : service.members) {
      if (const auto* stream = dyn_cast<ast::StreamDecl>(member)) {
        for (const ast::Decl* streamMember : stream->members)
          if (const auto* let = dyn_cast<ast::LetDecl>(streamMember))
            checkExpr(let->value, stream);
      } else if (const auto* let = dyn_cast<ast::LetDecl>(member)) {
        checkExpr(let->value, nullptr);
      } else if (const auto* metric = dyn_cast<ast::MetricDecl>(member)) {
        checkExpr(metric->value, nullptr);
      }
    }
  }

private:
  void checkExpr(const ast::Expr* root, const ast::StreamDecl* stream) {
    ast::forEachExpr(root, [&](const ast::Expr* expr) {
      if (const auto* match = dyn_cast<ast::MatchExpr>(expr))
        if (const auto* subject = dyn_cast<ast::NameExpr>(match->subject()))
          if (const ast::EnumDecl* enumDecl = enumOfField(subject->name().name, stream))
            checkMatch(*match, subject->name().name, *enumDecl);
    });
  }

  // The enum a field is declared with: in the stream of the expression, or,
  // for service-level lets, in the one stream that has such a field.
  const ast::EnumDecl* enumOfField(const std::string& name, const ast::StreamDecl* stream) const {
    const ast::FieldDecl* found = nullptr;
    for (const ast::StreamDecl* candidate : streams_) {
      if (stream && candidate != stream)
        continue;
      for (const ast::Decl* member : candidate->members)
        if (const auto* field = dyn_cast<ast::FieldDecl>(member);
            field && field->name.name == name) {
          if (found)
            return nullptr;
          found = field;
        }
    }
    if (!found)
      return nullptr;
    auto enumDecl = enums_.find(found->type.name);
    return enumDecl == enums_.end() ? nullptr : enumDecl->second;
  }

  void checkMatch(const ast::MatchExpr& match, const std::string& subject,
                  const ast::EnumDecl& enumDecl) {
    std::vector<std::string> cases;
    for (const ast::Identifier& enumCase : enumDecl.cases)
      cases.push_back(enumCase.name);
    std::map<std::string, const ast::Identifier*> covered;
    bool wildcard = false;
    for (const ast::MatchArm& arm : match.arms())
      for (const ast::Identifier& pattern : arm.patterns) {
        if (pattern.name == "_") {
          wildcard = true;
          continue;
        }
        if (std::find(cases.begin(), cases.end(), pattern.name) == cases.end()) {
          auto report =
              diagnostics_.report(DiagnosticKind::UndefinedName, pattern.range, "case",
                                  pattern.name, fmt::format(" in enum `{}`", enumDecl.name.name));
          if (auto closest = closestName(pattern.name, cases))
            report.note(pattern.range, "did you mean `{}`?", *closest)
                .fixIt(pattern.range, *closest);
          continue;
        }
        auto [first, inserted] = covered.emplace(pattern.name, &pattern);
        if (!inserted)
          diagnostics_.report(DiagnosticKind::RepeatedMatchCase, pattern.range, pattern.name)
              .note(first->second->range, "`{}` is matched here first", pattern.name);
      }
    if (wildcard)
      return;
    std::string missing;
    for (const std::string& enumCase : cases)
      if (!covered.count(enumCase))
        missing += (missing.empty() ? "`" : ", `") + enumCase + "`";
    if (!missing.empty())
      diagnostics_
          .report(DiagnosticKind::NonExhaustiveMatch, match.subject()->range(), subject, missing,
                  enumDecl.name.name)
          .note(enumDecl.name.range, "`{}` is declared here", enumDecl.name.name);
  }

  DiagnosticEngine& diagnostics_;
  std::map<std::string, const ast::EnumDecl*> enums_;
  std::vector<const ast::StreamDecl*> streams_;
};

} // namespace

void checkMatches(const std::vector<const modules::Module*>& modules,
                  DiagnosticEngine& diagnostics) {
  for (const modules::Module* module : modules)
    for (const ast::Decl* decl : module->ast.declarations)
      if (const auto* service = dyn_cast<ast::ServiceDecl>(decl))
        MatchChecker(*service, diagnostics).checkService(*service);
}

} // namespace slac::check
