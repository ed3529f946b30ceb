#pragma once

// The renderings of an evaluation report: a table a person reads at a
// glance, Markdown to paste into a ticket, one self-contained HTML page
// with charts, JSON with the schema of docs/report.md, and CSV with one
// row per objective window. Text, Markdown and HTML round percents and
// numbers for reading; JSON and CSV keep them exact.

#include "eval/Report.h"
#include "plan/Plan.h"

#include <cstddef>
#include <string>

namespace slac::report {

struct RenderOptions {
  // Digits after the point of percents and numbers (text, Markdown, HTML).
  int precision = 2;
  // List the missed records of every breached window (the report must have
  // been evaluated with EvaluationOptions::keepMisses), at most
  // `explainLimit` each.
  bool explain = false;
  std::size_t explainLimit = 20;
};

std::string renderTable(const eval::Report& report, const plan::Program& program,
                        const RenderOptions& options = {});
std::string renderMarkdown(const eval::Report& report, const plan::Program& program,
                           const RenderOptions& options = {});
std::string renderHtml(const eval::Report& report, const plan::Program& program,
                       const RenderOptions& options = {});
std::string renderJson(const eval::Report& report, const plan::Program& program,
                       const RenderOptions& options = {});
std::string renderCsv(const eval::Report& report, const plan::Program& program);

} // namespace slac::report
