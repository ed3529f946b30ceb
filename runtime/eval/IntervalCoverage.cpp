#include "eval/IntervalCoverage.h"

#include <algorithm>

namespace slac::eval {

namespace {

// Sets of instants as sorted, disjoint spans.
using SpanSet = std::vector<CoveredSpan>;

SpanSet intersection(const SpanSet& a, const SpanSet& b) {
  SpanSet result;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    std::int64_t start = std::max(a[i].start, b[j].start);
    std::int64_t end = std::min(a[i].end, b[j].end);
    if (start < end)
      result.push_back({start, end});
    // The span that ends first can meet nothing further.
    if (a[i].end < b[j].end)
      ++i;
    else
      ++j;
  }
  return result;
}

// [start, end) without `spans` (which lie inside it).
SpanSet complementWithin(const SpanSet& spans, std::int64_t start, std::int64_t end) {
  SpanSet result;
  std::int64_t from = start;
  for (const CoveredSpan& span : spans) {
    if (from < span.start)
      result.push_back({from, span.start});
    from = std::max(from, span.end);
  }
  if (from < end)
    result.push_back({from, end});
  return result;
}

// The union of `spans`, cut to [start, end).
SpanSet unionWithin(SpanSet spans, std::int64_t start, std::int64_t end) {
  std::sort(spans.begin(), spans.end(),
            [](const CoveredSpan& a, const CoveredSpan& b) { return a.start < b.start; });
  SpanSet result;
  for (const CoveredSpan& span : spans) {
    CoveredSpan cut{std::max(span.start, start), std::min(span.end, end)};
    if (cut.start >= cut.end)
      continue;
    if (!result.empty() && cut.start <= result.back().end)
      result.back().end = std::max(result.back().end, cut.end);
    else
      result.push_back(cut);
  }
  return result;
}

} // namespace

std::int64_t lengthOf(const std::vector<CoveredSpan>& spans) {
  std::int64_t total = 0;
  for (const CoveredSpan& span : spans)
    total += span.end - span.start;
  return total;
}

std::variant<std::vector<CoveredSpan>, std::string>
measuredSpans(const Window& window, std::int64_t at,
              const std::vector<plan::CalendarFilter>& filters,
              const std::vector<calendar::Calendar>& calendars) {
  std::int64_t start = window.start;
  std::int64_t end = std::min(window.end, at);
  if (end <= start)
    return SpanSet{};
  SpanSet measured{{start, end}};
  for (const plan::CalendarFilter& filter : filters) {
    auto open = calendars[filter.calendar].openSpans(start, end);
    if (const auto* problem = std::get_if<calendar::CalendarError>(&open))
      return problem->message;
    SpanSet openSet;
    for (const calendar::Calendar::OpenSpan& span : std::get<0>(open))
      openSet.push_back({span.start, span.end});
    measured = intersection(measured, filter.mode == plan::CalendarFilter::Mode::During
                                          ? openSet
                                          : complementWithin(openSet, start, end));
  }
  return measured;
}

std::vector<CoveredSpan> coveredSpans(std::vector<CoveredSpan> spans,
                                      const std::vector<CoveredSpan>& measured) {
  if (measured.empty())
    return {};
  return intersection(measured,
                      unionWithin(std::move(spans), measured.front().start, measured.back().end));
}

std::variant<Coverage, std::string>
measureCoverage(std::vector<CoveredSpan> spans, const Window& window, std::int64_t at,
                const std::vector<plan::CalendarFilter>& filters,
                const std::vector<calendar::Calendar>& calendars) {
  auto measured = measuredSpans(window, at, filters, calendars);
  if (auto* problem = std::get_if<std::string>(&measured))
    return std::move(*problem);
  const SpanSet& instants = std::get<SpanSet>(measured);
  Coverage coverage;
  coverage.measured = lengthOf(instants);
  coverage.covered = lengthOf(coveredSpans(std::move(spans), instants));
  return coverage;
}

} // namespace slac::eval
