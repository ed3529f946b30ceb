#include "plan/PlanVerifier.h"

#include "plan/TimeFormat.h"

#include <fmt/format.h>

namespace slac::plan {

namespace {

// What an expression may read where it stands.
struct Scope {
  const Stream* stream = nullptr; // record level: its fields
  std::size_t lets = 0;           // record level: the lets computed before it
  bool window = false;            // window level: aggregates
};

class Verifier {
public:
  explicit Verifier(const Program& program) : program_(program) {}

  std::vector<std::string> run() {
    for (const Enum& enumeration : program_.enums)
      verifyEnum(enumeration);
    for (const Stream& stream : program_.streams)
      verifyStream(stream);
    for (std::size_t index = 0; index < program_.aggregates.size(); ++index)
      verifyAggregate(program_.aggregates[index], index);
    for (std::size_t index = 0; index < program_.pauseSources.size(); ++index)
      verifyPauseSource(program_.pauseSources[index], index);
    for (const Metric& metric : program_.metrics)
      verifyMetric(metric);
    for (const Agreement& agreement : program_.agreements)
      verifyAgreement(agreement);
    for (const Test& test : program_.tests)
      verifyTest(test);
    return std::move(problems_);
  }

private:
  void fail(std::string where, std::string what) {
    problems_.push_back(fmt::format("{}: {}", where, what));
  }

  // Ingestion looks a cell up among the spellings of every case.
  void verifyEnum(const Enum& enumeration) {
    std::string where = fmt::format("enum `{}`", enumeration.name);
    if (enumeration.spellings.size() != enumeration.cases.size())
      return fail(where, "does not say how the data writes each of its cases");
    for (const std::vector<std::string>& spellings : enumeration.spellings)
      if (spellings.empty())
        fail(where, "has a case that no spelling in the data stands for");
  }

  // What ingestion reads the stream's data with.
  void verifyDataShape(const Stream& stream, const std::string& where) {
    std::string_view separators = ",;\t|";
    if (separators.find(stream.csv.separator) == std::string_view::npos ||
        (stream.csv.decimalMark != '.' && stream.csv.decimalMark != ','))
      fail(where, "has a CSV separator or decimal mark ingestion does not read");
    for (const Field& field : stream.fields) {
      if (field.column.empty())
        fail(where, fmt::format("field `{}` is read from no column", field.name));
      if (field.format == FieldFormat::CurrencyColumn && !field.type.is(TypeKind::Money))
        fail(where, fmt::format("field `{}` checks the currency of no amount", field.name));
      std::string problem;
      if (!field.timeFormat.empty() &&
          (!field.type.is(TypeKind::Time) || !TimeFormat::compile(field.timeFormat, problem)))
        fail(where, fmt::format("field `{}` has a time format that reads no time", field.name));
    }
  }

  void verifyStream(const Stream& stream) {
    std::string where = fmt::format("stream `{}`", stream.qualifiedName());
    verifyDataShape(stream, where);
    if (stream.eventTime >= stream.fields.size() ||
        !stream.fields[stream.eventTime].type.is(TypeKind::Time) ||
        stream.fields[stream.eventTime].type.optional)
      fail(where, "its event time is not a required time field");
    if (stream.intervalEnd && (*stream.intervalEnd >= stream.fields.size() ||
                               !stream.fields[*stream.intervalEnd].type.is(TypeKind::Time)))
      fail(where, "its interval end is not a time field");
    for (std::size_t index = 0; index < stream.lets.size(); ++index)
      verifyExpr(stream.lets[index].value, {&stream, index, false},
                 fmt::format("{}, let `{}`", where, stream.lets[index].name));
  }

