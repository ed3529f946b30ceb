#include "check/BusinessDaysChecks.h"

#include "ast/ExprWalk.h"
#include "modules/Lookup.h"

#include <algorithm>
#include <set>

namespace slac::check {

namespace {

bool declaresBusinessDay(const ast::CalendarDecl& calendar) {
  return std::any_of(calendar.items.begin(), calendar.items.end(), [](const auto& item) {
    return std::holds_alternative<ast::BusinessDayItem>(item);
  });
}

// Where time is measured: the calendars an expression's `elapsed` calls
// (and, for a calendar argument, the expression itself) may use, and
// whether some `elapsed` uses none.
struct Measurement {
  std::set<const ast::CalendarDecl*> calendars;
  bool withoutCalendar = false;
};

class BusinessDaysChecker {
public:
  BusinessDaysChecker(const modules::Module& module, const ast::ServiceDecl& service,
                      DiagnosticEngine& diagnostics)
      : module_(module), diagnostics_(diagnostics) {
    for (const ast::Decl* member : service.members)
      if (const auto* let = dyn_cast<ast::LetDecl>(member))
        serviceLets_.push_back(let);
  }

  void check(const ast::Expr* root, const ast::StreamDecl* stream) {
    stream_ = stream;
    ast::forEachExpr(root, [&](const ast::Expr* expr) {
      if (const auto* binary = dyn_cast<ast::BinaryExpr>(expr);
          binary && isComparison(binary->op())) {
        checkComparedWith(binary->lhs(), binary->rhs());
        checkComparedWith(binary->rhs(), binary->lhs());
      } else if (const auto* call = dyn_cast<ast::CallExpr>(expr);
                 call && call->callee().name == "deadline" && call->args().size() == 3) {
        std::set<const ast::Decl*> visited;
        Measurement measurement;
        addCalendars(call->args()[2], measurement, visited);
        for (const ast::CalendarDecl* calendar : measurement.calendars)
          for (const ast::BusinessDaysLiteral* literal : businessDays(call->args()[1]))
            reportMissingDay(*literal, *calendar);
      }
    });
  }

private:
  const ast::LetDecl* let(const std::string& name) const {
    if (stream_)
      for (const ast::Decl* member : stream_->members)
        if (const auto* found = dyn_cast<ast::LetDecl>(member); found && found->name.name == name)
          return found;
    for (const ast::LetDecl* found : serviceLets_)
      if (found->name.name == name)
        return found;
    return nullptr;
  }

  // Whether `expr` is a call of `elapsed` or `deadline`: its arguments are
  // instants and amounts of its own, never the duration a comparison above
  // it measures (`elapsed(t, deadline(t, elapsed(a, b)), office) <= 3
  // business days` measures on `office` alone).
  static bool calendarTime(const ast::Expr* expr) {
    const auto* call = dyn_cast<ast::CallExpr>(expr);
    return call && (call->callee().name == "elapsed" || call->callee().name == "deadline");
  }

  // The business-days literals an expression evaluates from, through lets.
  std::vector<const ast::BusinessDaysLiteral*> businessDays(const ast::Expr* root) const {
    std::vector<const ast::BusinessDaysLiteral*> literals;
    std::set<const ast::Decl*> visited;
    collectBusinessDays(root, literals, visited);
    return literals;
  }

  void collectBusinessDays(const ast::Expr* root, std::vector<const ast::BusinessDaysLiteral*>& out,
                           std::set<const ast::Decl*>& visited) const {
    ast::forEachExprWhile(root, [&](const ast::Expr* expr) {
      if (const auto* literal = dyn_cast<ast::BusinessDaysLiteral>(expr))
        out.push_back(literal);
      else if (const auto* name = dyn_cast<ast::NameExpr>(expr))
        if (const ast::LetDecl* found = let(name->name().name);
            found && visited.insert(found).second)
          collectBusinessDays(found->value, out, visited);
      return !calendarTime(expr);
    });
  }

  // Calendars an expression used as a calendar argument can name.
  void addCalendars(const ast::Expr* expr, Measurement& measurement,
                    std::set<const ast::Decl*>& visited) const {
    if (const auto* name = dyn_cast<ast::NameExpr>(expr)) {
      if (const auto* calendar =
              modules::findDeclaration<ast::CalendarDecl>(module_, name->name().name))
        measurement.calendars.insert(calendar);
      else if (const ast::LetDecl* found = let(name->name().name);
               found && visited.insert(found).second)
        addCalendars(found->value, measurement, visited);
    } else if (const auto* match = dyn_cast<ast::MatchExpr>(expr)) {
      for (const ast::MatchArm& arm : match->arms())
        addCalendars(arm.value, measurement, visited);
    }
  }

