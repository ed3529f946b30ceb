#include "check/ClosestName.h"
#include "check/ExprChecker.h"
#include "check/TypeRules.h"
#include "modules/Lookup.h"

#include <algorithm>
#include <array>
#include <fmt/format.h>

// The calendar side of expressions: calendars as values, the calls
// `elapsed`, `deadline` and `in`, and business days meeting a calendar.

namespace slac::check {

namespace {

using plan::ExprKind;
using plan::Type;
using plan::TypeKind;

constexpr std::array<std::string_view, 3> kFunctions{"elapsed", "deadline", "in"};

} // namespace

std::optional<std::set<std::uint32_t>> ExprChecker::calendarChoices(Typed calendar) const {
  if (calendar->kind == ExprKind::Constant)
    return std::set<std::uint32_t>{calendar->slot};
  if (calendar->kind != ExprKind::Match)
    return std::nullopt;
  std::set<std::uint32_t> choices;
  for (std::size_t i = 1; i < calendar->operands.size(); ++i) {
    auto arm = calendarChoices(calendar->operands[i]);
    if (!arm)
      return std::nullopt;
    choices.insert(arm->begin(), arm->end());
  }
  return choices;
}

ExprChecker::Typed ExprChecker::measuredOn(Typed duration) const {
  auto found = measuredOn_.find(duration);
  return found == measuredOn_.end() ? nullptr : found->second;
}

ExprChecker::Typed ExprChecker::scaleBusinessDays(Typed days, Typed calendar) {
  if (!days->type.is(TypeKind::BusinessDays))
    return days;
  if (auto choices = calendarChoices(calendar))
    for (std::uint32_t index : *choices)
      if (!state_.program.calendars[index].spec.businessDay)
        return nullptr;
  Type duration = Type::of(TypeKind::Duration).asOptional(days->type.optional);
  if (days->kind == ExprKind::Constant && calendar->kind == ExprKind::Constant) {
    std::int64_t perDay = *state_.program.calendars[calendar->slot].spec.businessDay;
    return make(ExprKind::Constant, duration, days->range, {}, plan::kNoSlot,
                std::get<std::int64_t>(days->value) * perDay);
  }
  if (days->kind == ExprKind::Match) {
    std::vector<const plan::Expr*> operands{days->operands.front()};
    for (std::size_t i = 1; i < days->operands.size(); ++i) {
      Typed arm = scaleBusinessDays(days->operands[i], calendar);
      if (!arm)
        return nullptr;
      operands.push_back(arm);
    }
    return make(ExprKind::Match, duration, days->range, std::move(operands));
  }
  std::uint32_t slot = calendar->kind == ExprKind::Constant ? calendar->slot : plan::kNoSlot;
  return make(ExprKind::ScaleBusinessDays, duration, days->range, {days, calendar}, slot);
}

// -------------------------------------------------------------- functions

ExprChecker::Typed ExprChecker::calendarConstant(const ast::CalendarDecl& calendar,
                                                 SourceRange range) {
  std::optional<std::uint32_t> index = state_.calendarIndex(calendar);
  if (!index)
    return nullptr;
  return make(ExprKind::Constant, Type::of(TypeKind::Calendar), range, {}, *index,
              static_cast<std::int64_t>(*index));
}

// A calendar argument is usually a calendar's name, for which a misspelling
// is best reported against the calendars; a let may also pick one.
ExprChecker::Typed ExprChecker::calendarArgument(const ast::Expr* expr, const ExprScope& scope) {
  ast::QualifiedName reference;
  bool namesLet = false;
  if (const auto* name = dyn_cast<ast::NameExpr>(expr)) {
    reference = {{name->name()}, expr->range()};
    auto isLet = [&](const ast::Decl* member) {
      return isa<ast::LetDecl>(member) && member->name.name == name->name().name;
    };
    if (scope.stream)
      namesLet = std::any_of(scope.stream->members.begin(), scope.stream->members.end(), isLet);
    if (scope.service)
      namesLet = namesLet ||
                 std::any_of(scope.service->members.begin(), scope.service->members.end(), isLet);
  } else if (const auto* member = dyn_cast<ast::MemberExpr>(expr)) {
    if (const auto* base = dyn_cast<ast::NameExpr>(member->base()))
      reference = {{base->name(), member->member()}, expr->range()};
  }
  if (!reference.parts.empty() && !namesLet) {
    if (const auto* found = modules::findDeclaration<ast::CalendarDecl>(*scope.module, reference))
      return calendarConstant(*found, expr->range());
    std::vector<std::string> candidates;
    auto collect = [&](const modules::Module& module, const std::string& prefix) {
      for (const ast::Decl* candidate : module.ast.declarations)
        if (isa<ast::CalendarDecl>(candidate))
          candidates.push_back(prefix + candidate->name.name);
    };
    collect(*scope.module, "");
    for (const modules::ImportBinding& import : scope.module->imports)
      collect(*import.module, import.name + ".");
    std::string written = state_.spelling(expr->range());
    auto report =
        state_.report(DiagnosticKind::UndefinedName, expr->range(), "calendar", written, "");
    if (auto closest = closestName(written, candidates))
      report.note(expr->range(), "did you mean `{}`?", *closest).fixIt(expr->range(), *closest);
    return nullptr;
  }
  Typed calendar = check(expr, scope);
  if (calendar && !calendar->type.is(TypeKind::Calendar)) {
    reportMismatch(expr, calendar, Type::of(TypeKind::Calendar), "a calendar");
    return nullptr;
  }
  return calendar;
}

ExprChecker::Typed ExprChecker::call(const ast::CallExpr& expr, const ExprScope& scope) {
  const std::string& callee = expr.callee().name;
  const std::vector<const ast::Expr*>& args = expr.args();
  if (std::find(kFunctions.begin(), kFunctions.end(), callee) == kFunctions.end()) {
    auto report = state_.report(DiagnosticKind::UnknownFunction, expr.callee().range, callee);
    if (auto closest = closestName(callee, {kFunctions.begin(), kFunctions.end()}))
      report.note(expr.callee().range, "did you mean `{}`?", *closest)
          .fixIt(expr.callee().range, *closest);
    return nullptr;
  }
  const bool isIn = callee == "in";
  const bool isElapsed = callee == "elapsed";
  const std::size_t minimum = 2;
  const std::size_t maximum = isIn ? 2 : isElapsed ? 4 : 3;
  if (args.size() < minimum || args.size() > maximum) {
    const char* shape =
        isElapsed ? "a start time, an end time, optionally a calendar and then the time the "
                    "clock was paused, like `elapsed(opened, resolved, office, on_hold)`"
        : callee == "deadline" ? "a start time, a duration and optionally a calendar, like "
                                 "`deadline(opened, 4h, office)`"
                               : "a time and a calendar, like `in(opened, office)`";
    state_.report(DiagnosticKind::WrongArguments, expr.range(), callee, shape);
    return nullptr;
  }
  std::vector<Typed> values;
  bool ok = true;
  for (std::size_t i = 0; i < (isIn ? 1u : 2u); ++i) {
    Typed value = check(args[i], scope);
    ok = ok && value;
    values.push_back(value);
  }
  Typed calendar = nullptr;
  const ast::Expr* calendarExpr = isIn ? args[1] : (args.size() >= 3 ? args[2] : nullptr);
  if (calendarExpr) {
    calendar = calendarArgument(calendarExpr, scope);
    ok = ok && calendar;
  }
  Typed paused = nullptr;
  const auto* pauses = args.size() == 4 ? dyn_cast<ast::PausesExpr>(args[3]) : nullptr;
  if (args.size() == 4 && !pauses) {
    paused = check(args[3], scope);
    ok = ok && paused;
  }
  if (!ok)
    return nullptr;
  // A constant calendar is also named by `slot`, the evaluators' fast path.
  std::uint32_t slot =
      calendar && calendar->kind == ExprKind::Constant ? calendar->slot : plan::kNoSlot;
  auto withCalendar = [&](std::vector<const plan::Expr*> operands) {
    if (calendar)
      operands.push_back(calendar);
    return operands;
  };
  auto expectType = [&](std::size_t i, TypeKind kind, const char* what) {
    if (values[i]->type.is(kind))
      return true;
    reportMismatch(args[i], values[i], Type::of(kind), what);
    return false;
  };
  if (!expectType(0, TypeKind::Time, "a time"))
    return nullptr;
  bool optional = values[0]->type.optional;
  if (isIn)
    return make(ExprKind::InCalendar, Type::of(TypeKind::Bool).asOptional(optional), expr.range(),
                withCalendar({values[0]}), slot);
  optional = optional || values[1]->type.optional;
  if (callee == "elapsed") {
    if (!expectType(1, TypeKind::Time, "a time"))
      return nullptr;
    Typed typed = make(ExprKind::Elapsed, Type::of(TypeKind::Duration).asOptional(optional),
                       expr.range(), withCalendar({values[0], values[1]}), slot);
    if (pauses) {
      std::vector<const plan::Expr*> operands = {values[0], values[1]};
      Typed time = pausedTime(*pauses, withCalendar(operands), scope);
      if (!time)
        return nullptr;
      typed = make(ExprKind::LessPaused, time->type, expr.range(), {typed, time}, plan::kNoSlot);
    }
    if (paused) {
      // The pause is on the clock the call measures: business time on a
      // calendar, wall-clock time without one.
      if (!paused->type.is(TypeKind::Duration)) {
        reportMismatch(args[3], paused, Type::of(TypeKind::Duration),
                       "the time the clock was paused");
        return nullptr;
      }
      typed = make(ExprKind::LessPaused,
                   Type::of(TypeKind::Duration).asOptional(optional || paused->type.optional),
                   expr.range(), {typed, paused}, plan::kNoSlot);
    }
    if (calendar)
      measuredOn_[typed] = calendar;
    return typed;
  }
  Typed duration = values[1];
  if (duration->type.is(TypeKind::BusinessDays)) {
    if (!calendar) {
      state_.report(DiagnosticKind::BusinessDaysWithoutCalendar, args[1]->range(),
                    state_.spelling(args[1]->range()));
      return nullptr;
    }
    if (!(duration = scaleBusinessDays(duration, calendar)))
      return nullptr;
  } else if (!expectType(1, TypeKind::Duration, "a duration")) {
    return nullptr;
  }
  return make(ExprKind::Deadline, Type::of(TypeKind::Time).asOptional(optional), expr.range(),
              withCalendar({values[0], duration}), slot);
}

} // namespace slac::check