  // The evaluator reads a pause source's stream before the streams that
  // ask it, so it must not ask one itself.
  void verifyPauseSource(const PauseSource& source, std::size_t index) {
    std::string where = fmt::format("pauses {}", index);
    if (source.stream >= program_.streams.size())
      return fail(where, "reads a stream that does not exist");
    const Stream& stream = program_.streams[source.stream];
    if (stream.isInterval())
      fail(where, "reads an interval stream");
    if (source.keyField >= stream.fields.size())
      fail(where, "keys its changes by a field its stream does not have");
    verifyExpr(source.condition, {&stream, stream.lets.size(), false}, where + ", condition");
    if (source.condition && !source.condition->type.is(TypeKind::Bool))
      fail(where, "has a condition that is not a bool");
    for (const Let& let : stream.lets)
      if (readsPauses(let.value))
        fail(where, fmt::format("reads stream `{}`, which reads clock pauses itself",
                                stream.qualifiedName()));
  }

  static bool readsPauses(const Expr* expr) {
    if (!expr)
      return false;
    if (expr->kind == ExprKind::PausedTime)
      return true;
    for (const Expr* operand : expr->operands)
      if (readsPauses(operand))
        return true;
    return false;
  }

  void verifyAggregate(const Aggregate& aggregate, std::size_t index) {
    std::string where = fmt::format("aggregate {} ({})", index, aggregateKindName(aggregate.kind));
    Scope scope{nullptr, 0, true};
    if (aggregate.stream != kNoSlot) {
      if (aggregate.stream >= program_.streams.size())
        return fail(where, "reads a stream that does not exist");
      const Stream& stream = program_.streams[aggregate.stream];
      scope = {&stream, stream.lets.size(), false};
    } else if (aggregate.sliceMicros <= 0) {
      fail(where, "has slices of no width");
    }
    if (aggregate.filter) {
      verifyExpr(aggregate.filter, scope, where + ", condition");
      if (!aggregate.filter->type.is(TypeKind::Bool))
        fail(where, "has a condition that is not a bool");
    }
    if (aggregate.value)
      verifyExpr(aggregate.value, scope, where + ", value");
    bool coverage =
        aggregate.kind == AggregateKind::Downtime || aggregate.kind == AggregateKind::Uptime;
    bool needsValue = aggregate.kind != AggregateKind::Count &&
                      aggregate.kind != AggregateKind::Ratio && !coverage;
    if (needsValue && !aggregate.value)
      fail(where, "has no value to aggregate");
    if (aggregate.kind == AggregateKind::Ratio && !aggregate.filter)
      fail(where, "is a ratio without a condition");
    bool intervals = scope.stream && scope.stream->isInterval();
    if (coverage != intervals)
      fail(where, coverage ? "measures covered time of no interval stream"
                           : "counts records of an interval stream");
    if (coverage && (aggregate.value || aggregate.population ||
                     (aggregate.filter && aggregate.filter->type.optional)))
      fail(where, "measures covered time with a value, a population or a condition that may be "
                  "unset");
  }

  void verifyMetric(const Metric& metric) {
    std::string where = fmt::format("metric `{}`", metric.qualifiedName());
    for (std::size_t index = 0; index < metric.streams.size(); ++index)
      if (metric.streams[index] >= program_.streams.size() ||
          (index > 0 && metric.streams[index - 1] >= metric.streams[index]))
        fail(where, "lists its streams out of order or out of range");
    verifyExpr(metric.value, {nullptr, 0, true}, where);
  }

  void verifyAgreement(const Agreement& agreement) {
    std::string where = fmt::format("agreement `{}`", agreement.name);
    verifyTerms(where, agreement.termsOf(nullptr));
    const Revision* previous = nullptr;
    for (const Revision& revision : agreement.revisions) {
      std::string at = fmt::format("{}, revision `{}`", where, revision.name);
      if ((agreement.effectiveFrom && revision.from <= *agreement.effectiveFrom) ||
          (previous && revision.from <= previous->from))
        fail(at, "takes effect before the terms it revises");
      previous = &revision;
      if (revision.objectives.size() != agreement.objectives.size()) {
        fail(at, "does not have one entry per objective of the agreement");
        continue;
      }
      // Both engines count each objective once for all terms: a revision
      // may not change what is counted.
      for (std::size_t o = 0; o < revision.objectives.size(); ++o) {
        const Objective& revised = revision.objectives[o];
        const Objective& original = agreement.objectives[o];
        if (measurementDifference(revised, original))
          fail(at, fmt::format("measures objective `{}` differently", original.name));
      }
      verifyTerms(at, agreement.termsOf(&revision));
    }
  }

