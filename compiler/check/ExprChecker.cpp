#include "check/ExprChecker.h"

#include "check/ClosestName.h"
#include "check/TypeRules.h"
#include "modules/Lookup.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <fmt/format.h>

namespace slac::check {

namespace {

using plan::ExprKind;
using plan::Type;
using plan::TypeKind;

bool isOrdered(TypeKind kind) {
  switch (kind) {
  case TypeKind::Int:
  case TypeKind::Number:
  case TypeKind::Percent:
  case TypeKind::Duration:
  case TypeKind::Time:
  case TypeKind::Date:
  case TypeKind::Money:
    return true;
  default:
    return false;
  }
}

ExprKind binaryKind(ast::BinaryOp op) {
  switch (op) {
  case ast::BinaryOp::Mul:
    return ExprKind::Mul;
  case ast::BinaryOp::Div:
    return ExprKind::Div;
  case ast::BinaryOp::Add:
    return ExprKind::Add;
  case ast::BinaryOp::Sub:
    return ExprKind::Sub;
  case ast::BinaryOp::Lt:
    return ExprKind::Lt;
  case ast::BinaryOp::Le:
    return ExprKind::Le;
  case ast::BinaryOp::Gt:
    return ExprKind::Gt;
  case ast::BinaryOp::Ge:
    return ExprKind::Ge;
  case ast::BinaryOp::Eq:
    return ExprKind::Eq;
  case ast::BinaryOp::Ne:
    return ExprKind::Ne;
  case ast::BinaryOp::And:
    return ExprKind::And;
  case ast::BinaryOp::Or:
    return ExprKind::Or;
  }
  return ExprKind::Add;
}

std::int64_t daysSinceEpoch(const ast::CivilDate& date) {
  using namespace std::chrono;
  return sys_days(year_month_day(year(date.year), month(date.month), day(date.day)))
      .time_since_epoch()
      .count();
}

// `0.995` where a percent is expected most likely means 99.5%.
std::string percentSuggestion(const ast::Expr& literal, std::string_view spelling) {
  const auto* decimal = dyn_cast<ast::DecimalLiteral>(&literal);
  if (!decimal)
    return std::string(spelling) + "%";
  ast::Decimal value = decimal->value();
  std::int64_t one = 1;
  for (int i = 0; i < value.scale; ++i)
    one *= 10;
  if (value.units >= one)
    return std::string(spelling) + "%";
  value.units *= 100;
  while (value.scale > 0 && value.units % 10 == 0) {
    value.units /= 10;
    --value.scale;
  }
  return value.toString() + "%";
}

} // namespace

std::string ExprChecker::typeName(const Type& type) const {
  return plan::typeSpelling(type, type.is(TypeKind::Enum) ? state_.enumName(type.detail) : "");
}

ExprChecker::Typed ExprChecker::make(ExprKind kind, Type type, SourceRange range,
                                     std::vector<const plan::Expr*> operands, std::uint32_t slot,
                                     plan::ConstantValue value) {
  return state_.program.add({kind, type, range, std::move(operands), slot, std::move(value)});
}

ExprChecker::Typed ExprChecker::check(const ast::Expr* expr, const ExprScope& scope) {
  return checkWithHint(expr, scope, std::nullopt);
}

ExprChecker::Typed ExprChecker::checkWithHint(const ast::Expr* expr, const ExprScope& scope,
                                              std::optional<Type> enumHint) {
  if (!expr)
    return nullptr;
  switch (expr->kind()) {
  case ast::NodeKind::NameExpr:
    return name(*cast<ast::NameExpr>(expr), scope, enumHint);
  case ast::NodeKind::MemberExpr:
    return member(*cast<ast::MemberExpr>(expr), scope);
  case ast::NodeKind::UnaryExpr:
    return unary(*cast<ast::UnaryExpr>(expr), scope);
  case ast::NodeKind::BinaryExpr:
    return binary(*cast<ast::BinaryExpr>(expr), scope);
  case ast::NodeKind::IsSetExpr:
    return isSet(*cast<ast::IsSetExpr>(expr), scope);
  case ast::NodeKind::CallExpr:
    return call(*cast<ast::CallExpr>(expr), scope);
  case ast::NodeKind::AggregateExpr:
    return aggregate(*cast<ast::AggregateExpr>(expr), scope);
  case ast::NodeKind::MatchExpr:
    return match(*cast<ast::MatchExpr>(expr), scope);
  case ast::NodeKind::PausesExpr:
    reportPausesOutOfPlace(*cast<ast::PausesExpr>(expr));
    return nullptr;
  case ast::NodeKind::SlicesExpr:
    state_.report(DiagnosticKind::WrongArguments, expr->range(), "slices",
                  "a width and is only the first argument of an aggregate, like "
                  "`ratio(slices(1m) where ...)`");
    return nullptr;
  default:
    return literal(*expr);
  }
}

ExprChecker::Typed ExprChecker::literal(const ast::Expr& expr) {
  SourceRange range = expr.range();
  Typed typed = nullptr;
  if (const auto* integer = dyn_cast<ast::IntLiteral>(&expr))
    typed = make(ExprKind::Constant, Type::of(TypeKind::Int), range, {}, plan::kNoSlot,
                 integer->value());
  else if (const auto* decimal = dyn_cast<ast::DecimalLiteral>(&expr))
    typed = make(ExprKind::Constant, Type::of(TypeKind::Number), range, {}, plan::kNoSlot,
                 decimal->value());
  else if (const auto* percent = dyn_cast<ast::PercentLiteral>(&expr))
    return make(ExprKind::Constant, Type::of(TypeKind::Percent), range, {}, plan::kNoSlot,
                percent->value());
  else if (const auto* duration = dyn_cast<ast::DurationLiteral>(&expr))
    return make(ExprKind::Constant, Type::of(TypeKind::Duration), range, {}, plan::kNoSlot,
                duration->value());
  else if (const auto* days = dyn_cast<ast::BusinessDaysLiteral>(&expr))
    return make(ExprKind::Constant, Type::of(TypeKind::BusinessDays), range, {}, plan::kNoSlot,
                days->value());
  else if (const auto* money = dyn_cast<ast::MoneyLiteral>(&expr))
    return make(ExprKind::Constant, Type::money(plan::packCurrency(money->value().currency)), range,
                {}, plan::kNoSlot, money->value().amount);
  else if (const auto* date = dyn_cast<ast::DateLiteral>(&expr))
    return make(ExprKind::Constant, Type::of(TypeKind::Date), range, {}, plan::kNoSlot,
                daysSinceEpoch(date->value()));
  else if (const auto* instant = dyn_cast<ast::DateTimeLiteral>(&expr))
    return make(ExprKind::Constant, Type::of(TypeKind::Time), range, {}, plan::kNoSlot,
                instant->value().epochMicros);
  else if (const auto* string = dyn_cast<ast::StringLiteral>(&expr))
    return make(ExprKind::Constant, Type::of(TypeKind::String), range, {}, plan::kNoSlot,
                string->value());
  else if (const auto* boolean = dyn_cast<ast::BoolLiteral>(&expr))
    return make(ExprKind::Constant, Type::of(TypeKind::Bool), range, {}, plan::kNoSlot,
                boolean->value());
  if (typed)
    sources_[typed] = &expr;
  return typed;
}

// ------------------------------------------------------------------ names

ExprChecker::Typed ExprChecker::name(const ast::NameExpr& expr, const ExprScope& scope,
                                     std::optional<Type> enumHint) {
  const std::string& written = expr.name().name;
  SourceRange range = expr.range();
  auto enumCase = [&](std::uint32_t enumIndex) -> Typed {
    const std::vector<std::string>& cases = state_.program.enums[enumIndex].cases;
    for (std::size_t i = 0; i < cases.size(); ++i)
      if (cases[i] == written)
        return make(ExprKind::Constant, Type::enumeration(enumIndex), range, {}, plan::kNoSlot,
                    static_cast<std::int64_t>(i));
    return nullptr;
  };
  if (enumHint && enumHint->is(TypeKind::Enum))
    if (Typed found = enumCase(enumHint->detail))
      return found;

  if (scope.stream) {
    const plan::Stream& stream = state_.program.streams[scope.streamIndex];
    for (std::size_t column = 0; column < stream.fields.size(); ++column)
      if (stream.fields[column].name == written)
        return make(ExprKind::Field, stream.fields[column].type, range, {},
                    static_cast<std::uint32_t>(column));
    for (const ast::Decl* member : scope.stream->members)
      if (const auto* let = dyn_cast<ast::LetDecl>(member); let && let->name.name == written)
        return streamLet(*scope.stream, *let, scope);
  }
  std::vector<std::string> candidates;
  if (scope.service) {
    for (const ast::Decl* member : scope.service->members)
      if (const auto* let = dyn_cast<ast::LetDecl>(member); let && let->name.name == written)
        return serviceLet(*let, scope);
    Typed found = nullptr;
    for (const ast::Decl* member : scope.service->members)
      if (const auto* enumDecl = dyn_cast<ast::EnumDecl>(member))
        if (Typed candidate = enumCase(state_.enumIndex(*enumDecl)); candidate && !found)
          found = candidate;
    if (found)
      return found;
    for (const ast::Decl* member : scope.service->members) {
      if (isa<ast::LetDecl>(member))
        candidates.push_back(member->name.name);
      const auto* stream = dyn_cast<ast::StreamDecl>(member);
      if (!stream)
        continue;
      if (stream->name.name == written) {
        state_.report(DiagnosticKind::TypeMismatch, range, written, "a stream", "a value")
            .note(range, "aggregate its records, like `count({})`", written);
        return nullptr;
      }
      for (const ast::Decl* field : stream->members) {
        if (scope.stream == stream)
          candidates.push_back(field->name.name);
        if (!scope.stream && field->name.name == written) {
          std::string example = fmt::format("max({}.{})", stream->name.name, written);
          state_.report(DiagnosticKind::FieldOutsideAggregate, range, written, stream->name.name,
                        scope.role, example);
          return nullptr;
        }
      }
    }
    for (const ast::Decl* member : scope.service->members)
      if (const auto* metric = dyn_cast<ast::MetricDecl>(member);
          metric && metric->name.name == written) {
        state_.report(DiagnosticKind::TypeMismatch, range, written, "a metric", "a value")
            .note(metric->name.range,
                  "metrics are compared by objectives and cannot be used in expressions");
        return nullptr;
      }
  }
  if (const auto* calendar = modules::findDeclaration<ast::CalendarDecl>(*scope.module, written))
    return calendarConstant(*calendar, range);
  std::string where = scope.stream    ? fmt::format(" in stream `{}`", scope.stream->name.name)
                      : scope.service ? fmt::format(" in service `{}`", scope.service->name.name)
                                      : std::string();
  auto report = state_.report(DiagnosticKind::UndefinedName, range, "value", written, where);
  if (auto closest = closestName(written, candidates))
    report.note(range, "did you mean `{}`?", *closest).fixIt(range, *closest);
  return nullptr;
}

ExprChecker::Typed ExprChecker::member(const ast::MemberExpr& expr, const ExprScope& scope) {
  std::string written = state_.spelling(expr.range());
  if (const auto* base = dyn_cast<ast::NameExpr>(expr.base()))
    if (const auto* calendar = modules::findDeclaration<ast::CalendarDecl>(
            *scope.module, ast::QualifiedName{{base->name(), expr.member()}, expr.range()}))
      return calendarConstant(*calendar, expr.range());
  if (const auto* base = dyn_cast<ast::NameExpr>(expr.base()); base && scope.service)
    for (const ast::Decl* member : scope.service->members)
      if (const auto* stream = dyn_cast<ast::StreamDecl>(member);
          stream && stream->name.name == base->name().name) {
        state_.report(DiagnosticKind::FieldOutsideAggregate, expr.range(), written,
                      stream->name.name, scope.stream ? "this record" : scope.role,
                      fmt::format("max({})", written));
        return nullptr;
      }
  state_.report(DiagnosticKind::TypeMismatch, expr.range(), written, "not a value of this service",
                "a value");
  return nullptr;
}

ExprChecker::Typed ExprChecker::streamLet(const ast::StreamDecl& stream, const ast::LetDecl& let,
                                          const ExprScope& scope) {
  auto key = std::make_pair(&let, &stream);
  Typed value = nullptr;
  if (auto done = letValues_.find(key); done != letValues_.end()) {
    value = done->second;
  } else {
    auto [state, fresh] = letStates_.emplace(key, LetState::InProgress);
    if (!fresh) {
      if (state->second == LetState::InProgress)
        state_.report(DiagnosticKind::CyclicLet, let.name.range, let.name.name);
      return nullptr;
    }
    ExprScope record = scope;
    record.stream = &stream;
    value = check(let.value, record);
    if (!value) {
      state->second = LetState::Failed;
      return nullptr;
    }
    letStates_.erase(state);
    // Business days have no length until they meet a calendar: such a let
    // is not computed per record but inlined where it is compared.
    if (value->type.is(TypeKind::BusinessDays)) {
      letValues_[key] = value;
      return value;
    }
    plan::Stream& planned = state_.program.streams[scope.streamIndex];
    letValues_[key] = make(ExprKind::Let, value->type, let.name.range, {},
                           static_cast<std::uint32_t>(planned.lets.size()));
    planned.lets.push_back({let.name.name, value, let.range()});
    if (auto measured = measuredOn_.find(value); measured != measuredOn_.end())
      measuredOn_[letValues_[key]] = measured->second;
    value = letValues_[key];
  }
  return value;
}

ExprChecker::Typed ExprChecker::serviceLet(const ast::LetDecl& let, const ExprScope& scope) {
  auto key = std::make_pair(&let, scope.stream);
  if (auto done = letValues_.find(key); done != letValues_.end())
    return done->second;
  auto [state, fresh] = letStates_.emplace(key, LetState::InProgress);
  if (!fresh) {
    if (state->second == LetState::InProgress)
      state_.report(DiagnosticKind::CyclicLet, let.name.range, let.name.name);
    return nullptr;
  }
  Typed value = check(let.value, scope);
  if (!value) {
    state->second = LetState::Failed;
    return nullptr;
  }
  letStates_.erase(state);
  letValues_[key] = value;
  return value;
}

void ExprChecker::checkStreamLets(const ast::StreamDecl& stream, const ExprScope& scope) {
  for (const ast::Decl* member : stream.members)
    if (const auto* let = dyn_cast<ast::LetDecl>(member))
      streamLet(stream, *let, scope);
}

// -------------------------------------------------------------- operators

ExprChecker::Typed ExprChecker::promote(Typed expr) {
  if (!expr->type.is(TypeKind::Int))
    return expr;
  Type number = Type::of(TypeKind::Number).asOptional(expr->type.optional);
  if (expr->kind == ExprKind::Constant)
    return make(ExprKind::Constant, number, expr->range, {}, plan::kNoSlot,
                plan::Decimal{std::get<std::int64_t>(expr->value), 0});
  return make(ExprKind::ToNumber, number, expr->range, {expr});
}

void ExprChecker::reportMismatch(const ast::Expr* source, Typed actual, Type expected,
                                 std::string_view expectedSpelling) {
  std::string written = state_.spelling(source->range());
  bool plainNumber = isa<ast::IntLiteral>(source) || isa<ast::DecimalLiteral>(source);
  if (plainNumber && isUnit(expected.kind)) {
    if (expected.is(TypeKind::Percent)) {
      std::string suggestion = percentSuggestion(*source, written);
      state_
          .report(DiagnosticKind::MissingUnit, source->range(), written, "a percent",
                  fmt::format("`{}`", suggestion))
          .fixIt(source->range(), suggestion);
    } else if (expected.is(TypeKind::Money)) {
      std::string suggestion =
          fmt::format("{} {}", written, plan::currencySpelling(expected.detail));
      state_
          .report(DiagnosticKind::MissingUnit, source->range(), written, typeName(expected),
                  fmt::format("`{}`", suggestion))
          .fixIt(source->range(), suggestion);
    } else {
      state_.report(DiagnosticKind::MissingUnit, source->range(), written, "a duration",
                    fmt::format("it with its unit, like `{0}ms`, `{0}s` or `{0}m`", written));
    }
    return;
  }
  if (actual && actual->type.is(TypeKind::Money) && expected.is(TypeKind::Money)) {
    state_.report(DiagnosticKind::CurrencyMismatch, source->range(), written,
                  plan::currencySpelling(actual->type.detail), "the amount expected here",
                  plan::currencySpelling(expected.detail));
    return;
  }
  state_.report(DiagnosticKind::TypeMismatch, source->range(), written,
                actual ? typeName(actual->type) : "unknown", expectedSpelling);
}

ExprChecker::Typed ExprChecker::unary(const ast::UnaryExpr& expr, const ExprScope& scope) {
  Typed operand = check(expr.operand(), scope);
  if (!operand)
    return nullptr;
  Type type = operand->type;
  if (expr.op() == ast::UnaryOp::Not) {
    if (!expectCondition(expr.operand(), operand))
      return nullptr;
    return make(ExprKind::Not, type, expr.range(), {operand});
  }
  if (!type.isNumeric() && !isUnit(type.kind)) {
    state_.report(DiagnosticKind::InvalidOperands, expr.range(), "-",
                  fmt::format("negate {}", typeName(type)));
    return nullptr;
  }
  if (operand->kind == ExprKind::Constant) {
    plan::ConstantValue negated = operand->value;
    if (auto* integer = std::get_if<std::int64_t>(&negated))
      *integer = -*integer;
    else if (auto* decimal = std::get_if<plan::Decimal>(&negated))
      decimal->units = -decimal->units;
    return make(ExprKind::Constant, type, expr.range(), {}, plan::kNoSlot, std::move(negated));
  }
  return make(ExprKind::Negate, type, expr.range(), {operand});
}

bool ExprChecker::expectCondition(const ast::Expr* source, Typed typed) {
  if (typed->type.is(TypeKind::Bool))
    return true;
  state_.report(DiagnosticKind::TypeMismatch, source->range(), state_.spelling(source->range()),
                typeName(typed->type), "a condition (a bool)");
  return false;
}

ExprChecker::Typed ExprChecker::binary(const ast::BinaryExpr& expr, const ExprScope& scope) {
  if (ast::isComparison(expr.op())) {
    if (const auto* inner = dyn_cast<ast::BinaryExpr>(expr.lhs());
        inner && ast::isComparison(inner->op())) {
      state_.report(DiagnosticKind::ChainedComparison, expr.opRange(),
                    state_.spelling(expr.range()));
      return nullptr;
    }
    Typed lhs = check(expr.lhs(), scope);
    Typed rhs =
        checkWithHint(expr.rhs(), scope, lhs ? std::optional<Type>(lhs->type) : std::nullopt);
    return comparison(expr, lhs, rhs);
  }
  Typed lhs = check(expr.lhs(), scope);
  Typed rhs = check(expr.rhs(), scope);
  if (!lhs || !rhs)
    return nullptr;
  if (expr.op() == ast::BinaryOp::And || expr.op() == ast::BinaryOp::Or)
    return logical(expr, lhs, rhs);
  return arithmetic(expr, lhs, rhs);
}

ExprChecker::Typed ExprChecker::comparison(const ast::BinaryExpr& expr, Typed lhs, Typed rhs) {
  if (!lhs || !rhs)
    return nullptr;
  const char* op = ast::binaryOpSpelling(expr.op());
  // Business days count on the calendar the other side was measured on;
  // without one, BusinessDaysChecks reports E0310.
  auto countOn = [&](Typed& days, Typed time, const ast::Expr* daysSource) {
    Typed calendar = measuredOn(time);
    if (calendar == severalCalendars_) {
      state_.report(DiagnosticKind::TypeMismatch, daysSource->range(),
                    state_.spelling(daysSource->range()), "business days",
                    "a duration (the time it is compared with is measured on different "
                    "calendars, so a business day has no single length)");
      return false;
    }
    return calendar && (days = scaleBusinessDays(days, calendar));
  };
  if (lhs->type.is(TypeKind::Duration) && rhs->type.is(TypeKind::BusinessDays)) {
    if (!countOn(rhs, lhs, expr.rhs()))
      return nullptr;
  } else if (rhs->type.is(TypeKind::Duration) && lhs->type.is(TypeKind::BusinessDays)) {
    if (!countOn(lhs, rhs, expr.lhs()))
      return nullptr;
  }
  Type a = lhs->type;
  Type b = rhs->type;
  bool equality = expr.op() == ast::BinaryOp::Eq || expr.op() == ast::BinaryOp::Ne;
  if (a.isNumeric() && b.isNumeric() && !a.sameValueType(b)) {
    lhs = promote(lhs);
    rhs = promote(rhs);
  } else if (a.is(TypeKind::Money) && b.is(TypeKind::Money) && a.detail != b.detail) {
    state_.report(DiagnosticKind::CurrencyMismatch, expr.rhs()->range(),
                  state_.spelling(expr.rhs()->range()), plan::currencySpelling(b.detail),
                  fmt::format("`{}`", state_.spelling(expr.lhs()->range())),
                  plan::currencySpelling(a.detail));
    return nullptr;
  } else if (a.sameValueType(b) && !isOrdered(a.kind) &&
             (a.is(TypeKind::Bool) || a.is(TypeKind::String) || a.is(TypeKind::Enum))) {
    if (!equality) {
      state_.report(DiagnosticKind::InvalidOperands, expr.opRange(), op,
                    fmt::format("order {}; only `==` and `!=` compare such values",
                                typeName(a.asOptional(false))));
      return nullptr;
    }
  } else if (!(a.sameValueType(b) && isOrdered(a.kind))) {
    const ast::Expr* plainSide = nullptr;
    Type expected = b;
    if (a.isNumeric() && isUnit(b.kind))
      plainSide = expr.lhs();
    else if (b.isNumeric() && isUnit(a.kind))
      plainSide = expr.rhs(), expected = a;
    if (plainSide && (isa<ast::IntLiteral>(plainSide) || isa<ast::DecimalLiteral>(plainSide))) {
      reportMismatch(plainSide, nullptr, expected, "");
      return nullptr;
    }
    state_.report(DiagnosticKind::InvalidOperands, expr.opRange(), op,
                  fmt::format("compare {} with {}", typeName(a.asOptional(false)),
                              typeName(b.asOptional(false))));
    return nullptr;
  }
  return make(binaryKind(expr.op()), Type::of(TypeKind::Bool).asOptional(a.optional || b.optional),
              expr.range(), {lhs, rhs});
}

ExprChecker::Typed ExprChecker::arithmetic(const ast::BinaryExpr& expr, Typed lhs, Typed rhs) {
  Type a = lhs->type.asOptional(false);
  Type b = rhs->type.asOptional(false);
  bool optional = lhs->type.optional || rhs->type.optional;
  const char* op = ast::binaryOpSpelling(expr.op());
  std::optional<Type> result;
  auto numeric = [&](bool divide) {
    bool bothInt = a.is(TypeKind::Int) && b.is(TypeKind::Int);
    if (!bothInt || divide) {
      lhs = promote(lhs);
      rhs = promote(rhs);
      return Type::of(TypeKind::Number);
    }
    return a;
  };
  if (a.is(TypeKind::Money) && b.is(TypeKind::Money) && a.detail != b.detail) {
    state_.report(DiagnosticKind::CurrencyMismatch, expr.rhs()->range(),
                  state_.spelling(expr.rhs()->range()), plan::currencySpelling(b.detail),
                  fmt::format("`{}`", state_.spelling(expr.lhs()->range())),
                  plan::currencySpelling(a.detail));
    return nullptr;
  }
  bool sameUnit = a == b && isUnit(a.kind);
  switch (expr.op()) {
  case ast::BinaryOp::Add:
  case ast::BinaryOp::Sub: {
    bool subtract = expr.op() == ast::BinaryOp::Sub;
    if (a.isNumeric() && b.isNumeric())
      result = numeric(false);
    else if (sameUnit)
      result = a;
    else if (a.is(TypeKind::Time) && b.is(TypeKind::Duration))
      result = a;
    else if (!subtract && a.is(TypeKind::Duration) && b.is(TypeKind::Time))
      result = b;
    else if (subtract && a.is(TypeKind::Time) && b.is(TypeKind::Time))
      result = Type::of(TypeKind::Duration);
    else if (subtract && a.is(TypeKind::Date) && b.is(TypeKind::Date))
      result = Type::of(TypeKind::Int);
    break;
  }
  case ast::BinaryOp::Mul:
    if (a.isNumeric() && b.isNumeric())
      result = numeric(false);
    else if (isUnit(a.kind) && b.isNumeric())
      result = a;
    else if (a.isNumeric() && isUnit(b.kind))
      result = b;
    break;
  case ast::BinaryOp::Div:
    if (a.isNumeric() && b.isNumeric())
      result = numeric(true);
    else if (isUnit(a.kind) && b.isNumeric())
      result = a;
    else if (sameUnit)
      result = Type::of(TypeKind::Number);
    break;
  default:
    break;
  }
  if (!result) {
    const ast::Expr* plainSide = nullptr;
    Type expected = b;
    bool additive = expr.op() == ast::BinaryOp::Add || expr.op() == ast::BinaryOp::Sub;
    if (additive && a.isNumeric() && isUnit(b.kind))
      plainSide = expr.lhs();
    else if (additive && b.isNumeric() && isUnit(a.kind))
      plainSide = expr.rhs(), expected = a;
    if (plainSide && (isa<ast::IntLiteral>(plainSide) || isa<ast::DecimalLiteral>(plainSide))) {
      reportMismatch(plainSide, nullptr, expected, "");
      return nullptr;
    }
    static constexpr std::array<const char*, 4> kVerbs{"multiply", "divide", "add", "subtract"};
    const char* verb = kVerbs[static_cast<std::size_t>(expr.op())];
    const char* joiner = expr.op() == ast::BinaryOp::Mul || expr.op() == ast::BinaryOp::Div
                             ? " by "
                             : (expr.op() == ast::BinaryOp::Sub ? " from " : " and ");
    std::string description =
        expr.op() == ast::BinaryOp::Sub
            ? fmt::format("{} {}{}{}", verb, typeName(b), joiner, typeName(a))
            : fmt::format("{} {}{}{}", verb, typeName(a), joiner, typeName(b));
    state_.report(DiagnosticKind::InvalidOperands, expr.opRange(), op, description);
    return nullptr;
  }
  Typed typed = make(binaryKind(expr.op()), result->asOptional(optional), expr.range(), {lhs, rhs});
  if (result->is(TypeKind::Duration))
    for (Typed side : {lhs, rhs})
      if (auto measured = measuredOn_.find(side); measured != measuredOn_.end())
        measuredOn_[typed] = measured->second;
  return typed;
}

ExprChecker::Typed ExprChecker::logical(const ast::BinaryExpr& expr, Typed lhs, Typed rhs) {
  bool ok = expectCondition(expr.lhs(), lhs);
  ok = expectCondition(expr.rhs(), rhs) && ok;
  if (!ok)
    return nullptr;
  return make(binaryKind(expr.op()),
              Type::of(TypeKind::Bool).asOptional(lhs->type.optional || rhs->type.optional),
              expr.range(), {lhs, rhs});
}

ExprChecker::Typed ExprChecker::isSet(const ast::IsSetExpr& expr, const ExprScope& scope) {
  Typed operand = check(expr.operand(), scope);
  if (!operand)
    return nullptr;
  if (!operand->type.optional)
    state_.report(DiagnosticKind::NeverUnset, expr.range(),
                  state_.spelling(expr.operand()->range()), state_.spelling(expr.range()),
                  expr.negated() ? "false" : "true");
  return make(expr.negated() ? ExprKind::IsNotSet : ExprKind::IsSet, Type::of(TypeKind::Bool),
              expr.range(), {operand});
}

// ------------------------------------------------------------------ match

ExprChecker::Typed ExprChecker::match(const ast::MatchExpr& expr, const ExprScope& scope) {
  Typed subject = check(expr.subject(), scope);
  if (!subject)
    return nullptr;
  if (!subject->type.is(TypeKind::Enum)) {
    state_.report(DiagnosticKind::TypeMismatch, expr.subject()->range(),
                  state_.spelling(expr.subject()->range()), typeName(subject->type),
                  "a value of an enum");
    return nullptr;
  }
  const plan::Enum& enumeration = state_.program.enums[subject->type.detail];
  std::vector<Typed> byCase(enumeration.cases.size(), nullptr);
  Typed wildcard = nullptr;
  Typed first = nullptr;
  const ast::MatchArm* firstArm = nullptr;
  bool ok = true;
  bool optional = subject->type.optional;
  bool numberArms = false;
  bool daysArms = false;
  std::vector<Typed> arms;
  for (const ast::MatchArm& arm : expr.arms()) {
    Typed value = check(arm.value, scope);
    arms.push_back(value);
    if (!value) {
      ok = false;
      continue;
    }
    if (!first) {
      first = value;
      firstArm = &arm;
    } else if (!value->type.sameValueType(first->type)) {
      auto isDays = [](Typed armValue) {
        return armValue->type.is(TypeKind::Duration) || armValue->type.is(TypeKind::BusinessDays);
      };
      if (value->type.isNumeric() && first->type.isNumeric()) {
        numberArms = true;
      } else if (isDays(value) && isDays(first)) {
        daysArms = true;
      } else {
        state_
            .report(DiagnosticKind::TypeMismatch, arm.value->range(),
                    state_.spelling(arm.value->range()), typeName(value->type.asOptional(false)),
                    fmt::format("{}, like the first arm", typeName(first->type.asOptional(false))))
            .note(firstArm->value->range(), "the first arm is here");
        ok = false;
        continue;
      }
    }
    optional = optional || value->type.optional;
  }
  if (!ok || !first)
    return nullptr;
  std::size_t armIndex = 0;
  for (const ast::MatchArm& arm : expr.arms()) {
    Typed value = arms[armIndex++];
    if (numberArms)
      value = promote(value);
    for (const ast::Identifier& pattern : arm.patterns) {
      if (pattern.name == "_") {
        wildcard = wildcard ? wildcard : value;
        continue;
      }
      for (std::size_t i = 0; i < enumeration.cases.size(); ++i)
        if (enumeration.cases[i] == pattern.name && !byCase[i])
          byCase[i] = value;
    }
  }
  std::vector<const plan::Expr*> operands{subject};
  Typed calendar = nullptr;
  bool oneCalendar = true;
  auto sameCalendar = [](Typed a, Typed b) {
    return a == b || (a && b && a->kind == ExprKind::Constant && b->kind == ExprKind::Constant &&
                      a->slot == b->slot);
  };
  for (std::size_t i = 0; i < byCase.size(); ++i) {
    Typed value = byCase[i] ? byCase[i] : wildcard;
    if (!value) // MatchChecks reports the missing cases
      return nullptr;
    Typed on = measuredOn(value);
    if (i == 0)
      calendar = on;
    oneCalendar = oneCalendar && sameCalendar(on, calendar);
    operands.push_back(value);
  }
  // Mixed durations and business days stay business days until they meet
  // a calendar (scaleBusinessDays rebuilds the arms then).
  Type type = numberArms ? Type::of(TypeKind::Number)
              : daysArms ? Type::of(TypeKind::BusinessDays)
                         : first->type;
  Typed typed = make(ExprKind::Match, type.asOptional(optional), expr.range(), std::move(operands));
  if (!oneCalendar)
    measuredOn_[typed] = severalCalendars_;
  else if (calendar)
    measuredOn_[typed] = calendar;
  return typed;
}

// ------------------------------------------------------------- constants

std::optional<plan::ConstantValue> ExprChecker::constantOf(const ast::Expr* expr, Type expected,
                                                           const ExprScope& scope) {
  Typed typed = check(expr, scope);
  if (!typed)
    return std::nullopt;
  std::string expectedName = typeName(expected);
  if (typed->kind != ExprKind::Constant) {
    state_.report(DiagnosticKind::TypeMismatch, expr->range(), state_.spelling(expr->range()),
                  "computed per record or window", fmt::format("a constant {}", expectedName));
    return std::nullopt;
  }
  if (typed->type.sameValueType(expected))
    return typed->value;
  if (expected.is(TypeKind::Number) && typed->type.is(TypeKind::Int))
    return plan::Decimal{std::get<std::int64_t>(typed->value), 0};
  reportMismatch(expr, typed, expected, expectedName);
  return std::nullopt;
}

} // namespace slac::check
