// `slac test`: runs the `test` blocks of a file — each evaluates its data at
// its `at` — and checks every `expect` line against the report, the way a
// CI job checks that an agreement still computes what its authors worked
// out by hand. Prints a line per expectation (or JSON, or JUnit XML); exit 1
// when any fails, 2 when a file or its data cannot be read.
#include "driver/Commands.h"
#include "driver/DataRun.h"
#include "driver/PipelineOutput.h"
#include "driver/TestOutcome.h"
#include "eval/ExprInterpreter.h"
#include "jit/JitLoader.h"
#include "parse/Parser.h"
#include "report/ValueFormat.h"
#include "values/Zones.h"

#include <algorithm>
#include <chrono>
#include <date/date.h>
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
  const values::Zone& zone = *values::findZone(agreement.zone);
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

// `== 80%`: the comparison of an `expect` line and what follows it, found
// outside the string of its `for "group"`.
std::string expectedPart(const std::string& written, plan::Comparison comparison) {
  std::string_view spelling = plan::comparisonSpelling(comparison);
  bool inString = false;
  for (std::size_t index = 0; index < written.size(); ++index) {
    if (written[index] == '"' && (index == 0 || written[index - 1] != '\\'))
      inString = !inString;
    else if (!inString && written.compare(index, spelling.size(), spelling) == 0)
      return written.substr(index);
  }
  return written;
}

struct Location {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

Location locationOf(const SourceManager& sources, SourceRange range) {
  const SourceFile* file = sources.fileContaining(range.begin);
  if (!file)
    return {};
  SourceFile::LineColumn position = file->lineColumn(range.begin);
  return {file->name(), position.line, position.column};
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TestBlockOutcome runTestBlock(const plan::Test& test, const plan::Program& program,
                              const SourceManager& sources, const eval::KernelCompiler* compiler,
                              unsigned threads, int& exitCode) {
  auto start = std::chrono::steady_clock::now();
  Location block = locationOf(sources, test.range);
  TestBlockOutcome outcome{test.description, block.file, block.line, std::nullopt, {}, 0};
  std::vector<DataSource> dataSources = calendarDataSources(program, sources);
  for (const plan::DataSource& data : test.data)
    dataSources.push_back(testDataSource(test, data, sources));
  eval::EvaluationOptions evaluation;
  evaluation.at = test.at;
  evaluation.compiler = compiler;
  DataRunOptions dataRun;
  dataRun.threads = threads;
  auto result = runOnData(program, dataSources, evaluation, dataRun);
  const eval::Report* report = std::get_if<eval::Report>(&result);
  if (!report) {
    exitCode = std::max(exitCode, std::get<int>(result));
    outcome.error = std::get<int>(result) == kUsageOrIoError ? "the data cannot be read"
                                                             : "the data has errors";
  }
  for (const plan::Expectation& expectation : test.expectations) {
    Location where = locationOf(sources, expectation.range);
    ExpectationOutcome judged;
    judged.written = spellingOf(sources, expectation.range);
    judged.expected = expectedPart(judged.written, expectation.comparison);
    judged.file = where.file;
    judged.line = where.line;
    judged.column = where.column;
    if (report) {
      const eval::ObjectiveWindow* window = windowFor(expectation, program, *report);
      Verdict verdict = window ? judge(expectation, program, *window)
                               : Verdict{false, "no such window in the report"};
      judged.passed = verdict.passed;
      judged.actual = verdict.actual;
      if (!verdict.passed)
        exitCode = std::max<int>(exitCode, kErrorsFound);
    }
    outcome.expectations.push_back(std::move(judged));
  }
  outcome.seconds = secondsSince(start);
  return outcome;
}

FileOutcome runTestFile(const std::string& path, const modules::RootPolicy& roots,
                        const eval::KernelCompiler* compiler, unsigned threads, int& exitCode) {
  auto start = std::chrono::steady_clock::now();
  FileOutcome outcome{path, std::nullopt, {}, 0};
  compile::Compilation compilation =
      compile::compileFiles({path}, compileOptions(compile::Stage::Verified, roots));
  if (auto code = reportForEvaluation(compilation)) {
    exitCode = std::max(exitCode, *code);
    outcome.error = *code == kUsageOrIoError ? "the file cannot be read"
                                             : "the file has errors (see the diagnostics)";
  } else {
    for (const plan::Test& test : compilation.plan()->tests) {
      outcome.tests.push_back(runTestBlock(test, *compilation.plan(), compilation.sources(),
                                           compiler, threads, exitCode));
      if (jit::jitModuleFailure())
        break;
    }
  }
  outcome.seconds = secondsSince(start);
  return outcome;
}

// Whether a file under a directory given to `slac test` is a test file: it
// declares a `test` block, or it does not parse but looks as if it did (so
// that its errors show rather than the file being passed over).
bool declaresTests(const std::filesystem::path& path) {
  SourceManager sources;
  SourceManager::LoadError error;
  const SourceFile* file = sources.loadFile(path.string(), error);
  if (!file)
    return true;
  DiagnosticEngine diagnostics;
  std::optional<std::vector<parse::LayoutToken>> tokens = parse::layoutTokens(*file, diagnostics);
  if (!tokens)
    return file->text().find("test \"") != std::string_view::npos;
  for (std::size_t index = 0; index + 1 < tokens->size(); ++index) {
    const parse::LayoutToken& token = (*tokens)[index];
    // A `test` that starts an item and is followed by its description (a
    // field named `test` is followed by `:`).
    if (token.role == parse::LayoutToken::Role::ItemStart && token.text == "test" &&
        (*tokens)[index + 1].text.starts_with('"'))
      return true;
  }
  return false;
}

// The files to run: files as given, directories replaced by their test
// files (recursively, sorted).
std::vector<std::string> testFilesOf(const std::vector<std::string>& arguments) {
  std::vector<std::string> files;
  for (const std::string& argument : arguments) {
    std::error_code error;
    if (!std::filesystem::is_directory(argument, error)) {
      files.push_back(argument);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = std::filesystem::recursive_directory_iterator(argument, error);
         !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error))
      if (it->is_regular_file() && it->path().extension() == ".sla" && declaresTests(it->path()))
        found.push_back(it->path().string());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

} // namespace

int runTest(const TestOptions& options) {
  const eval::KernelCompiler* compiler = kernelCompilerFor(options.engine);
  int exitCode = kSuccess;
  std::vector<FileOutcome> outcomes;
  for (const std::string& path : testFilesOf(options.files)) {
    outcomes.push_back(runTestFile(path, options.roots, compiler, options.threads, exitCode));
    // No test can run without it (the reason is on stderr).
    if (jit::jitModuleFailure())
      return kUsageOrIoError;
  }
  switch (options.format) {
  case TestFormat::Text:
    writeTestText(outcomes, std::cout);
    break;
  case TestFormat::Json:
    writeTestJson(outcomes, std::cout);
    break;
  case TestFormat::JUnit:
    writeTestJUnit(outcomes, std::cout);
    break;
  }
  return exitCode;
}

} // namespace slac::driver