  void verifyTerms(const std::string& where, const Terms& terms) {
    for (const Objective& objective : terms.objectives) {
      std::string at = fmt::format("{}, objective `{}`", where, objective.name);
      if (objective.metric >= program_.metrics.size()) {
        fail(at, "measures a metric that does not exist");
        continue;
      }
      const Metric& metric = program_.metrics[objective.metric];
      for (const CalendarFilter& filter : objective.filters)
        if (filter.calendar >= program_.calendars.size())
          fail(at, "is filtered by a calendar that does not exist");
      if (objective.grouped() && objective.groupColumns.size() != metric.streams.size())
        fail(at, "groups by a column per stream its metric does not read");
      for (std::size_t index = 0;
           index < objective.groupColumns.size() && index < metric.streams.size(); ++index) {
        if (objective.groupColumns[index].size() != objective.groupFields.size())
          fail(at, "groups by a column per field it does not name");
        for (std::uint32_t column : objective.groupColumns[index])
          if (column >= program_.streams[metric.streams[index]].fields.size())
            fail(at, "groups by a column its stream does not have");
      }
      if (const auto& classes = objective.classTargets) {
        if (classes->groupField >= objective.groupFields.size() ||
            classes->enumIndex >= program_.enums.size() ||
            classes->byCase.size() != program_.enums[classes->enumIndex].cases.size())
          fail(at, "has a target per class that is not one per case of a group field");
      }
    }
    for (const Remedy& remedy : terms.remedies)
      if (remedy.objective >= terms.objectives.size())
        fail(fmt::format("{}, remedy `{}`", where, remedy.name), "is on no objective");
    if (terms.fee && terms.fee->byClass() &&
        (terms.fee->classEnum >= program_.enums.size() ||
         terms.fee->byCase.size() != program_.enums[terms.fee->classEnum].cases.size()))
      fail(where, "has a fee per class that is not one per case of its class");
    for (const Termination& termination : terms.terminations)
      if (termination.objective >= terms.objectives.size())
        fail(where, "terminates on an objective that does not exist");
  }

  void verifyTest(const Test& test) {
    std::string where = fmt::format("test \"{}\"", test.description);
    for (const DataSource& data : test.data)
      if (data.stream >= program_.streams.size())
        fail(where, "reads a stream that does not exist");
    for (const Expectation& expectation : test.expectations)
      if (expectation.agreement >= program_.agreements.size() ||
          expectation.objective >= program_.agreements[expectation.agreement].objectives.size())
        fail(where, "expects something of an objective that does not exist");
  }

  static bool constantFits(const Expr& expr) {
    switch (expr.type.kind) {
    case TypeKind::Bool:
      return std::holds_alternative<bool>(expr.value);
    case TypeKind::Number:
    case TypeKind::Percent:
    case TypeKind::Money:
      return std::holds_alternative<Decimal>(expr.value);
    case TypeKind::String:
      return std::holds_alternative<std::string>(expr.value);
    default:
      return std::holds_alternative<std::int64_t>(expr.value);
    }
  }

  static std::size_t operandCount(ExprKind kind) {
    switch (kind) {
    case ExprKind::Constant:
    case ExprKind::Field:
    case ExprKind::Let:
    case ExprKind::Aggregate:
      return 0;
    case ExprKind::ToNumber:
    case ExprKind::Negate:
    case ExprKind::Not:
    case ExprKind::IsSet:
    case ExprKind::IsNotSet:
      return 1;
    default:
      return 2;
    }
  }

