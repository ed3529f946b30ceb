#pragma once

// The expressions of the plan: a closed set of typed nodes that the
// reference interpreter walks per record (or per window) and the JIT lowers
// to LLVM IR. Unlike the AST they are resolved (a field is a column number,
// a calendar an index, a `match` a table per enum case) and fully typed:
// every node carries its type, and the checker has already rejected every
// operand combination not listed below, so an evaluator never needs a
// "type error" path.
//
// Levels. A *record* expression is evaluated once per record of one stream
// (stream lets, `where` filters of a stream, aggregated values); it reads
// Field and Let nodes. A *window* expression is evaluated once per window,
// group or slice (a metric's value, the condition of a slice); it reads
// Aggregate nodes. No node mixes the levels.
//
// Operators, by operand types (Int+Number mixes are made explicit with
// ToNumber first, so both operands of a binary node have the same numeric
// kind unless a row says otherwise):
//   Negate        Int, Number, Percent, Duration, Money -> same
//   Not           Bool -> Bool
//   Add, Sub      Int|Number|Percent|Duration|Money with the same -> same
//                 Time + Duration, Time - Duration -> Time
//                 Time - Time -> Duration;  Date - Date -> Int (days)
//   Mul           Int|Number with the same -> same
//                 Percent|Duration|Money x Int|Number (either order) -> the unit
//   Div           Int / Int -> Number;  Number / Number -> Number
//                 Percent|Duration|Money / Int|Number -> the unit
//                 Duration / Duration -> Number;  Percent / Percent -> Number
//   Lt Le Gt Ge   two of: Int, Number, Percent, Duration, Time, Date,
//                 Money (one currency) -> Bool
//   Eq Ne         the above, and Bool, String, one Enum -> Bool
//   And, Or       Bool -> Bool
// Optional operands make the result optional (an unset operand gives an
// unset result), except And/Or, which are three-valued: `false and unset`
// is false, `true or unset` is true; and IsSet/IsNotSet, never optional.
// Division by zero gives unset.

#include "plan/Type.h"
#include "source/SourceLocation.h"
#include "values/Values.h"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace slac::plan {

// The shared values (values/Values.h) under the plan's names: the engines
// know the plan, not where its vocabulary is defined.
//
// Literal values keep their written precision: percents, money and
// decimal numbers are exact decimals (a percent is the written number of
// percent: 99.5% is {995, 1}).
using Decimal = values::Decimal;
using CivilDate = values::CivilDate;
// Exact products and sums of 64-bit values.
using Int128 = values::Int128;

// The value of a Constant, by its type: Bool -> bool; Int, Duration (µs),
// Time (UTC µs), Date (days since 1970-01-01), BusinessDays (days), Enum
// (case index) -> int64; Number, Percent, Money -> Decimal; String ->
// string.
using ConstantValue = std::variant<bool, std::int64_t, Decimal, std::string>;

enum class ExprKind : std::uint8_t {
  Constant,  // `value`
  Field,     // record: column `slot` of the stream
  Let,       // record: the stream's let number `slot`, computed earlier
  Aggregate, // window: Program::aggregates[slot]
  ToNumber,  // Int -> Number
  Negate,
  Not,
  Add,
  Sub,
  Mul,
  Div,
  Lt,
  Le,
  Gt,
  Ge,
  Eq,
  Ne,
  And,
  Or,
  IsSet,    // operand may be unset -> Bool
  IsNotSet, // -> Bool
  // Calendar time. `slot` is the index in Program::calendars, or kNoSlot
  // for wall-clock time.
  Elapsed,    // (a: Time, b: Time) -> Duration in [a, b) inside the calendar
  Deadline,   // (a: Time, d: Duration) -> Time
  InCalendar, // (t: Time) -> Bool; slot is always a calendar
  // (n: BusinessDays) -> Duration: n times the `business day` of calendar
  // `slot`.
  ScaleBusinessDays,
  // (elapsed: Duration, paused: Duration) -> Duration: `elapsed(a, b, cal,
  // paused)`, the time the clock ran less the time it was paused, measured
  // on the same clock; a data error when the pause is negative or longer.
  LessPaused,
  // (a: Time, b: Time, key, [calendar]) -> Duration: the time in [a, b),
  // measured like Elapsed, during which the key's clock was paused by
  // Program::pauseSources[slot]. Never more than the Elapsed of the same
  // operands, so LessPaused over both never fails.
  PausedTime,
  // operands[0] is the subject (an Enum); operands[1 + i] is the value for
  // case i of that enum, one per case, in declaration order.
  Match,
};

inline constexpr std::uint32_t kNoSlot = ~std::uint32_t{0};

struct Expr {
  ExprKind kind;
  Type type;
  SourceRange range;
  std::vector<const Expr*> operands;
  std::uint32_t slot = kNoSlot;
  ConstantValue value;
};

const char* exprKindName(ExprKind kind);

} // namespace slac::plan
