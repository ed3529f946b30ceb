#pragma once

// Evaluates one plan expression (plan/Expr.h) — the reference semantics
// that the JIT must reproduce. Deliberately direct: a recursive walk that
// follows the operator table of plan/Expr.h case by case.

#include "calendar/Calendar.h"
#include "eval/ClockPauses.h"
#include "eval/Value.h"
#include "plan/Plan.h"

#include <optional>
#include <string>
#include <vector>

namespace slac::eval {

// Where the leaves of an expression come from.
class ExprInputs {
public:
  virtual ~ExprInputs() = default;
  virtual Value field(std::uint32_t slot) const = 0;
  virtual Value let(std::uint32_t slot) const = 0;
  virtual Value aggregate(std::uint32_t slot) const = 0;
};

class ExprInterpreter {
public:
  // Calendars prepared for the evaluation's range, by plan index; the
  // clock pauses by index in plan::Program::pauseSources (none: a
  // PausedTime is an error).
  explicit ExprInterpreter(const std::vector<calendar::Calendar>& calendars,
                           const std::vector<ClockPauses>* pauses = nullptr)
      : calendars_(calendars), pauses_(pauses) {}

  // The value of `expr`, or a data error (an end before its start, an
  // instant outside the prepared calendars) in `error`.
  Value evaluate(const plan::Expr& expr, const ExprInputs& inputs, std::string& error) const;

private:
  Value binary(const plan::Expr& expr, const Value& lhs, const Value& rhs,
               std::string& error) const;
  Value calendarCall(const plan::Expr& expr, const std::vector<Value>& operands,
                     std::string& error) const;
  Value pausedTime(const plan::Expr& expr, const std::vector<Value>& operands,
                   std::string& error) const;

  const std::vector<calendar::Calendar>& calendars_;
  const std::vector<ClockPauses>* pauses_;
};

// A constant of the plan as a value.
Value valueOfConstant(const plan::Type& type, const plan::ConstantValue& constant);

// `a CMP b` on two set values of comparable types.
bool compareValues(plan::Comparison comparison, const Value& a, const Value& b);

} // namespace slac::eval