  void verifyExpr(const Expr* expr, const Scope& scope, const std::string& where) {
    if (!expr)
      return fail(where, "has no expression");
    const char* kind = exprKindName(expr->kind);
    for (const Expr* operand : expr->operands)
      verifyExpr(operand, scope, where);
    bool calendarCall = expr->kind == ExprKind::Elapsed || expr->kind == ExprKind::Deadline ||
                        expr->kind == ExprKind::InCalendar ||
                        expr->kind == ExprKind::ScaleBusinessDays ||
                        expr->kind == ExprKind::PausedTime;
    if (expr->kind == ExprKind::Match) {
      if (expr->operands.empty() || !expr->operands[0]->type.is(TypeKind::Enum) ||
          expr->operands[0]->type.detail >= program_.enums.size() ||
          expr->operands.size() != 1 + program_.enums[expr->operands[0]->type.detail].cases.size())
        fail(where, "has a `match` without one arm per case of its enum");
    } else if (!calendarCall && expr->operands.size() != operandCount(expr->kind)) {
      fail(where, fmt::format("has a {} node with {} operands", kind, expr->operands.size()));
    }
    switch (expr->kind) {
    case ExprKind::Constant:
      if (!constantFits(*expr))
        fail(where, "has a constant whose value is not of its type");
      if (expr->type.is(TypeKind::Calendar) && static_cast<std::size_t>(std::get<std::int64_t>(
                                                   expr->value)) >= program_.calendars.size())
        fail(where, "names a calendar that does not exist");
      break;
    case ExprKind::Field:
      if (!scope.stream || expr->slot >= scope.stream->fields.size())
        fail(where, "reads a field outside a record expression, or one its stream does not have");
      break;
    case ExprKind::Let:
      if (!scope.stream || expr->slot >= scope.lets)
        fail(where, "reads a let that is not computed before it");
      break;
    case ExprKind::Aggregate:
      if (!scope.window || expr->slot >= program_.aggregates.size())
        fail(where, "reads an aggregate outside a window expression, or one that does not exist");
      break;
    case ExprKind::PausedTime:
      if (!scope.stream || expr->slot >= program_.pauseSources.size())
        fail(where, "reads clock pauses outside a record expression, or ones that do not exist");
      else if (&program_.streams[program_.pauseSources[expr->slot].stream] == scope.stream)
        fail(where, "reads the clock pauses of its own stream");
      if (expr->operands.size() < 3 || expr->operands.size() > 4)
        fail(where, fmt::format("has a {} node with {} operands", kind, expr->operands.size()));
      break;
    case ExprKind::Not:
    case ExprKind::And:
    case ExprKind::Or:
      for (const Expr* operand : expr->operands)
        if (!operand->type.is(TypeKind::Bool))
          fail(where, fmt::format("has a {} of a non-bool", kind));
      break;
    case ExprKind::Lt:
    case ExprKind::Le:
    case ExprKind::Gt:
    case ExprKind::Ge:
    case ExprKind::Eq:
    case ExprKind::Ne:
      if (expr->operands.size() == 2 &&
          expr->operands[0]->type.kind != expr->operands[1]->type.kind)
        fail(where, fmt::format("compares {} with {}", typeSpelling(expr->operands[0]->type),
                                typeSpelling(expr->operands[1]->type)));
      break;
    default:
      break;
    }
    bool boolean = expr->kind == ExprKind::Not || expr->kind == ExprKind::And ||
                   expr->kind == ExprKind::Or || expr->kind == ExprKind::IsSet ||
                   expr->kind == ExprKind::IsNotSet || expr->kind == ExprKind::InCalendar ||
                   (expr->kind >= ExprKind::Lt && expr->kind <= ExprKind::Ne);
    if (boolean && !expr->type.is(TypeKind::Bool))
      fail(where, fmt::format("has a {} node that is not a bool", kind));
    if (calendarCall && !expr->operands.empty() &&
        expr->operands.back()->type.is(TypeKind::Calendar) &&
        expr->operands.back()->kind != ExprKind::Constant)
      fail(where, "asks a calendar that is not a constant");
  }

  const Program& program_;
  std::vector<std::string> problems_;
};

} // namespace

std::vector<std::string> verifyPlan(const Program& program) {
  return Verifier(program).run();
}

} // namespace slac::plan
