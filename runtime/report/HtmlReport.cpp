#include "calendar/Calendar.h"
#include "eval/ExprInterpreter.h"
#include "report/ReadableReport.h"
#include "report/Renderers.h"
#include "report/ValueFormat.h"
#include "values/Zones.h"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <map>
#include <optional>

namespace slac::report {

namespace {

// One file that a mail client or an archive opens as it is: the styles and
// the charts (SVG) are inline, nothing is fetched, no script runs.
constexpr std::string_view kStyle = R"(
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2430;
  margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.35rem; border-bottom: 2px solid #d0d7e2; padding-bottom: 0.2rem; margin-top: 2.5rem; }
h3 { font-size: 1.1rem; margin-top: 1.8rem; }
h4 { font-size: 1rem; margin: 0 0 0.3rem; }
.muted { color: #5b6575; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 0.15rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
article.objective { border: 1px solid #d0d7e2; border-radius: 6px; padding: 0.8rem 1rem; margin: 1rem 0; }
table { border-collapse: collapse; margin: 0.5rem 0; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #e3e8ef; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f3f5f9; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.status { font-weight: 600; white-space: nowrap; }
.status.met { color: #1a7f37; }
.status.breached { color: #c62828; }
.status.pending { color: #9a6700; }
.status.no_data { color: #5b6575; }
svg.chart { display: block; margin: 0.5rem 0; max-width: 100%; height: auto; }
svg.chart text { font-size: 11px; fill: #5b6575; }
svg.chart .frame { fill: #fbfcfe; stroke: #d0d7e2; }
svg.chart .target { stroke: #c62828; stroke-dasharray: 6 4; stroke-width: 1.5; }
svg.chart .zero { stroke: #5b6575; stroke-dasharray: 2 3; }
svg.chart .series { fill: none; stroke-width: 2; }
.legend span { margin-right: 1rem; white-space: nowrap; }
.legend i { display: inline-block; width: 0.8rem; height: 0.8rem; margin-right: 0.3rem; vertical-align: -0.1rem; }
footer { margin-top: 3rem; font-size: 0.85rem; }
)";

constexpr std::array<const char*, 8> kColors = {"#1f5fbf", "#e07b00", "#2e9d4a", "#8e44ad",
                                                "#00838f", "#b8860b", "#6d4c41", "#d81b60"};

constexpr double kWidth = 640;
constexpr double kHeight = 200;
constexpr double kLeft = 90;
constexpr double kRight = 20;
constexpr double kTop = 14;
constexpr double kBottom = 28;

std::string escaped(std::string_view text) {
  std::string result;
  for (char c : text) {
    switch (c) {
    case '&':
      result += "&amp;";
      break;
    case '<':
      result += "&lt;";
      break;
    case '>':
      result += "&gt;";
      break;
    case '"':
      result += "&quot;";
      break;
    default:
      result += c;
    }
  }
  return result;
}

const char* statusClass(eval::Status status) {
  return eval::statusName(status);
}

std::string statusSpan(eval::Status status) {
  return fmt::format(R"(<span class="status {}">{}</span>)", statusClass(status),
                     escaped(statusMark(status)));
}

bool chartable(const plan::Type& type) {
  switch (type.kind) {
  case plan::TypeKind::Percent:
  case plan::TypeKind::Number:
  case plan::TypeKind::Int:
  case plan::TypeKind::Duration:
  case plan::TypeKind::Money:
    return true;
  default:
    return false;
  }
}

// Maps data values to the chart's pixels, with room around them.
struct Scale {
  double low = 0;
  double high = 1;

  static Scale around(double low, double high) {
    if (high - low < 1e-12) {
      double pad = std::max(std::abs(high) * 0.01, 1.0);
      return {low - pad, high + pad};
    }
    double pad = (high - low) * 0.1;
    return {low - pad, high + pad};
  }
  double y(double value) const {
    return kTop + (high - value) / (high - low) * (kHeight - kTop - kBottom);
  }
};

double xAt(std::size_t index, std::size_t count) {
  double inner = kWidth - kLeft - kRight;
  if (count <= 1)
    return kLeft + inner / 2;
  return kLeft + inner * static_cast<double>(index) / static_cast<double>(count - 1);
}

std::string svgOpen(std::string_view label) {
  return fmt::format(
      R"(<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {0} {1}" )"
      R"(width="{0}" height="{1}" role="img" aria-label="{2}">)"
      "\n"
      R"(<rect class="frame" x="{3}" y="{4}" width="{5}" height="{6}"/>)"
      "\n",
      kWidth, kHeight, escaped(label), kLeft, kTop, kWidth - kLeft - kRight,
      kHeight - kTop - kBottom);
}

std::string yLabel(double y, std::string_view text) {
  return fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="end">{}</text>)"
                     "\n",
                     kLeft - 6, y + 4, escaped(text));
}

struct Series {
  std::string name;
  std::vector<std::optional<eval::Value>> values; // by window index
};

// The metric's value in every reported window, one line per group, and
// the target as a dashed line (one per class with targets per class).
std::string valueChart(const plan::Agreement& agreement, std::uint32_t objectiveIndex,
                       const plan::Program& program, const std::vector<std::string>& labels,
                       const std::vector<Series>& series, int digits) {
  const plan::Objective& objective = agreement.objectives[objectiveIndex];
  // One line per target of every version of the objective a revision
  // restates with another target, named after the revision.
  std::vector<std::pair<eval::Value, std::string>> targets;
  auto addTargets = [&](const plan::Objective& version, const std::string& revision) {
    std::string suffix = revision.empty() ? "" : ", " + revision;
    if (version.classTargets)
      for (std::size_t c = 0; c < version.classTargets->byCase.size(); ++c)
        targets.emplace_back(
            eval::valueOfConstant(version.targetType, version.classTargets->byCase[c]),
            fmt::format(" ({}{})", program.enums[version.classTargets->enumIndex].cases[c],
                        suffix));
    else
      targets.emplace_back(eval::valueOfConstant(version.targetType, version.target),
                           revision.empty() ? "" : fmt::format(" ({})", revision));
  };
  addTargets(objective, "");
  std::string inForce = targetText(objective, program);
  for (const plan::Revision& revision : agreement.revisions) {
    const plan::Objective& version = revision.objectives[objectiveIndex];
    if (targetText(version, program) != inForce)
      addTargets(version, revision.name);
    inForce = targetText(version, program);
  }
  std::optional<eval::Value> lowest = targets.front().first;
  std::optional<eval::Value> highest = targets.front().first;
  for (const auto& [target, name] : targets) {
    if (eval::compareValues(plan::Comparison::Lt, target, *lowest))
      lowest = target;
    if (eval::compareValues(plan::Comparison::Gt, target, *highest))
      highest = target;
  }
  bool any = false;
  for (const Series& line : series)
    for (const auto& value : line.values)
      if (value) {
        any = true;
        if (eval::compareValues(plan::Comparison::Lt, *value, *lowest))
          lowest = value;
        if (eval::compareValues(plan::Comparison::Gt, *value, *highest))
          highest = value;
      }
  if (!any)
    return "";
  Scale scale = Scale::around(lowest->toDouble(), highest->toDouble());
  std::string svg = svgOpen(fmt::format("{} by window, target {}", objective.name,
                                        targetsText(agreement, objectiveIndex, program)));
  auto isTarget = [&](const eval::Value& value) {
    return std::any_of(targets.begin(), targets.end(), [&](const auto& target) {
      return eval::compareValues(plan::Comparison::Eq, value, target.first);
    });
  };
  for (const auto& [target, name] : targets) {
    double targetY = scale.y(target.toDouble());
    svg += fmt::format(R"(<line class="target" x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}"/>)"
                       "\n",
                       kLeft, targetY, kWidth - kRight, targetY);
    svg += yLabel(targetY, "target " + valueText(target, objective.targetType, program) + name);
  }
  if (!isTarget(*highest))
    svg += yLabel(scale.y(highest->toDouble()),
                  valueText(*highest, objective.targetType, program, digits));
  if (!isTarget(*lowest))
    svg += yLabel(scale.y(lowest->toDouble()),
                  valueText(*lowest, objective.targetType, program, digits));
  std::size_t count = labels.size();
  for (std::size_t i = 0; i < count; ++i) {
    // The first and last windows, and some in between when there is room.
    std::size_t every = std::max<std::size_t>(1, count / 6);
    if (i != 0 && i + 1 != count && i % every != 0)
      continue;
    if (i + 1 != count && count > 1 && i != 0 && count - 1 - i < every / 2 + 1)
      continue;
    const char* anchor = count == 1       ? "middle"
                         : i == 0         ? "start"
                         : i + 1 == count ? "end"
                                          : "middle";
    svg += fmt::format(R"(<text x="{:.1f}" y="{}" text-anchor="{}">{}</text>)"
                       "\n",
                       xAt(i, count), kHeight - 8, anchor, escaped(labels[i]));
  }
  for (std::size_t s = 0; s < series.size(); ++s) {
    const char* color = kColors[s % kColors.size()];
    std::string path;
    std::string dots;
    for (std::size_t i = 0; i < series[s].values.size(); ++i) {
      const auto& value = series[s].values[i];
      if (!value)
        continue;
      double x = xAt(i, count);
      double y = scale.y(value->toDouble());
      path += fmt::format("{}{:.1f} {:.1f}", path.empty() ? "M" : " L", x, y);
      dots += fmt::format(
          R"(<circle cx="{:.1f}" cy="{:.1f}" r="3" fill="{}"><title>{}{}: {}</title></circle>)"
          "\n",
          x, y, color, escaped(series[s].name.empty() ? "" : series[s].name + " "),
          escaped(labels[i]), escaped(valueText(*value, objective.targetType, program, digits)));
    }
    if (path.empty())
      continue;
    svg += fmt::format(R"(<path class="series" stroke="{}" d="{}"/>)"
                       "\n",
                       color, path);
    svg += dots;
  }
  return svg + "</svg>\n";
}

// The error budget left over the window, as the misses came in: from
// 100 % at its start to what is left at its end (or at `at`). A budget of
// downtime (`uptime`, `downtime`) goes down along the time the intervals
// cover, a budget of misses by a step at each miss.
std::string burnDownChart(const eval::ObjectiveWindow& judged, std::int64_t at,
                          const values::Zone& zone) {
  if (!judged.budget || !judged.misses || judged.budget->allowedMisses.isZero())
    return "";
  double allowed = judged.budget->allowedMisses.toDouble();
  std::int64_t start = judged.window.start;
  std::int64_t end = std::min(judged.window.end, std::max(at, start + 1));
  const std::vector<std::int64_t>& times = judged.misses->times;
  bool downtime = judged.budget->unit == eval::ErrorBudget::Unit::Time;
  double spent =
      downtime ? static_cast<double>(judged.budget->misses) : static_cast<double>(times.size());
  double lowest = 100 * (allowed - spent) / allowed;
  Scale scale = Scale::around(std::min(lowest, 0.0), 100);
  auto x = [&](std::int64_t instant) {
    double share = static_cast<double>(instant - start) / static_cast<double>(end - start);
    return kLeft + (kWidth - kLeft - kRight) * std::clamp(share, 0.0, 1.0);
  };
  std::string svg = svgOpen(fmt::format("error budget of {} over the window", judged.objective));
  double zeroY = scale.y(0);
  svg += fmt::format(R"(<line class="zero" x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}"/>)"
                     "\n",
                     kLeft, zeroY, kWidth - kRight, zeroY);
  svg += yLabel(scale.y(100), "100%");
  svg += yLabel(zeroY, "0%");
  if (lowest < -1e-9 || lowest > 1e-9)
    svg += yLabel(scale.y(lowest), fmt::format("{:.0f}%", std::floor(lowest)));
  plan::Period day{plan::PeriodUnit::Day, 0};
  svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="start">{}</text>)"
                     "\n",
                     kLeft, kHeight - 8, escaped(windowLabel({start, start}, day, zone)));
  svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="end">{}</text>)"
                     "\n",
                     kWidth - kRight, kHeight - 8,
                     escaped(windowLabel({end - 1, end - 1}, day, zone)));
  std::string path = fmt::format("M{:.1f} {:.1f}", x(start), scale.y(100));
  double left = 100;
  for (const eval::Window& span : judged.misses->downtime) {
    double next = left - 100 * static_cast<double>(span.end - span.start) / allowed;
    path += fmt::format(" L{:.1f} {:.1f} L{:.1f} {:.1f}", x(span.start), scale.y(left), x(span.end),
                        scale.y(next));
    left = next;
  }
  for (std::int64_t time : times) {
    double next = left - 100 / allowed;
    path += fmt::format(" L{:.1f} {:.1f} L{:.1f} {:.1f}", x(time), scale.y(left), x(time),
                        scale.y(next));
    left = next;
  }
  path += fmt::format(" L{:.1f} {:.1f}", x(end), scale.y(left));
  svg += fmt::format(R"(<path class="series" stroke="{}" d="{}"/>)"
                     "\n",
                     kColors[0], path);
  return svg + "</svg>\n";
}

std::string tableRow(const std::vector<std::string>& cells, const char* tag = "td") {
  std::string html = "<tr>";
  for (const std::string& cell : cells)
    html += fmt::format("<{0}>{1}</{0}>", tag, cell);
  return html + "</tr>\n";
}

std::vector<std::string> escapedAll(std::vector<std::string> cells) {
  for (std::string& cell : cells)
    cell = escaped(cell);
  return cells;
}

std::string breachesHtml(const std::vector<BreachDetails>& breaches,
                         const plan::Agreement& agreement, const values::Zone& zone) {
  std::string html;
  for (const BreachDetails& breach : breaches) {
    const eval::ObjectiveWindow& judged = *breach.judged;
    const plan::Objective& objective = agreement.objectives[judged.objectiveIndex];
    html += "<h4>" + escaped(breachTitle(breach, objective, zone)) + "</h4>\n";
    if (!breach.badSpans.empty()) {
      html += "<ul>\n";
      for (const eval::Window& span : breach.badSpans)
        html += fmt::format("<li>{}</li>\n", escaped(spanText(span, zone)));
      html += "</ul>\n";
    }
    if (!breach.records.empty()) {
      html += "<table>\n" + tableRow(escapedAll(missColumns(breach)), "th");
      for (const MissExplanation& miss : breach.records)
        html += tableRow(escapedAll(missCells(miss, zone)));
      html += "</table>\n";
    }
    if (breach.notListed > 0)
      html += fmt::format("<p class=\"muted\">… and {} more</p>\n", breach.notListed);
  }
  return html;
}

} // namespace

std::string renderHtml(const eval::Report& report, const plan::Program& program,
                       const RenderOptions& options) {
  int digits = options.precision;
  std::optional<MissExplainer> explainer;
  if (options.explain)
    explainer.emplace(program, report);
  std::string title = "SLA report";
  if (report.agreements.size() == 1)
    title += ": " + (report.agreements.front().title.empty() ? report.agreements.front().name
                                                             : report.agreements.front().title);
  std::string html = fmt::format("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
                                 "charset=\"utf-8\">\n<meta name=\"viewport\" "
                                 "content=\"width=device-width, initial-scale=1\">\n"
                                 "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
                                 escaped(title), kStyle);
  html += fmt::format("<header>\n<h1>{}</h1>\n<p class=\"muted\">Evaluated at {}</p>\n</header>\n",
                      escaped(title), calendar::formatInstant(report.at));
  for (std::size_t a = 0; a < report.agreements.size(); ++a) {
    const eval::AgreementReport& agreementReport = report.agreements[a];
    const plan::Agreement& agreement = program.agreements[a];
    const values::Zone& zone = *values::findZone(agreement.zone);
    html +=
        fmt::format("<section class=\"agreement\" id=\"{}\">\n<h2>{}{}</h2>\n",
                    escaped(agreementReport.name), escaped(agreementReport.name),
                    agreementReport.title.empty() ? "" : " — " + escaped(agreementReport.title));
    html += "<dl class=\"facts\">\n";
    for (const Fact& fact : agreementFacts(agreementReport, program, zone))
      html += fmt::format("<dt>{}</dt><dd>{}</dd>\n", escaped(fact.label), escaped(fact.text));
    html += "</dl>\n";

    for (std::size_t o = 0; o < agreement.objectives.size(); ++o) {
      const plan::Objective& objective = agreement.objectives[o];
      const eval::ObjectiveHeading& heading = agreementReport.objectives[o];
      std::vector<const eval::ObjectiveWindow*> judgedWindows;
      for (const eval::ObjectiveWindow& judged : agreementReport.windows)
        if (judged.objectiveIndex == o)
          judgedWindows.push_back(&judged);
      // Windows in time order, groups in the report's order.
      std::map<std::int64_t, std::string> windowLabels;
      std::vector<std::string> groupOrder;
      for (const eval::ObjectiveWindow* judged : judgedWindows) {
        windowLabels.emplace(judged->window.start,
                             objectiveWindowLabel(*judged, objective.period, zone));
        std::string group = judged->group.value_or("");
        if (std::find(groupOrder.begin(), groupOrder.end(), group) == groupOrder.end())
          groupOrder.push_back(group);
      }
      std::vector<std::string> labels;
      std::map<std::int64_t, std::size_t> windowIndex;
      for (const auto& [start, label] : windowLabels) {
        windowIndex[start] = labels.size();
        labels.push_back(label);
      }
      std::vector<Series> series;
      for (const std::string& group : groupOrder)
        series.push_back({group, std::vector<std::optional<eval::Value>>(labels.size())});
      std::map<std::string, const eval::ObjectiveWindow*> lastOfGroup;
      for (const eval::ObjectiveWindow* judged : judgedWindows) {
        std::string group = judged->group.value_or("");
        std::size_t s = static_cast<std::size_t>(
            std::find(groupOrder.begin(), groupOrder.end(), group) - groupOrder.begin());
        if (judged->value.isSet())
          series[s].values[windowIndex[judged->window.start]] = judged->value;
        const eval::ObjectiveWindow*& last = lastOfGroup[group];
        if (!last || last->window.start < judged->window.start)
          last = judged;
      }

      html +=
          fmt::format("<article class=\"objective\" id=\"{}-{}\">\n<h4><code>{}</code> {}</h4>\n",
                      escaped(agreementReport.name), escaped(objective.name),
                      escaped(objective.name), escaped(heading.title));
      html += fmt::format(
          "<p class=\"muted\">{} {}{}, per {}</p>\n",
          escaped(heading.metric +
                  (heading.metricTitle.empty() ? "" : " (" + heading.metricTitle + ")")),
          escaped(targetsText(agreement, static_cast<std::uint32_t>(o), program)),
          objective.grouped()
              ? " by " + escaped(fmt::format("{}", fmt::join(objective.groupFields, ", ")))
              : "",
          objective.period.unit
              ? plan::periodUnitName(*objective.period.unit)
              : ("rolling " + durationText(objective.period.rollingMicros)).c_str());
      html += "<p>Latest: ";
      bool first = true;
      for (const std::string& group : groupOrder) {
        const eval::ObjectiveWindow* last = lastOfGroup[group];
        html += fmt::format("{}{}{} ({})", first ? "" : "; ",
                            group.empty() ? "" : escaped(group) + " ", statusSpan(last->status),
                            escaped(windowValueText(*last, objective, program, digits)));
        first = false;
      }
      html += "</p>\n";
      if (chartable(objective.targetType))
        html +=
            valueChart(agreement, static_cast<std::uint32_t>(o), program, labels, series, digits);
      if (series.size() > 1) {
        html += "<p class=\"legend\">";
        for (std::size_t s = 0; s < series.size(); ++s)
          html += fmt::format("<span><i style=\"background:{}\"></i>{}</span>",
                              kColors[s % kColors.size()], escaped(series[s].name));
        html += "</p>\n";
      }
      for (const std::string& group : groupOrder) {
        const eval::ObjectiveWindow* last = lastOfGroup[group];
        if (!last->budget)
          continue;
        // A budget nothing has touched needs no chart.
        std::string chart =
            last->budget->misses > 0 ? burnDownChart(*last, report.at, zone) : std::string();
        html +=
            fmt::format("<p>Error budget in {}{}: {}</p>\n",
                        escaped(objectiveWindowLabel(*last, objective.period, zone)),
                        group.empty() ? "" : " for " + escaped(group), escaped(budgetText(*last)));
        html += chart;
      }
      html += "<table>\n" +
              tableRow({"window", "group", "value", "status", "budget left", "credit"}, "th");
      for (const eval::ObjectiveWindow* judged : judgedWindows) {
        std::string value = windowValueText(*judged, objective, program, digits);
        if (judged->pendingRecords > 0)
          value += fmt::format(" ({} pending)", judged->pendingRecords);
        // The revision that judged the window, after its label.
        std::string label = objectiveWindowLabel(*judged, objective.period, zone);
        if (judged->revision)
          label += fmt::format(" ({})", *judged->revision);
        html += tableRow({escaped(label), escaped(judged->group.value_or("-")), escaped(value),
                          statusSpan(judged->status), escaped(budgetText(*judged)),
                          escaped(creditText(*judged))});
      }
      html += "</table>\n</article>\n";
    }

    html += "<h3>Credits</h3>\n";
    auto capsHtml = [&](const std::vector<plan::CreditCap>& caps, const std::string& from) {
      for (const plan::CreditCap& cap : caps)
        html += fmt::format(
            "<p class=\"muted\">{}apped at {}{}.</p>\n", from.empty() ? "C" : escaped(from) + ": c",
            cap.amount.percentOfFee
                ? decimalText(eval::Rational::ofDecimal(cap.amount.value)) + "% of the fee"
                : amountText(
                      {eval::Rational::ofDecimal(cap.amount.value), false, cap.amount.currency}),
            cap.per ? std::string(" per ") + plan::periodUnitName(*cap.per) : "");
    };
    capsHtml(agreement.caps, "");
    // Caps a revision restates, from its date.
    const std::vector<plan::CreditCap>* capsInForce = &agreement.caps;
    for (const plan::Revision& revision : agreement.revisions) {
      bool same = std::equal(revision.caps.begin(), revision.caps.end(), capsInForce->begin(),
                             capsInForce->end(), [](const auto& now, const auto& before) {
                               return now.per == before.per &&
                                      now.amount.percentOfFee == before.amount.percentOfFee &&
                                      now.amount.value == before.amount.value;
                             });
      if (!same)
        capsHtml(revision.caps,
                 fmt::format("From {} ({})", revision.from.toString(), revision.name));
      capsInForce = &revision.caps;
    }
    bool anyCredit = false;
    for (const eval::CreditTotal& total : agreementReport.credits) {
      if (total.beforeCap.value.isZero())
        continue;
      if (!anyCredit)
        html += "<table>\n" + tableRow({"period", "group", "owed", "before cap"}, "th");
      anyCredit = true;
      html +=
          tableRow(escapedAll({windowLabel(total.calendarPeriod, plan::Period{total.unit, 0}, zone),
                               total.group.value_or("-"), amountText(total.owed),
                               total.capped ? amountText(total.beforeCap) + " (capped)" : "-"}));
    }
    html += anyCredit ? "</table>\n" : "<p>No credits owed.</p>\n";
    for (const eval::TerminationRight& right : agreementReport.terminations)
      html +=
          fmt::format("<p><strong>Right to terminate:</strong> <code>{}</code>{} breached {} "
                      "consecutive times, from {}</p>\n",
                      escaped(right.objective), right.group ? " for " + escaped(*right.group) : "",
                      right.consecutive, calendar::formatInstant(right.reachedIn.end));

    html += "<h3>Breaches</h3>\n";
    if (explainer) {
      std::vector<BreachDetails> breaches =
          breachesOf(a, report, program, *explainer, options.explainLimit);
      html += breaches.empty() ? "<p>None.</p>\n" : breachesHtml(breaches, agreement, zone);
    } else {
      std::string rows;
      for (const eval::ObjectiveWindow& judged : agreementReport.windows) {
        if (judged.status != eval::Status::Breached)
          continue;
        const plan::Objective& objective = agreement.objectives[judged.objectiveIndex];
        rows += tableRow(escapedAll(
            {judged.objective, objectiveWindowLabel(judged, objective.period, zone),
             judged.group.value_or("-"), windowValueText(judged, objective, program, digits),
             targetText(judged, objective, program)}));
      }
      html += rows.empty()
                  ? "<p>None.</p>\n"
                  : "<table>\n" +
                        tableRow({"objective", "window", "group", "value", "target"}, "th") + rows +
                        "</table>\n<p class=\"muted\">Run with --explain to "
                        "list the records that missed.</p>\n";
    }
    html += "</section>\n";
  }
  html +=
      fmt::format("<footer class=\"muted\">Evaluated at {}; {} records read, {} rejected",
                  calendar::formatInstant(report.at), report.recordsRead, report.recordsRejected);
  if (report.recordsAfterAt > 0)
    html += fmt::format(", {} after {} not counted", report.recordsAfterAt,
                        calendar::formatInstant(report.at));
  html += ". Written by slac.</footer>\n</body>\n</html>\n";
  return html;
}

} // namespace slac::report
