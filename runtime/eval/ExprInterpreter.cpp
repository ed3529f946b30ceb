#include "eval/ExprInterpreter.h"

#include <fmt/format.h>

namespace slac::eval {

namespace {

using plan::ExprKind;

// The state of an operation whose operands are not all set: "no data"
// wins over "unset", since a window without data decides nothing.
Value notSet(const Value& a, const Value& b) {
  return a.state == Value::State::NoData || b.state == Value::State::NoData ? Value::noData()
                                                                            : Value::unset();
}

Value ofBool(bool value) {
  return Value::of(Rational(value ? 1 : 0));
}

std::int64_t toInt64(const Rational& value) {
  return static_cast<std::int64_t>(value.floor());
}

const char* operatorSymbol(ExprKind kind) {
  switch (kind) {
  case ExprKind::Add:
    return "+";
  case ExprKind::Sub:
    return "-";
  case ExprKind::Mul:
    return "*";
  case ExprKind::Div:
    return "/";
  case ExprKind::Negate:
    return "-";
  case ExprKind::ScaleBusinessDays:
    return "business days";
  default:
    return "deadline";
  }
}

// Ints, durations and instants are 64-bit (brief §3); numbers, percents
// and money are exact rationals of 128-bit parts.
bool isSixtyFourBit(const plan::Type& type) {
  return type.is(plan::TypeKind::Int) || type.is(plan::TypeKind::Duration) ||
         type.is(plan::TypeKind::Time);
}

// The result of an arithmetic node, or a data error when it does not fit
// its type: an overflow is reported, never shown as a wrapped number.
Value checkedResult(const plan::Expr& expr, Rational result, std::string& error) {
  bool fits = isSixtyFourBit(expr.type) ? result.fitsInt64() : !result.isOverflow();
  if (fits)
    return Value::of(result);
  error = fmt::format("`{}` overflows: its exact result does not fit {}", operatorSymbol(expr.kind),
                      isSixtyFourBit(expr.type) ? "in 64 bits" : "in 128-bit fractions");
  return Value::unset();
}

} // namespace

Value valueOfConstant(const plan::Type& type, const plan::ConstantValue& constant) {
  if (const auto* boolean = std::get_if<bool>(&constant))
    return ofBool(*boolean);
  if (const auto* integer = std::get_if<std::int64_t>(&constant))
    return Value::of(Rational(*integer));
  if (const auto* decimal = std::get_if<plan::Decimal>(&constant))
    return Value::of(Rational::ofDecimal(*decimal));
  (void)type;
  return Value::ofText(std::get<std::string>(constant));
}

bool compareValues(plan::Comparison comparison, const Value& a, const Value& b) {
  if (!a.text.empty() || !b.text.empty())
    return plan::comparisonHolds(comparison, a.text <=> b.text);
  return plan::comparisonHolds(comparison, a.exact <=> b.exact);
}

Value ExprInterpreter::evaluate(const plan::Expr& expr, const ExprInputs& inputs,
                                std::string& error) const {
  switch (expr.kind) {
  case ExprKind::Constant:
    return valueOfConstant(expr.type, expr.value);
  case ExprKind::Field:
    return inputs.field(expr.slot);
  case ExprKind::Let:
    return inputs.let(expr.slot);
  case ExprKind::Aggregate:
    return inputs.aggregate(expr.slot);
  case ExprKind::ToNumber:
    return evaluate(*expr.operands[0], inputs, error);
  case ExprKind::Negate: {
    Value operand = evaluate(*expr.operands[0], inputs, error);
    if (!operand.isSet())
      return operand;
    return checkedResult(expr, -operand.exact, error);
  }
  case ExprKind::Not: {
    Value operand = evaluate(*expr.operands[0], inputs, error);
    return operand.isSet() ? ofBool(!operand.truth()) : operand;
  }
  case ExprKind::And:
  case ExprKind::Or: {
    // Three-valued: a decided operand that settles the result wins over an
    // undecided one (`false and unset` is false).
    const bool settles = expr.kind == ExprKind::Or;
    Value lhs = evaluate(*expr.operands[0], inputs, error);
    if (lhs.isSet() && lhs.truth() == settles)
      return ofBool(settles);
    Value rhs = evaluate(*expr.operands[1], inputs, error);
    if (rhs.isSet() && rhs.truth() == settles)
      return ofBool(settles);
    if (!lhs.isSet() || !rhs.isSet())
      return notSet(lhs, rhs);
    return ofBool(!settles);
  }
  case ExprKind::IsSet:
  case ExprKind::IsNotSet: {
    Value operand = evaluate(*expr.operands[0], inputs, error);
    return ofBool(operand.isSet() == (expr.kind == ExprKind::IsSet));
  }
  case ExprKind::Match: {
    Value subject = evaluate(*expr.operands[0], inputs, error);
    if (!subject.isSet())
      return subject;
    std::size_t arm = static_cast<std::size_t>(toInt64(subject.exact)) + 1;
    return evaluate(*expr.operands.at(arm), inputs, error);
  }
  case ExprKind::Elapsed:
  case ExprKind::Deadline:
  case ExprKind::InCalendar:
  case ExprKind::ScaleBusinessDays: {
    std::vector<Value> operands;
    for (const plan::Expr* operand : expr.operands)
      operands.push_back(evaluate(*operand, inputs, error));
    return calendarCall(expr, operands, error);
  }
  case ExprKind::PausedTime: {
    std::vector<Value> operands;
    for (const plan::Expr* operand : expr.operands)
      operands.push_back(evaluate(*operand, inputs, error));
    return pausedTime(expr, operands, error);
  }
  case ExprKind::LessPaused: {
    Value elapsed = evaluate(*expr.operands[0], inputs, error);
    Value paused = evaluate(*expr.operands[1], inputs, error);
    if (!elapsed.isSet() || !paused.isSet())
      return notSet(elapsed, paused);
    if (paused.exact < Rational(0) || elapsed.exact < paused.exact) {
      error = paused.exact < Rational(0) ? "the time the clock was paused is negative"
                                         : "the clock was paused longer than it ran";
      return Value::unset();
    }
    return Value::of(elapsed.exact - paused.exact);
  }
  default: {
    Value lhs = evaluate(*expr.operands[0], inputs, error);
    Value rhs = evaluate(*expr.operands[1], inputs, error);
    return binary(expr, lhs, rhs, error);
  }
  }
}

Value ExprInterpreter::binary(const plan::Expr& expr, const Value& lhs, const Value& rhs,
                              std::string& error) const {
  if (!lhs.isSet() || !rhs.isSet())
    return notSet(lhs, rhs);
  switch (expr.kind) {
  case ExprKind::Lt:
    return ofBool(compareValues(plan::Comparison::Lt, lhs, rhs));
  case ExprKind::Le:
    return ofBool(compareValues(plan::Comparison::Le, lhs, rhs));
  case ExprKind::Gt:
    return ofBool(compareValues(plan::Comparison::Gt, lhs, rhs));
  case ExprKind::Ge:
    return ofBool(compareValues(plan::Comparison::Ge, lhs, rhs));
  case ExprKind::Eq:
    return ofBool(compareValues(plan::Comparison::Eq, lhs, rhs));
  case ExprKind::Ne:
    return ofBool(compareValues(plan::Comparison::Ne, lhs, rhs));
  default:
    break;
  }
  if (expr.kind == ExprKind::Div && rhs.exact.isZero())
    return Value::unset();
  switch (expr.kind) {
  case ExprKind::Add:
    return checkedResult(expr, lhs.exact + rhs.exact, error);
  case ExprKind::Sub:
    return checkedResult(expr, lhs.exact - rhs.exact, error);
  case ExprKind::Mul:
    return checkedResult(expr, lhs.exact * rhs.exact, error);
  default:
    return checkedResult(expr, lhs.exact / rhs.exact, error);
  }
}

Value ExprInterpreter::calendarCall(const plan::Expr& expr, const std::vector<Value>& operands,
                                    std::string& error) const {
  for (const Value& operand : operands)
    if (!operand.isSet())
      return operand;
  bool withCalendar = expr.operands.back()->type.is(plan::TypeKind::Calendar);
  const calendar::Calendar* calendar =
      withCalendar ? &calendars_.at(static_cast<std::size_t>(toInt64(operands.back().exact)))
                   : nullptr;
  auto fail = [&](const calendar::CalendarError& problem) {
    error = problem.message;
    return Value::unset();
  };
  switch (expr.kind) {
  case ExprKind::InCalendar: {
    auto result = calendar->contains(toInt64(operands[0].exact));
    if (const auto* problem = std::get_if<calendar::CalendarError>(&result))
      return fail(*problem);
    return ofBool(std::get<bool>(result));
  }
  case ExprKind::ScaleBusinessDays:
    return checkedResult(expr, operands[0].exact * Rational(*calendar->businessDay()), error);
  case ExprKind::Elapsed: {
    std::int64_t start = toInt64(operands[0].exact);
    std::int64_t end = toInt64(operands[1].exact);
    if (end < start) {
      error = fmt::format("it ends ({}) before it starts ({})", calendar::formatInstant(end),
                          calendar::formatInstant(start));
      return Value::unset();
    }
    if (!calendar)
      return Value::of(Rational(end - start));
    auto result = calendar->elapsed(start, end);
    if (const auto* problem = std::get_if<calendar::CalendarError>(&result))
      return fail(*problem);
    return Value::of(Rational(std::get<calendar::Duration>(result)));
  }
  default: { // Deadline
    std::int64_t start = toInt64(operands[0].exact);
    std::int64_t length = toInt64(operands[1].exact);
    if (!calendar)
      return checkedResult(expr, Rational(start) + Rational(length), error);
    auto result = calendar->deadline(start, length);
    if (const auto* problem = std::get_if<calendar::CalendarError>(&result))
      return fail(*problem);
    return Value::of(Rational(std::get<calendar::Instant>(result)));
  }
  }
}

Value ExprInterpreter::pausedTime(const plan::Expr& expr, const std::vector<Value>& operands,
                                  std::string& error) const {
  for (const Value& operand : operands)
    if (!operand.isSet())
      return operand;
  if (!pauses_) {
    error = "the clock pauses of other streams are not known here";
    return Value::unset();
  }
  std::int64_t start = toInt64(operands[0].exact);
  std::int64_t end = toInt64(operands[1].exact);
  if (end < start) // the Elapsed beside it reports it
    return Value::of(Rational(0));
  const calendar::Calendar* calendar =
      operands.size() == 4 ? &calendars_.at(static_cast<std::size_t>(toInt64(operands[3].exact)))
                           : nullptr;
  auto result = pauses_->at(expr.slot).pausedIn(pauseKeyText(expr.operands[2]->type, operands[2]),
                                                start, end, calendar);
  if (const auto* problem = std::get_if<calendar::CalendarError>(&result)) {
    error = problem->message;
    return Value::unset();
  }
  return Value::of(Rational(std::get<calendar::Duration>(result)));
}

} // namespace slac::eval
