// `slac test`: runs the `test` blocks of a file — each evaluates its data at
// its `at` — and checks every `expect` line against the report, the way a
// CI job checks that an agreement still computes what its authors worked
// out by hand. Prints a line per expectation; exit 1 when any fails.
#include "driver/Commands.h"
#include "driver/Compilation.h"
#include "driver/DataRun.h"
#include "eval/ExprInterpreter.h"
#include "report/ValueFormat.h"

#include <filesystem>
#include <fmt/format.h>
#include <iostream>

namespace slac::driver {

namespace {

const char* expectedStatusName(plan::ExpectedStatus status) {
  switch (status) {
  case plan::ExpectedStatus::Met:
    return "met";
  case plan::ExpectedStatus::Breached:
    return "breached";
  case plan::ExpectedStatus::NoData:
    return "no_data";
  case plan::ExpectedStatus::Pending:
    return "pending";
  }
  return "?";
}

// The report's window an expectation names: its group, and the period that
// starts on its date, or (without one) the window that ends at `at`.
const eval::ObjectiveWindow* windowFor(const plan::Expectation& expectation,
                                       const plan::Program& program, const eval::Report& report) {
  const plan::Agreement& agreement = program.agreements[expectation.agreement];
  const plan::Objective& objective = agreement.objectives[expectation.objective];
  const date::time_zone& zone = *date::locate_zone(agreement.zone);
  std::optional<std::int64_t> instant;
  if (expectation.periodUnit) {
    const ast::CivilDate& start = expectation.periodStart;
    std::chrono::sys_days day{
        date::sys_days(date::year(start.year) / date::month(start.month) / date::day(start.day))};
    instant = eval::periodStartingOn(day, *expectation.periodUnit, zone).start;
  } else if (objective.period.unit) {
    instant = report.at - 1;
  }
  for (const eval::ObjectiveWindow& window : report.agreements[expectation.agreement].windows)
    if (window.objectiveIndex == expectation.objective && window.group == expectation.group &&
        (!instant || window.window.contains(*instant)))
      return &window;
  return nullptr;
}

struct Verdict {
  bool passed = false;
  std::string actual;
};

Verdict judge(const plan::Expectation& expectation, const plan::Program& program,
              const eval::ObjectiveWindow& window) {
  const plan::Agreement& agreement = program.agreements[expectation.agreement];
  const plan::Objective& objective = agreement.objectives[expectation.objective];
  if (expectation.status) {
    std::string actual = eval::statusName(window.status);
    bool equal = actual == expectedStatusName(*expectation.status);
    return {expectation.comparison == plan::Comparison::Eq ? equal : !equal, actual};
  }
  eval::Value expected = eval::valueOfConstant(expectation.valueType, expectation.value);
  if (expectation.remedy) {
    const plan::Remedy& remedy = agreement.remedies[*expectation.remedy];
    for (const eval::RemedyResult& result : window.remedies)
      if (result.remedy == remedy.name) {
        eval::Value credit = eval::Value::of(result.credit.value);
        return {eval::compareValues(expectation.comparison, credit, expected),
                report::amountText(result.credit)};
      }
    return {false, "no credit"};
  }
  if (!window.value.isSet())
    return {false, "no data"};
  return {eval::compareValues(expectation.comparison, window.value, expected),
          report::valueText(window.value, objective.targetType, program)};
}

std::string spellingOf(const SourceManager& sources, SourceRange range) {
  const SourceFile* file = sources.fileContaining(range.begin);
  if (!file)
    return "expect";
  return std::string(file->text().substr(range.begin.offset - file->base(),
                                         range.end.offset - range.begin.offset));
}

} // namespace

int runTest(const TestOptions& options) {
  Compilation compilation(50);
  if (auto code = compilation.checkForEvaluation(options.file))
    return *code;
  const plan::Program& program = *compilation.plan;
  std::size_t failures = 0;
  std::size_t checked = 0;
  for (const plan::Test& test : program.tests) {
    std::vector<DataSource> sources;
    for (const plan::DataSource& data : test.data)
      sources.push_back(
          {data.stream, (std::filesystem::path(test.directory) / data.path).string()});
    eval::EvaluationOptions evaluation;
    evaluation.at = test.at;
    auto result = runOnData(program, sources, evaluation, DataRunOptions{});
    if (const int* code = std::get_if<int>(&result)) {
      std::cout << fmt::format("test \"{}\": the data has errors\n", test.description);
      return *code;
    }
    const eval::Report& report = std::get<eval::Report>(result);
    std::cout << fmt::format("test \"{}\"\n", test.description);
    for (const plan::Expectation& expectation : test.expectations) {
      ++checked;
      const eval::ObjectiveWindow* window = windowFor(expectation, program, report);
      Verdict verdict = window ? judge(expectation, program, *window)
                               : Verdict{false, "no such window in the report"};
      std::string written = spellingOf(compilation.sources, expectation.range);
      if (verdict.passed) {
        std::cout << fmt::format("  ok    {}\n", written);
      } else {
        ++failures;
        std::cout << fmt::format("  FAIL  {}   (got {})\n", written, verdict.actual);
      }
    }
  }
  std::cout << fmt::format("{} of {} expectations hold\n", checked - failures, checked);
  return failures == 0 ? kSuccess : kErrorsFound;
}

} // namespace slac::driver
