#include "report/MissExplanation.h"

#include "report/ValueFormat.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>

namespace slac::report {

namespace {

constexpr std::int64_t kMicrosPerDay = 86'400'000'000;

class MissedInputs final : public eval::ExprInputs {
public:
  explicit MissedInputs(const eval::MissedRecord& record) : record_(record) {}
  eval::Value field(std::uint32_t slot) const override { return record_.fields.at(slot); }
  eval::Value let(std::uint32_t slot) const override { return record_.lets.at(slot); }
  eval::Value aggregate(std::uint32_t) const override { return eval::Value::noData(); }

private:
  const eval::MissedRecord& record_;
};

bool isComparison(plan::ExprKind kind) {
  return kind == plan::ExprKind::Lt || kind == plan::ExprKind::Le || kind == plan::ExprKind::Gt ||
         kind == plan::ExprKind::Ge || kind == plan::ExprKind::Eq || kind == plan::ExprKind::Ne;
}

const char* comparisonOf(plan::ExprKind kind) {
  switch (kind) {
  case plan::ExprKind::Lt:
    return "<";
  case plan::ExprKind::Le:
    return "<=";
  case plan::ExprKind::Gt:
    return ">";
  case plan::ExprKind::Ge:
    return ">=";
  case plan::ExprKind::Eq:
    return "==";
  default:
    return "!=";
  }
}

// A field or let by its name; anything else has none.
std::string nameOf(const plan::Stream& stream, const plan::Expr& expr) {
  if (expr.kind == plan::ExprKind::Field)
    return stream.fields.at(expr.slot).name;
  if (expr.kind == plan::ExprKind::Let)
    return stream.lets.at(expr.slot).name;
  return "";
}

// The record's fields that name it: its text and enum fields, except the
// objective's group (the report shows it already).
std::string recordKey(const plan::Program& program, const plan::Stream& stream,
                      const plan::Objective& objective, const eval::MissedRecord& record) {
  std::vector<std::string> parts;
  for (std::size_t column = 0; column < stream.fields.size(); ++column) {
    const plan::Field& field = stream.fields[column];
    const eval::Value& value = record.fields[column];
    bool named = field.type.is(plan::TypeKind::String) || field.type.is(plan::TypeKind::Enum);
    if (!named || !value.isSet() ||
        std::count(objective.groupFields.begin(), objective.groupFields.end(), field.name))
      continue;
    parts.push_back(
        fmt::format("{}={}", field.name, valueText(value, field.type, program, kExactDigits)));
  }
  return fmt::format("{}", fmt::join(parts, " "));
}

} // namespace

MissExplainer::MissExplainer(const plan::Program& program, const eval::Report& report)
    : program_(program), report_(report) {
  std::int64_t from = report.at;
  for (const eval::AgreementReport& agreement : report.agreements)
    for (const eval::ObjectiveWindow& judged : agreement.windows)
      from = std::min(from, judged.window.start);
  from -= 2 * kMicrosPerDay;
  std::int64_t to = std::max(report.at, from) + 366 * kMicrosPerDay;
  for (std::size_t index = 0; index < program.calendars.size(); ++index) {
    auto calendar = calendar::Calendar::prepare(
        report.calendars.empty() ? program.calendars[index].spec : report.calendars[index], from,
        to);
    if (auto* ready = std::get_if<calendar::Calendar>(&calendar)) {
      calendars_.push_back(std::move(*ready));
      continue;
    }
    // The interpreter indexes calendars by plan slot: without every one,
    // nothing is re-evaluated (explanations keep the record's key).
    calendars_.clear();
    break;
  }
  usable_ = calendars_.size() == program.calendars.size();
}

MissExplanation MissExplainer::explain(std::size_t agreementIndex,
                                       const eval::ObjectiveWindow& judged,
                                       const eval::MissedRecord& record) const {
  const plan::Agreement& agreement = program_.agreements[agreementIndex];
  const plan::Objective& objective = agreement.objectives[judged.objectiveIndex];
  const plan::Stream& stream = program_.streams[record.stream];
  const plan::Metric& metric = program_.metrics[objective.metric];
  MissExplanation explanation;
  std::string where =
      record.source < report_.dataSources.size()
          ? std::filesystem::path(report_.dataSources[record.source]).filename().string()
          : stream.qualifiedName();
  explanation.record = fmt::format("{}:{}", where, record.line);
  explanation.eventTime = record.eventTime;
  explanation.eventField = stream.fields[stream.eventTime].name;
  std::string key = recordKey(program_, stream, objective, record);
  if (!key.empty())
    explanation.record += " " + key;
  if (record.covered && stream.intervalEnd) {
    const eval::Value& end = record.fields[*stream.intervalEnd];
    explanation.endField = stream.fields[*stream.intervalEnd].name;
    if (end.isSet())
      explanation.end = static_cast<std::int64_t>(end.exact.floor());
    explanation.covered = record.covered;
    return explanation;
  }
  if (!usable_ || metric.value->kind != plan::ExprKind::Aggregate)
    return explanation;
  const plan::Aggregate& aggregate = program_.aggregates[metric.value->slot];
  MissedInputs inputs(record);
  std::string error;

  if (aggregate.kind != plan::AggregateKind::Ratio) {
    // A record whose own value fails the target.
    eval::Value value = interpreter_.evaluate(*aggregate.value, inputs, error);
    if (!error.empty() || !value.isSet())
      return explanation;
    explanation.measured =
        fmt::format("value {}, target {}", valueText(value, objective.targetType, program_, 2),
                    targetText(judged, objective, program_));
    if (objective.targetType.is(plan::TypeKind::Duration)) {
      eval::Value target = eval::valueOfConstant(objective.targetType, judged.target);
      explanation.late = static_cast<std::int64_t>((value.exact - target.exact).floor());
      if (*explanation.late < 0)
        *explanation.late = -*explanation.late;
      const plan::Expr* measured = aggregate.value;
      for (int depth = 0; measured->kind == plan::ExprKind::Let && depth < 64; ++depth)
        measured = stream.lets.at(measured->slot).value;
      if (measured->kind == plan::ExprKind::Elapsed && measured->slot != plan::kNoSlot)
        explanation.lateCalendar = program_.calendars[measured->slot].name;
    }
    return explanation;
  }

  // Follows the condition to the comparison that made it false.
  const plan::Expr* node = aggregate.filter;
  for (int depth = 0; node && depth < 64 && !isComparison(node->kind); ++depth) {
    switch (node->kind) {
    case plan::ExprKind::Let: {
      const plan::Expr* value = stream.lets.at(node->slot).value;
      // A let that is a plain flag explains itself by its name.
      if (!isComparison(value->kind) && value->kind != plan::ExprKind::And &&
          value->kind != plan::ExprKind::Or && value->kind != plan::ExprKind::Match &&
          value->kind != plan::ExprKind::Let) {
        explanation.measured = fmt::format("{} is false", nameOf(stream, *node));
        return explanation;
      }
      node = value;
      break;
    }
    case plan::ExprKind::Field:
      explanation.measured = fmt::format("{} is false", nameOf(stream, *node));
      return explanation;
    case plan::ExprKind::Not:
      if (std::string name = nameOf(stream, *node->operands[0]); !name.empty())
        explanation.measured = fmt::format("{} is true", name);
      return explanation;
    case plan::ExprKind::And:
    case plan::ExprKind::Or: {
      const plan::Expr* falseOperand = nullptr;
      for (const plan::Expr* operand : node->operands) {
        eval::Value truth = interpreter_.evaluate(*operand, inputs, error);
        if (truth.isSet() && !truth.truth()) {
          falseOperand = operand;
          break;
        }
      }
      node = falseOperand;
      break;
    }
    case plan::ExprKind::Match: {
      eval::Value subject = interpreter_.evaluate(*node->operands[0], inputs, error);
      std::size_t arm = subject.isSet() ? static_cast<std::size_t>(subject.exact.floor()) + 1 : 0;
      node = arm > 0 && arm < node->operands.size() ? node->operands[arm] : nullptr;
      break;
    }
    default:
      node = nullptr;
      break;
    }
  }
  if (!node || !error.empty())
    return explanation;

  if (!isComparison(node->kind) || node->kind == plan::ExprKind::Eq ||
      node->kind == plan::ExprKind::Ne) {
    eval::Value lhs = interpreter_.evaluate(*node->operands[0], inputs, error);
    eval::Value rhs = interpreter_.evaluate(*node->operands[1], inputs, error);
    if (!error.empty() || !lhs.isSet() || !rhs.isSet())
      return explanation;
    std::string name = nameOf(stream, *node->operands[0]);
    explanation.measured =
        fmt::format("{}{}, required {} {}", name.empty() ? "" : name + " ",
                    valueText(lhs, node->operands[0]->type, program_, 2), comparisonOf(node->kind),
                    valueText(rhs, node->operands[1]->type, program_, 2));
    return explanation;
  }

  // `measured CMP limit`, read in the direction that makes `measured` the
  // thing that came too late or took too long.
  bool measuredFirst = node->kind == plan::ExprKind::Lt || node->kind == plan::ExprKind::Le;
  const plan::Expr* measuredExpr = node->operands[measuredFirst ? 0 : 1];
  const plan::Expr* limitExpr = node->operands[measuredFirst ? 1 : 0];
  // The node that computed a value: through lets and the `match` arm the
  // record took (`due` is `deadline(opened, 1 business day, office)` for
  // a P2).
  auto origin = [&](const plan::Expr* expr) {
    for (int depth = 0; depth < 64; ++depth) {
      if (expr->kind == plan::ExprKind::Let) {
        expr = stream.lets.at(expr->slot).value;
        continue;
      }
      if (expr->kind != plan::ExprKind::Match)
        break;
      eval::Value subject = interpreter_.evaluate(*expr->operands[0], inputs, error);
      std::size_t arm = subject.isSet() ? static_cast<std::size_t>(subject.exact.floor()) + 1 : 0;
      if (arm == 0 || arm >= expr->operands.size())
        break;
      expr = expr->operands[arm];
    }
    return expr;
  };
  eval::Value measured = interpreter_.evaluate(*measuredExpr, inputs, error);
  eval::Value limit = interpreter_.evaluate(*limitExpr, inputs, error);
  if (!error.empty() || !measured.isSet() || !limit.isSet())
    return explanation;
  auto asInt = [](const eval::Value& value) {
    return static_cast<std::int64_t>(value.exact.floor());
  };
  const plan::Type& type = measuredExpr->type;

  if (type.is(plan::TypeKind::Time)) {
    explanation.due = asInt(limit);
    explanation.done = asInt(measured);
    explanation.notDone = record.judgedAtEvaluation && *explanation.done == report_.at;
    explanation.late = *explanation.done - *explanation.due;
    const plan::Expr* dueExpr = origin(limitExpr);
    if (dueExpr->kind == plan::ExprKind::Deadline && dueExpr->slot != plan::kNoSlot &&
        *explanation.done >= *explanation.due) {
      const calendar::Calendar& business = calendars_[dueExpr->slot];
      auto elapsed = business.elapsed(*explanation.due, *explanation.done);
      if (auto* counted = std::get_if<calendar::Duration>(&elapsed)) {
        explanation.late = *counted;
        explanation.lateCalendar = program_.calendars[dueExpr->slot].name;
      }
    }
    return explanation;
  }
  if (type.is(plan::TypeKind::Duration)) {
    explanation.measured =
        fmt::format("took {}, limit {}", hoursText(asInt(measured)), hoursText(asInt(limit)));
    explanation.late = asInt(measured) - asInt(limit);
    const plan::Expr* took = origin(measuredExpr);
    if (took->kind == plan::ExprKind::Elapsed) {
      eval::Value start = interpreter_.evaluate(*took->operands[0], inputs, error);
      eval::Value end = interpreter_.evaluate(*took->operands[1], inputs, error);
      if (error.empty() && start.isSet() && end.isSet()) {
        explanation.done = asInt(end);
        explanation.notDone = record.judgedAtEvaluation && *explanation.done == report_.at;
        if (took->slot == plan::kNoSlot) {
          explanation.due = asInt(start) + asInt(limit);
        } else {
          explanation.lateCalendar = program_.calendars[took->slot].name;
          auto due = calendars_[took->slot].deadline(asInt(start), asInt(limit));
          if (auto* instant = std::get_if<calendar::Instant>(&due))
            explanation.due = *instant;
        }
      }
    }
    return explanation;
  }
  std::string name = nameOf(stream, *measuredExpr);
  explanation.measured = fmt::format("{}{}, limit {}", name.empty() ? "" : name + " ",
                                     valueText(measured, type, program_, 2),
                                     valueText(limit, limitExpr->type, program_, 2));
  return explanation;
}

} // namespace slac::report
