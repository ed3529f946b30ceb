#include "plan/Plan.h"

#include <algorithm>

namespace slac::plan {

const char* exprKindName(ExprKind kind) {
  switch (kind) {
  case ExprKind::Constant:
    return "constant";
  case ExprKind::Field:
    return "field";
  case ExprKind::Let:
    return "let";
  case ExprKind::Aggregate:
    return "aggregate";
  case ExprKind::ToNumber:
    return "to_number";
  case ExprKind::Negate:
    return "negate";
  case ExprKind::Not:
    return "not";
  case ExprKind::Add:
    return "add";
  case ExprKind::Sub:
    return "sub";
  case ExprKind::Mul:
    return "mul";
  case ExprKind::Div:
    return "div";
  case ExprKind::Lt:
    return "lt";
  case ExprKind::Le:
    return "le";
  case ExprKind::Gt:
    return "gt";
  case ExprKind::Ge:
    return "ge";
  case ExprKind::Eq:
    return "eq";
  case ExprKind::Ne:
    return "ne";
  case ExprKind::And:
    return "and";
  case ExprKind::Or:
    return "or";
  case ExprKind::IsSet:
    return "is_set";
  case ExprKind::IsNotSet:
    return "is_not_set";
  case ExprKind::Elapsed:
    return "elapsed";
  case ExprKind::Deadline:
    return "deadline";
  case ExprKind::InCalendar:
    return "in";
  case ExprKind::ScaleBusinessDays:
    return "business_days";
  case ExprKind::LessPaused:
    return "less_paused";
  case ExprKind::PausedTime:
    return "paused_time";
  case ExprKind::Match:
    return "match";
  }
  return "?";
}

const char* fieldFormatName(FieldFormat format) {
  switch (format) {
  case FieldFormat::Default:
    return "default";
  case FieldFormat::EpochSeconds:
    return "epoch_s";
  case FieldFormat::EpochMillis:
    return "epoch_ms";
  case FieldFormat::EpochMicros:
    return "epoch_us";
  case FieldFormat::Microseconds:
    return "us";
  case FieldFormat::Milliseconds:
    return "ms";
  case FieldFormat::Seconds:
    return "s";
  case FieldFormat::Minutes:
    return "m";
  case FieldFormat::Hours:
    return "h";
  case FieldFormat::CurrencyColumn:
    return "currency";
  }
  return "?";
}

const char* aggregateKindName(AggregateKind kind) {
  switch (kind) {
  case AggregateKind::Count:
    return "count";
  case AggregateKind::Ratio:
    return "ratio";
  case AggregateKind::Sum:
    return "sum";
  case AggregateKind::Mean:
    return "mean";
  case AggregateKind::Min:
    return "min";
  case AggregateKind::Max:
    return "max";
  case AggregateKind::Percentile:
    return "percentile";
  case AggregateKind::Downtime:
    return "downtime";
  case AggregateKind::Uptime:
    return "uptime";
  }
  return "?";
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

const char* comparisonSpelling(Comparison comparison) {
  switch (comparison) {
  case Comparison::Lt:
    return "<";
  case Comparison::Le:
    return "<=";
  case Comparison::Gt:
    return ">";
  case Comparison::Ge:
    return ">=";
  case Comparison::Eq:
    return "==";
  case Comparison::Ne:
    return "!=";
  }
  return "?";
}

const std::vector<std::uint32_t>& Objective::groupColumnsOf(const Metric& measured,
                                                            std::uint32_t stream) const {
  auto position = std::find(measured.streams.begin(), measured.streams.end(), stream);
  return groupColumns[position - measured.streams.begin()];
}

Terms Agreement::termsOf(const Revision* revision) const {
  if (!revision)
    return {nullptr, fee, objectives, remedies, caps, terminations};
  return {revision,           revision->fee,  revision->objectives,
          revision->remedies, revision->caps, revision->terminations};
}

const char* measurementDifference(const Objective& revised, const Objective& original) {
  if (revised.metric != original.metric)
    return "measures another metric";
  if (revised.comparison != original.comparison)
    return "compares the other way";
  if (revised.period.unit != original.period.unit ||
      revised.period.rollingMicros != original.period.rollingMicros)
    return "is judged over another period";
  if (!std::equal(revised.filters.begin(), revised.filters.end(), original.filters.begin(),
                  original.filters.end(), [](const CalendarFilter& a, const CalendarFilter& b) {
                    return a.mode == b.mode && a.calendar == b.calendar;
                  }))
    return "counts during other calendars";
  if (revised.groupFields != original.groupFields || revised.groupColumns != original.groupColumns)
    return "groups by other fields";
  return nullptr;
}

const Agreement* Program::findAgreement(std::string_view name) const {
  for (const Agreement& agreement : agreements)
    if (agreement.name == name)
      return &agreement;
  return nullptr;
}

const Stream* Program::findStream(std::string_view service, std::string_view name) const {
  for (const Stream& stream : streams)
    if (stream.service == service && stream.name == name)
      return &stream;
  return nullptr;
}

bool Program::holdsPauses(std::uint32_t stream) const {
  return std::any_of(pauseSources.begin(), pauseSources.end(),
                     [&](const PauseSource& source) { return source.stream == stream; });
}

std::vector<bool> Program::groupedFields(std::uint32_t stream) const {
  std::vector<bool> grouped(streams[stream].fields.size(), false);
  auto mark = [&](const std::vector<Objective>& objectives) {
    for (const Objective& objective : objectives) {
      const Metric& measured = metrics[objective.metric];
      if (!objective.grouped() || std::find(measured.streams.begin(), measured.streams.end(),
                                            stream) == measured.streams.end())
        continue;
      for (std::uint32_t column : objective.groupColumnsOf(measured, stream))
        grouped[column] = true;
    }
  };
  for (const Agreement& agreement : agreements) {
    mark(agreement.objectives);
    for (const Revision& revision : agreement.revisions)
      mark(revision.objectives);
  }
  return grouped;
}

std::vector<bool> Program::readFields(std::uint32_t stream) const {
  std::vector<bool> read = computedFields(stream);
  std::vector<bool> grouped = groupedFields(stream);
  for (std::size_t field = 0; field < read.size(); ++field)
    read[field] = read[field] || grouped[field];
  return read;
}

std::vector<bool> Program::computedFields(std::uint32_t stream) const {
  const Stream& schema = streams[stream];
  std::vector<bool> read(schema.fields.size(), false);
  read[schema.eventTime] = true;
  if (schema.intervalEnd)
    read[*schema.intervalEnd] = true;
  // Record expressions of `stream` only: window expressions read no field,
  // and a Let node reads fields that the walk over the lets marks.
  auto walk = [&](auto& self, const Expr* expr) -> void {
    if (!expr)
      return;
    if (expr->kind == ExprKind::Field)
      read[expr->slot] = true;
    for (const Expr* operand : expr->operands)
      self(self, operand);
  };
  for (const Let& let : schema.lets)
    walk(walk, let.value);
  for (const Aggregate& aggregate : aggregates)
    if (aggregate.stream == stream)
      for (const Expr* expr : {aggregate.population, aggregate.filter, aggregate.value})
        walk(walk, expr);
  for (const PauseSource& source : pauseSources)
    if (source.stream == stream) {
      read[source.keyField] = true;
      walk(walk, source.condition);
    }
  return read;
}

} // namespace slac::plan
