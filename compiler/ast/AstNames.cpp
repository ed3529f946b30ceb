// Spellings and names of the AST's enumerations, for dumps and messages.
#include "ast/Decl.h"

namespace slac::ast {

const char* nodeKindName(NodeKind kind) {
  switch (kind) {
#define SLAC_NODE_KIND(Name)                                                                       \
  case NodeKind::Name:                                                                             \
    return #Name;
    SLAC_NODE_KIND(IntLiteral)
    SLAC_NODE_KIND(DecimalLiteral)
    SLAC_NODE_KIND(PercentLiteral)
    SLAC_NODE_KIND(DurationLiteral)
    SLAC_NODE_KIND(BusinessDaysLiteral)
    SLAC_NODE_KIND(MoneyLiteral)
    SLAC_NODE_KIND(DateLiteral)
    SLAC_NODE_KIND(DateTimeLiteral)
    SLAC_NODE_KIND(StringLiteral)
    SLAC_NODE_KIND(BoolLiteral)
    SLAC_NODE_KIND(NameExpr)
    SLAC_NODE_KIND(MemberExpr)
    SLAC_NODE_KIND(UnaryExpr)
    SLAC_NODE_KIND(BinaryExpr)
    SLAC_NODE_KIND(IsSetExpr)
    SLAC_NODE_KIND(CallExpr)
    SLAC_NODE_KIND(PausesExpr)
    SLAC_NODE_KIND(AggregateExpr)
    SLAC_NODE_KIND(SlicesExpr)
    SLAC_NODE_KIND(MatchExpr)
    SLAC_NODE_KIND(ImportDecl)
    SLAC_NODE_KIND(CalendarDecl)
    SLAC_NODE_KIND(HolidaysDecl)
    SLAC_NODE_KIND(ServiceDecl)
    SLAC_NODE_KIND(EnumDecl)
    SLAC_NODE_KIND(StreamDecl)
    SLAC_NODE_KIND(FieldDecl)
    SLAC_NODE_KIND(LetDecl)
    SLAC_NODE_KIND(MetricDecl)
    SLAC_NODE_KIND(AgreementDecl)
    SLAC_NODE_KIND(ObjectiveDecl)
    SLAC_NODE_KIND(RemedyDecl)
    SLAC_NODE_KIND(CapDecl)
    SLAC_NODE_KIND(TerminateDecl)
    SLAC_NODE_KIND(RevisionDecl)
    SLAC_NODE_KIND(TestDecl)
#undef SLAC_NODE_KIND
  }
  return "?";
}

std::string QualifiedName::spelling() const {
  std::string result;
  for (const Identifier& part : parts) {
    if (!result.empty())
      result += '.';
    result += part.name;
  }
  return result;
}

const char* unaryOpSpelling(UnaryOp op) {
  return op == UnaryOp::Negate ? "-" : "not";
}

const char* binaryOpSpelling(BinaryOp op) {
  switch (op) {
  case BinaryOp::Mul:
    return "*";
  case BinaryOp::Div:
    return "/";
  case BinaryOp::Add:
    return "+";
  case BinaryOp::Sub:
    return "-";
  case BinaryOp::Lt:
    return "<";
  case BinaryOp::Le:
    return "<=";
  case BinaryOp::Gt:
    return ">";
  case BinaryOp::Ge:
    return ">=";
  case BinaryOp::Eq:
    return "==";
  case BinaryOp::Ne:
    return "!=";
  case BinaryOp::And:
    return "and";
  case BinaryOp::Or:
    return "or";
  }
  return "?";
}

bool isComparison(BinaryOp op) {
  return op >= BinaryOp::Lt && op <= BinaryOp::Ne;
}

const char* aggregateFunctionName(AggregateFunction function) {
  switch (function) {
  case AggregateFunction::Count:
    return "count";
  case AggregateFunction::Ratio:
    return "ratio";
  case AggregateFunction::Sum:
    return "sum";
  case AggregateFunction::Mean:
    return "mean";
  case AggregateFunction::Min:
    return "min";
  case AggregateFunction::Max:
    return "max";
  case AggregateFunction::Percentile:
    return "percentile";
  case AggregateFunction::Downtime:
    return "downtime";
  case AggregateFunction::Uptime:
    return "uptime";
  }
  return "?";
}

std::string weekdaySetSpelling(WeekdaySet days) {
  static constexpr const char* kNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  std::string result;
  for (int day = 0; day < 7;) {
    if (!(days & (1u << day))) {
      ++day;
      continue;
    }
    int last = day;
    while (last + 1 < 7 && (days & (1u << (last + 1))))
      ++last;
    if (!result.empty())
      result += ',';
    result += kNames[day];
    if (last > day)
      result += std::string("-") + kNames[last];
    day = last + 1;
  }
  return result;
}

const char* periodUnitName(PeriodUnit unit) {
  switch (unit) {
  case PeriodUnit::Day:
    return "day";
  case PeriodUnit::Week:
    return "week";
  case PeriodUnit::Month:
    return "month";
  case PeriodUnit::Quarter:
    return "quarter";
  case PeriodUnit::Year:
    return "year";
  }
  return "?";
}

} // namespace slac::ast
