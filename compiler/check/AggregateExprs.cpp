#include "check/ClosestName.h"
#include "check/ExprChecker.h"
#include "check/RatioPopulation.h"
#include "check/TypeRules.h"

#include <fmt/format.h>

// Aggregates: their source (a stream, a stream's field, slices), the shape
// of their arguments, the types they aggregate and produce.

namespace slac::check {

using plan::ExprKind;
using plan::Type;
using plan::TypeKind;

ExprChecker::Typed ExprChecker::aggregate(const ast::AggregateExpr& expr, const ExprScope& scope) {
  const char* function = ast::aggregateFunctionName(expr.function());
  if (scope.stream) {
    state_.report(DiagnosticKind::AggregateInRecord, expr.range(), state_.spelling(expr.range()));
    return nullptr;
  }
  plan::Aggregate aggregate{};
  aggregate.kind = static_cast<plan::AggregateKind>(expr.function());
  aggregate.approx = expr.approx();
  aggregate.range = expr.range();
  std::vector<const ast::Expr*> args = expr.args();
  const ast::Expr* valueExpr = nullptr;
  const ast::Identifier* projection = nullptr;
  ExprScope inner = scope;

  const ast::Expr* source = expr.source();
  bool coverage = aggregate.kind == plan::AggregateKind::Downtime ||
                  aggregate.kind == plan::AggregateKind::Uptime;
  if (coverage && scope.inSlices) {
    state_.report(DiagnosticKind::CoverageOfEvents, expr.range(), function,
                  "it stands inside `slices(...)`, whose slices are judged by their start; use it "
                  "as a metric of its own");
    return nullptr;
  }
  if (const auto* slices = dyn_cast<ast::SlicesExpr>(source)) {
    if (coverage) {
      state_.report(DiagnosticKind::CoverageOfEvents, source->range(), function,
                    "`slices(...)` is not an interval stream");
      return nullptr;
    }
    if (scope.inSlices) {
      state_.report(DiagnosticKind::WrongArguments, source->range(), "slices",
                    "a width and cannot be nested in another `slices`");
      return nullptr;
    }
    const auto* width = dyn_cast<ast::DurationLiteral>(slices->width());
    if (!width || width->value() <= 0) {
      state_.report(DiagnosticKind::WrongArguments, source->range(), "slices",
                    "a positive duration as its width, like `slices(5m)`");
      return nullptr;
    }
    aggregate.sliceMicros = width->value();
    aggregate.missing = static_cast<plan::MissingSlices>(slices->missing());
    inner.inSlices = true;
    inner.role = "a slice's aggregate";
  } else {
    const ast::NameExpr* streamName = dyn_cast<ast::NameExpr>(source);
    if (const auto* member = dyn_cast<ast::MemberExpr>(source)) {
      streamName = dyn_cast<ast::NameExpr>(member->base());
      projection = &member->member();
    }
    if (!streamName) {
      state_.report(DiagnosticKind::WrongArguments, source->range(), function,
                    "a stream, a stream's field (`request.latency`) or `slices(width)` first");
      return nullptr;
    }
    const ast::StreamDecl* stream =
        streamNamed(streamName->name().name, streamName->range(), scope);
    if (!stream)
      return nullptr;
    if (coverage && !stream->intervalEnd) {
      state_
          .report(DiagnosticKind::CoverageOfEvents, source->range(), function,
                  fmt::format("`{}` is an event stream (`at {}`)", stream->name.name,
                              stream->eventTime.name))
          .note(stream->name.range,
                "declare it `stream {} from START to END` if its records cover time",
                stream->name.name);
      return nullptr;
    }
    if (coverage && projection) {
      state_.report(DiagnosticKind::CoverageOfEvents, source->range(), function,
                    fmt::format("`{}` is a field; write `{}({})`", state_.spelling(source->range()),
                                function, stream->name.name));
      return nullptr;
    }
    if (!coverage && stream->intervalEnd) {
      state_.report(DiagnosticKind::EventAggregateOfIntervals, source->range(), function,
                    stream->name.name);
      return nullptr;
    }
    std::optional<std::uint32_t> index = state_.streamIndex(*stream);
    if (!index)
      return nullptr;
    aggregate.stream = *index;
    inner.stream = stream;
    inner.streamIndex = *index;
  }

  auto shape = [&]() -> const char* {
    switch (aggregate.kind) {
    case plan::AggregateKind::Count:
      return "a stream (or slices) and optionally a condition, like `count(ticket where "
             "resolved is not set)`";
    case plan::AggregateKind::Ratio:
      return "a stream (or slices) and a condition, like `ratio(probe where ok)`, or a stream, "
             "its population and a condition, like `ratio(ticket where priority == P1, "
             "in_time)`";
    case plan::AggregateKind::Percentile:
      return "a value and a rank above 0 and at most 100, like "
             "`percentile(request.latency, 95)`";
    case plan::AggregateKind::Downtime:
    case plan::AggregateKind::Uptime:
      return "an interval stream and optionally a condition, like `downtime(incident where "
             "severity == major)`";
    default:
      return "one value to aggregate, like `max(ticket.response_time)` or "
             "`mean(slices(5m), ratio(request where ok))`";
    }
  };
  bool takesValue = aggregate.kind != plan::AggregateKind::Count &&
                    aggregate.kind != plan::AggregateKind::Ratio && !coverage;
  bool takesRank = aggregate.kind == plan::AggregateKind::Percentile;
  std::size_t valueArgs = takesValue && !projection ? 1 : 0;
  // `ratio(S [where POPULATION], CONDITION)`: the share among a population,
  // which only a stream's records have.
  bool populationForm = aggregate.kind == plan::AggregateKind::Ratio && args.size() == 1 &&
                        aggregate.stream != plan::kNoSlot && !projection;
  bool wellFormed =
      populationForm ||
      (args.size() == valueArgs + (takesRank ? 1 : 0) && (takesValue || !projection) &&
       (aggregate.kind != plan::AggregateKind::Ratio || expr.filter()));
  if (!wellFormed) {
    state_.report(DiagnosticKind::WrongArguments, expr.range(), function, shape());
    return nullptr;
  }
  if (valueArgs)
    valueExpr = args.front();
  if (takesRank) {
    const ast::Expr* rankExpr = args.back();
    plan::Decimal rank;
    if (const auto* integer = dyn_cast<ast::IntLiteral>(rankExpr))
      rank = {integer->value(), 0};
    else if (const auto* decimal = dyn_cast<ast::DecimalLiteral>(rankExpr))
      rank = decimal->value();
    std::int64_t hundred = 100;
    for (int i = 0; i < rank.scale; ++i)
      hundred *= 10;
    if (rank.units <= 0 || rank.units > hundred) {
      state_.report(DiagnosticKind::WrongArguments, rankExpr->range(), function, shape());
      return nullptr;
    }
    aggregate.rank = rank;
  }

  bool ok = true;
  const plan::Expr** whereTarget = populationForm ? &aggregate.population : &aggregate.filter;
  if (expr.filter()) {
    *whereTarget = check(expr.filter(), inner);
    ok = *whereTarget && expectCondition(expr.filter(), *whereTarget);
    // Which intervals count must be known when they are measured: an open
    // interval has no later instant at which an unset condition is decided.
    if (ok && coverage && (*whereTarget)->type.optional) {
      state_.report(DiagnosticKind::TypeMismatch, expr.filter()->range(),
                    state_.spelling(expr.filter()->range()), typeName((*whereTarget)->type),
                    "a condition that is always set (test an optional field with `is set` first)");
      ok = false;
    }
  }
  if (populationForm) {
    aggregate.filter = check(args.front(), inner);
    ok = aggregate.filter && expectCondition(args.front(), aggregate.filter) && ok;
  } else if (ok && aggregate.kind == plan::AggregateKind::Ratio && inner.stream) {
    warnRatioOverWholeStream(state_, inner.stream->name.name, *expr.filter(), *aggregate.filter);
  }
  Typed value = nullptr;
  if (projection) {
    ast::NameExpr projected(*projection);
    value = check(&projected, inner);
    valueExpr = source;
  } else if (valueExpr) {
    value = check(valueExpr, inner);
  }
  if (!ok || (takesValue && !value))
    return nullptr;
  if (value) {
    TypeKind kind = value->type.kind;
    bool accepted = kind == TypeKind::Int || kind == TypeKind::Number || isUnit(kind) ||
                    ((aggregate.kind == plan::AggregateKind::Min ||
                      aggregate.kind == plan::AggregateKind::Max) &&
                     (kind == TypeKind::Time || kind == TypeKind::Date));
    if (!accepted) {
      state_.report(DiagnosticKind::TypeMismatch, valueExpr->range(),
                    state_.spelling(valueExpr->range()), typeName(value->type),
                    "a number, percent, duration or money");
      return nullptr;
    }
    aggregate.value = value;
  }
  switch (aggregate.kind) {
  case plan::AggregateKind::Count:
    aggregate.type = Type::of(TypeKind::Int);
    break;
  case plan::AggregateKind::Ratio:
  case plan::AggregateKind::Uptime:
    aggregate.type = Type::of(TypeKind::Percent);
    break;
  case plan::AggregateKind::Downtime:
    aggregate.type = Type::of(TypeKind::Duration);
    break;
  case plan::AggregateKind::Mean:
    aggregate.type =
        value->type.is(TypeKind::Int) ? Type::of(TypeKind::Number) : value->type.asOptional(false);
    break;
  default:
    aggregate.type = value->type.asOptional(false);
    break;
  }
  auto index = static_cast<std::uint32_t>(state_.program.aggregates.size());
  state_.program.aggregates.push_back(aggregate);
  Typed typed = make(ExprKind::Aggregate, aggregate.type, expr.range(), {}, index);
  if (value)
    if (auto measured = measuredOn_.find(value); measured != measuredOn_.end())
      measuredOn_[typed] = measured->second;
  return typed;
}

const ast::StreamDecl* ExprChecker::streamNamed(const std::string& name, SourceRange range,
                                                const ExprScope& scope) {
  std::vector<std::string> streams;
  if (scope.service)
    for (const ast::Decl* member : scope.service->members)
      if (const auto* candidate = dyn_cast<ast::StreamDecl>(member)) {
        if (candidate->name.name == name)
          return candidate;
        streams.push_back(candidate->name.name);
      }
  auto report = state_.report(
      DiagnosticKind::UndefinedName, range, "stream", name,
      scope.service ? fmt::format(" in service `{}`", scope.service->name.name) : std::string());
  if (auto closest = closestName(name, streams))
    report.note(range, "did you mean `{}`?", *closest).fixIt(range, *closest);
  return nullptr;
}

} // namespace slac::check
