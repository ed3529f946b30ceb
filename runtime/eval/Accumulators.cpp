#include "eval/Accumulators.h"

#include <algorithm>

namespace slac::eval {

namespace {

// The unit of a kernel's value, as a fraction of the interpreter's value.
Rational scaledValue(const plan::Type& type, Int128 value) {
  bool millionths = type.is(plan::TypeKind::Percent) || type.is(plan::TypeKind::Money);
  return millionths ? Rational(value, 1'000'000) : Rational(value);
}

} // namespace

AggregateDetails& AggregateState::detailed() {
  if (!details)
    details = std::make_unique<AggregateDetails>();
  return *details;
}

void AggregateState::addValue(const plan::Aggregate& aggregate, const Value& value) {
  ++valueCount;
  switch (aggregate.kind) {
  case plan::AggregateKind::Sum:
  case plan::AggregateKind::Mean:
    // An overflowed sum stays overflowed; the window reports it.
    exactSum = exactSum + value.exact;
    break;
  case plan::AggregateKind::Min:
    if (auto& minimum = detailed().minimum;
        !minimum || compareValues(plan::Comparison::Lt, value, *minimum))
      minimum = value;
    break;
  case plan::AggregateKind::Max:
    if (auto& maximum = detailed().maximum;
        !maximum || compareValues(plan::Comparison::Gt, value, *maximum))
      maximum = value;
    break;
  default:
    if (aggregate.approx)
      detailed().sketch.add(value.toDouble());
    else
      detailed().values.add(value);
    break;
  }
}

void collectLeaves(const plan::Expr* expr, std::vector<std::uint32_t>& leaves) {
  if (!expr)
    return;
  if (expr->kind == plan::ExprKind::Aggregate)
    leaves.push_back(expr->slot);
  for (const plan::Expr* operand : expr->operands)
    collectLeaves(operand, leaves);
}

Accumulation::Accumulation(const plan::Program& program) : program_(program) {
  for (const plan::Aggregate& aggregate : program.aggregates) {
    std::vector<std::uint32_t>& leaves = sliceLeaves_.emplace_back();
    if (aggregate.stream == plan::kNoSlot) {
      collectLeaves(aggregate.filter, leaves);
      collectLeaves(aggregate.value, leaves);
    }
  }
}

void Accumulation::fold(Scope& scope, std::uint32_t index, const FastCounters& counters) const {
  if (counters.seen == 0)
    return;
  const plan::Aggregate& aggregate = program_.aggregates[index];
  AggregateState& state = scope.at(index);
  state.seen += counters.seen;
  if (aggregate.kind == plan::AggregateKind::Ratio) {
    std::int64_t members = aggregate.population ? counters.count : counters.seen;
    state.count += counters.good;
    state.good += counters.good;
    state.pending += counters.judgedPending;
    state.bad += members - counters.good - counters.judgedPending;
    return;
  }
  state.count += counters.count;
  if (counters.valueCount == 0)
    return;
  const plan::Type& type = aggregate.value->type;
  switch (aggregate.kind) {
  case plan::AggregateKind::Sum:
  case plan::AggregateKind::Mean:
    state.valueCount += counters.valueCount;
    state.exactSum = state.exactSum + scaledValue(type, counters.sum);
    break;
  case plan::AggregateKind::Min:
  case plan::AggregateKind::Max:
    state.valueCount += counters.valueCount - 1;
    state.addValue(aggregate, Value::of(scaledValue(type, aggregate.kind == plan::AggregateKind::Min
                                                              ? counters.minimum
                                                              : counters.maximum)));
    break;
  default:
    state.valueCount += counters.valueCount - static_cast<std::int64_t>(counters.values->size());
    for (std::int64_t value : *counters.values)
      state.addValue(aggregate, Value::of(scaledValue(type, value)));
    break;
  }
}

void Accumulation::foldDenseOverlaps(std::uint32_t aggregate, AggregateDetails& details) const {
  if (!details.denseSlices)
    return;
  const std::vector<std::uint32_t>& inner = sliceLeaves_[aggregate];
  std::vector<FastCounters> counters(inner.size());
  for (auto& [slice, scope] : details.slices) {
    if (!details.denseSlices->touched(slice))
      continue;
    details.denseSlices->read(slice, counters.data());
    for (std::size_t position = 0; position < inner.size(); ++position)
      fold(scope, inner[position], counters[position]);
    details.denseSlices->forget(slice);
  }
}

void Accumulation::merge(Scope& into, Scope& from, std::size_t listedMisses) const {
  for (auto& [index, state] : from.aggregates) {
    AggregateState& target = into.at(index);
    target.seen += state.seen;
    target.count += state.count;
    target.good += state.good;
    target.bad += state.bad;
    target.valueCount += state.valueCount;
    target.exactSum = target.exactSum + state.exactSum;
    target.pending += state.pending;
    if (!state.details)
      continue;
    AggregateDetails& details = *state.details;
    AggregateDetails& merged = target.detailed();
    if (details.minimum &&
        (!merged.minimum || compareValues(plan::Comparison::Lt, *details.minimum, *merged.minimum)))
      merged.minimum = details.minimum;
    if (details.maximum &&
        (!merged.maximum || compareValues(plan::Comparison::Gt, *details.maximum, *merged.maximum)))
      merged.maximum = details.maximum;
    merged.values.merge(details.values);
    merged.sketch.merge(details.sketch);
    for (KeptRecord& record : details.undecided)
      merged.undecided.push_back(std::move(record));
    std::stable_sort(merged.undecided.begin(), merged.undecided.end(), feedOrder<KeptRecord>);
    for (auto& [slice, scope] : details.slices)
      merge(merged.slices[slice], scope, listedMisses);
    if (details.denseSlices) {
      if (merged.denseSlices)
        merged.denseSlices->merge(*details.denseSlices);
      else
        merged.denseSlices = std::move(details.denseSlices);
    }
    foldDenseOverlaps(index, merged);
    merged.spans.insert(merged.spans.end(), details.spans.begin(), details.spans.end());
    merged.spanRecords.insert(merged.spanRecords.end(), details.spanRecords.begin(),
                              details.spanRecords.end());
    // Each part listed its first misses: the first of all are among them.
    WindowMisses& misses = merged.misses;
    misses.count += details.misses.count;
    misses.times.insert(misses.times.end(), details.misses.times.begin(),
                        details.misses.times.end());
    for (MissedRecord& record : details.misses.records)
      misses.records.push_back(std::move(record));
    std::stable_sort(misses.records.begin(), misses.records.end(), feedOrder<MissedRecord>);
    if (misses.records.size() > listedMisses)
      misses.records.resize(listedMisses);
  }
}

} // namespace slac::eval
