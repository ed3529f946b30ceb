#pragma once

// Types the expressions of a service — stream lets, service lets, metrics —
// and lowers them to plan expressions: names are resolved in their scope
// (the record's fields and lets, the service's lets and enum cases, the
// file's calendars), every operator is checked against the table in
// plan/Expr.h, units never mix silently (`99.5` where a percent is expected
// gets the fix-it `99.5%`), optionals propagate, business days are scaled by
// their calendar's day. A null result means the expression is wrong and has
// been reported; callers then skip whatever depended on it.

#include "check/PlanState.h"

#include <optional>
#include <set>
#include <string_view>

namespace slac::check {

// Where an expression is evaluated.
struct ExprScope {
  const modules::Module* module = nullptr;
  const ast::ServiceDecl* service = nullptr;
  // Per record of this stream; null for window expressions (metrics, the
  // conditions of slices, service constants).
  const ast::StreamDecl* stream = nullptr;
  std::uint32_t streamIndex = plan::kNoSlot;
  // In a window expression: what is being written, for messages.
  std::string_view role = "a metric";
  // Inside `slices(...)`: aggregates are per slice and slices do not nest.
  bool inSlices = false;
};

class ExprChecker {
public:
  explicit ExprChecker(PlanState& state) : state_(state) {}

  const plan::Expr* check(const ast::Expr* expr, const ExprScope& scope);

  // Checks `expr` where a value of type `expected` is needed (a target, a
  // tier threshold, an amount); a plain number where a unit is expected
  // gets the unit as a fix-it. Only constants are accepted.
  std::optional<plan::ConstantValue> constantOf(const ast::Expr* expr, plan::Type expected,
                                                const ExprScope& scope);

  // Types every let of the stream, in dependency order, into its plan.
  void checkStreamLets(const ast::StreamDecl& stream, const ExprScope& scope);

private:
  using Typed = const plan::Expr*;

  Typed make(plan::ExprKind kind, plan::Type type, SourceRange range,
             std::vector<const plan::Expr*> operands = {}, std::uint32_t slot = plan::kNoSlot,
             plan::ConstantValue value = {});
  Typed literal(const ast::Expr& expr);
  Typed name(const ast::NameExpr& expr, const ExprScope& scope, std::optional<plan::Type> enumHint);
  Typed member(const ast::MemberExpr& expr, const ExprScope& scope);
  Typed unary(const ast::UnaryExpr& expr, const ExprScope& scope);
  Typed binary(const ast::BinaryExpr& expr, const ExprScope& scope);
  Typed comparison(const ast::BinaryExpr& expr, Typed lhs, Typed rhs);
  Typed arithmetic(const ast::BinaryExpr& expr, Typed lhs, Typed rhs);
  Typed logical(const ast::BinaryExpr& expr, Typed lhs, Typed rhs);
  Typed isSet(const ast::IsSetExpr& expr, const ExprScope& scope);
  Typed call(const ast::CallExpr& expr, const ExprScope& scope);
  Typed aggregate(const ast::AggregateExpr& expr, const ExprScope& scope);
  // `elapsed`'s pauses from a stream of status changes; `operands` are the
  // call's start, end and calendar (if any), already checked.
  Typed pausedTime(const ast::PausesExpr& expr, std::vector<const plan::Expr*> operands,
                   const ExprScope& scope);
  void reportPausesOutOfPlace(const ast::PausesExpr& expr);
  // The stream called `name` in the scope's service; reported undefined,
  // with the closest name, when there is none.
  const ast::StreamDecl* streamNamed(const std::string& name, SourceRange range,
                                     const ExprScope& scope);
  Typed match(const ast::MatchExpr& expr, const ExprScope& scope);
  Typed checkWithHint(const ast::Expr* expr, const ExprScope& scope,
                      std::optional<plan::Type> enumHint);

  Typed streamLet(const ast::StreamDecl& stream, const ast::LetDecl& let, const ExprScope& scope);
  Typed serviceLet(const ast::LetDecl& let, const ExprScope& scope);
  Typed calendarConstant(const ast::CalendarDecl& calendar, SourceRange range);
  Typed calendarArgument(const ast::Expr* expr, const ExprScope& scope);
  // Business days become a duration where they meet a calendar: compared
  // with time measured on it, or added by `deadline` on it. Constants fold;
  // a `match` mixing durations and business days is rebuilt arm by arm.
  // Null when a calendar it may count on declares no day (BusinessDaysChecks
  // reports those).
  Typed scaleBusinessDays(Typed days, Typed calendar);
  std::optional<std::set<std::uint32_t>> calendarChoices(Typed calendar) const;
  Typed measuredOn(Typed duration) const;
  Typed promote(Typed expr);
  bool expectCondition(const ast::Expr* source, Typed typed);
  void reportMismatch(const ast::Expr* source, Typed actual, plan::Type expected,
                      std::string_view expectedSpelling);
  std::string typeName(const plan::Type& type) const;

  PlanState& state_;
  // The calendar (a Calendar expression) a duration was measured on, for
  // `N business days`; severalCalendars_ when the arms of a match disagree.
  std::map<const plan::Expr*, const plan::Expr*> measuredOn_;
  const plan::Expr severalCalendarsMarker_{};
  const plan::Expr* severalCalendars_ = &severalCalendarsMarker_;
  // The source expression of each typed node whose unit might be missing.
  std::map<const plan::Expr*, const ast::Expr*> sources_;
  enum class LetState { InProgress, Failed };
  std::map<std::pair<const ast::LetDecl*, const ast::StreamDecl*>, LetState> letStates_;
  std::map<std::pair<const ast::LetDecl*, const ast::StreamDecl*>, const plan::Expr*> letValues_;
};

} // namespace slac::check
