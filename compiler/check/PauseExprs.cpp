#include "ast/ExprWalk.h"
#include "check/ClosestName.h"
#include "check/ExprChecker.h"

#include <fmt/format.h>

// Clock pauses read from a stream of status changes: the fourth argument
// of `elapsed`, `status_change where status == waiting on ticket == key`.

namespace slac::check {

using plan::ExprKind;
using plan::Type;
using plan::TypeKind;

namespace {

constexpr const char* kExample = "like `elapsed(opened, resolved, support, status_change where "
                                 "status == waiting on ticket == key)`";

bool readsPauses(const ast::StreamDecl& stream) {
  bool found = false;
  for (const ast::Decl* member : stream.members)
    if (const auto* let = dyn_cast<ast::LetDecl>(member))
      ast::forEachExpr(let->value,
                       [&](const ast::Expr* expr) { found = found || isa<ast::PausesExpr>(expr); });
  return found;
}

// Keys compare by their text (a string, a whole number, an enum case).
bool canKey(const Type& type) {
  return type.is(TypeKind::String) || type.is(TypeKind::Int) || type.is(TypeKind::Enum);
}

} // namespace

void ExprChecker::reportPausesOutOfPlace(const ast::PausesExpr& expr) {
  state_.report(DiagnosticKind::ClockPauses, expr.range(), expr.stream().name,
                fmt::format("are only the fourth argument of `elapsed`, {}", kExample));
}

ExprChecker::Typed ExprChecker::pausedTime(const ast::PausesExpr& expr,
                                           std::vector<const plan::Expr*> operands,
                                           const ExprScope& scope) {
  const std::string& name = expr.stream().name;
  SourceRange nameRange = expr.stream().range;
  if (!scope.stream) {
    state_.report(DiagnosticKind::ClockPauses, expr.range(), name,
                  "pause the clock of a record: use them in a let of the stream whose records "
                  "they pause");
    return nullptr;
  }
  const ast::StreamDecl* source = streamNamed(name, nameRange, scope);
  if (!source)
    return nullptr;
  if (source == scope.stream) {
    state_.report(DiagnosticKind::ClockPauses, nameRange, name,
                  "come from the stream whose clock they pause; read them from a stream of "
                  "status changes (key, status, instant)");
    return nullptr;
  }
  if (source->intervalEnd) {
    state_
        .report(DiagnosticKind::ClockPauses, nameRange, name,
                fmt::format("are read from status changes, each an instant, but `{}` is an "
                            "interval stream",
                            name))
        .note(source->name.range,
              "declare it `stream {} at CHANGED` with the instant of each "
              "change",
              name);
    return nullptr;
  }
  if (readsPauses(*source)) {
    state_.report(DiagnosticKind::ClockPauses, nameRange, name,
                  fmt::format("are read from `{}`, which reads clock pauses itself; pauses are "
                              "read from a stream of status changes alone",
                              name));
    return nullptr;
  }
  std::optional<std::uint32_t> sourceIndex = state_.streamIndex(*source);
  if (!sourceIndex)
    return nullptr;
  ExprScope changes = scope;
  changes.stream = source;
  changes.streamIndex = *sourceIndex;
  Typed condition = check(expr.condition(), changes);
  if (!condition || !expectCondition(expr.condition(), condition))
    return nullptr;

  const auto* join = dyn_cast<ast::BinaryExpr>(expr.join());
  const auto* keyName =
      join && join->op() == ast::BinaryOp::Eq ? dyn_cast<ast::NameExpr>(join->lhs()) : nullptr;
  if (!keyName) {
    state_.report(DiagnosticKind::ClockPauses, expr.join()->range(), name,
                  fmt::format("are matched to the record by `FIELD == VALUE`, a field of `{}` "
                              "and a value of the record, like `on ticket == key`",
                              name));
    return nullptr;
  }
  const plan::Stream& planned = state_.program.streams[*sourceIndex];
  std::optional<std::uint32_t> keyField;
  std::vector<std::string> fields;
  for (std::uint32_t column = 0; column < planned.fields.size(); ++column) {
    fields.push_back(planned.fields[column].name);
    if (planned.fields[column].name == keyName->name().name)
      keyField = column;
  }
  if (!keyField) {
    auto report = state_.report(DiagnosticKind::UndefinedName, keyName->range(), "field",
                                keyName->name().name, fmt::format(" in stream `{}`", name));
    if (auto closest = closestName(keyName->name().name, fields))
      report.note(keyName->range(), "did you mean `{}`?", *closest)
          .fixIt(keyName->range(), *closest);
    return nullptr;
  }
  Type keyType = planned.fields[*keyField].type;
  Typed key = checkWithHint(join->rhs(), scope, keyType);
  if (!key)
    return nullptr;
  if (!canKey(keyType) || key->type.kind != keyType.kind || key->type.detail != keyType.detail) {
    std::string expected = canKey(keyType) ? fmt::format("{} (the type of `{}.{}`)",
                                                         typeName(keyType.asOptional(false)), name,
                                                         keyName->name().name)
                                           : "a key (a string, an int or an enum)";
    reportMismatch(join->rhs(), key, keyType.asOptional(false), expected);
    return nullptr;
  }

  bool optional = key->type.optional;
  for (const plan::Expr* operand : operands)
    optional = optional || operand->type.optional;
  std::uint32_t slot = static_cast<std::uint32_t>(state_.program.pauseSources.size());
  state_.program.pauseSources.push_back({*sourceIndex, *keyField, condition, expr.range()});
  const plan::Expr* calendar = operands.size() == 3 ? operands[2] : nullptr;
  std::vector<const plan::Expr*> withKey = {operands[0], operands[1], key};
  if (calendar)
    withKey.push_back(calendar);
  return make(ExprKind::PausedTime, Type::of(TypeKind::Duration).asOptional(optional), expr.range(),
              std::move(withKey), slot);
}

} // namespace slac::check
