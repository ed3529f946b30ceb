#pragma once

// The renderings of an evaluation report: a table a person reads at a
// glance, Markdown to paste into a ticket, one self-contained HTML page
// with charts, JSON with the schema of docs/report.md, and CSV with one
// row per objective window. Text, Markdown and HTML round percents and
// numbers for reading; JSON and CSV keep them exact.
//
// JSON and CSV, whose reports grow with the data (a window per customer),
// are also written to a stream as they are made, a chunk at a time, so
// that a report of hundreds of megabytes is never held whole; render*
// returns the same text. Whether all of it arrived is the stream's state.

#include "eval/Report.h"
#include "plan/Plan.h"

#include <cstddef>
#include <ostream>
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
void writeJson(std::ostream& out, const eval::Report& report, const plan::Program& program,
               const RenderOptions& options = {});
std::string renderCsv(const eval::Report& report, const plan::Program& program);
void writeCsv(std::ostream& out, const eval::Report& report, const plan::Program& program);

} // namespace slac::report
