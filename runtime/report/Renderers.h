#pragma once

// The three renderings of an evaluation report: a table a person reads at
// a glance, JSON with the schema of docs/report.md, and CSV with one row
// per objective window.

#include "eval/Report.h"
#include "plan/Plan.h"

#include <string>

namespace slac::report {

std::string renderTable(const eval::Report& report, const plan::Program& program);
std::string renderJson(const eval::Report& report, const plan::Program& program);
std::string renderCsv(const eval::Report& report, const plan::Program& program);

} // namespace slac::report