  // Where the `elapsed` calls an expression evaluates from measure time.
  void addMeasurements(const ast::Expr* root, Measurement& measurement,
                       std::set<const ast::Decl*>& visited) const {
    ast::forEachExprWhile(root, [&](const ast::Expr* expr) {
      if (const auto* call = dyn_cast<ast::CallExpr>(expr);
          call && call->callee().name == "elapsed") {
        if (call->args().size() >= 3) // a calendar, then maybe a pause
          addCalendars(call->args()[2], measurement, visited);
        else
          measurement.withoutCalendar = true;
      } else if (const auto* name = dyn_cast<ast::NameExpr>(expr)) {
        if (const ast::LetDecl* found = let(name->name().name);
            found && visited.insert(found).second)
          addMeasurements(found->value, measurement, visited);
      }
      return !calendarTime(expr);
    });
  }

  void checkComparedWith(const ast::Expr* durationSide, const ast::Expr* timeSide) {
    std::vector<const ast::BusinessDaysLiteral*> literals = businessDays(durationSide);
    if (literals.empty())
      return;
    Measurement measurement;
    std::set<const ast::Decl*> visited;
    addMeasurements(timeSide, measurement, visited);
    for (const ast::BusinessDaysLiteral* literal : literals) {
      for (const ast::CalendarDecl* calendar : measurement.calendars)
        reportMissingDay(*literal, *calendar);
      if (measurement.withoutCalendar && reported_.insert({literal, nullptr}).second)
        diagnostics_.report(DiagnosticKind::BusinessDaysWithoutCalendar, literal->range(),
                            literal->spelling());
    }
  }

  void reportMissingDay(const ast::BusinessDaysLiteral& literal,
                        const ast::CalendarDecl& calendar) {
    if (declaresBusinessDay(calendar) || !reported_.insert({&literal, &calendar}).second)
      return;
    diagnostics_
        .report(DiagnosticKind::BusinessDaysWithoutDay, literal.range(), literal.spelling(),
                calendar.name.name)
        .note(calendar.name.range, "`{}` is declared here", calendar.name.name);
  }

  const modules::Module& module_;
  DiagnosticEngine& diagnostics_;
  std::vector<const ast::LetDecl*> serviceLets_;
  const ast::StreamDecl* stream_ = nullptr;
  // A literal used in several places is reported once per calendar.
  std::set<std::pair<const ast::Expr*, const ast::CalendarDecl*>> reported_;
};

} // namespace

void checkBusinessDays(const std::vector<const modules::Module*>& modules,
                       DiagnosticEngine& diagnostics) {
  for (const modules::Module* module : modules)
    for (const ast::Decl* decl : module->ast.declarations) {
      const auto* service = dyn_cast<ast::ServiceDecl>(decl);
      if (!service)
        continue;
      BusinessDaysChecker checker(*module, *service, diagnostics);
      for (const ast::Decl* member : service->members) {
        if (const auto* stream = dyn_cast<ast::StreamDecl>(member)) {
          for (const ast::Decl* streamMember : stream->members)
            if (const auto* let = dyn_cast<ast::LetDecl>(streamMember))
              checker.check(let->value, stream);
        } else if (const auto* let = dyn_cast<ast::LetDecl>(member)) {
          checker.check(let->value, nullptr);
        } else if (const auto* metric = dyn_cast<ast::MetricDecl>(member)) {
          // A metric's filter sees the lets of the stream it aggregates.
          const ast::StreamDecl* source = nullptr;
          ast::forEachExpr(metric->value, [&](const ast::Expr* expr) {
            const auto* aggregate = dyn_cast<ast::AggregateExpr>(expr);
            const auto* name = aggregate ? dyn_cast<ast::NameExpr>(aggregate->source()) : nullptr;
            if (name && !source)
              for (const ast::Decl* candidate : service->members)
                if (const auto* aggregated = dyn_cast<ast::StreamDecl>(candidate);
                    aggregated && aggregated->name.name == name->name().name)
                  source = aggregated;
          });
          checker.check(metric->value, source);
        }
      }
    }
}

} // namespace slac::check
