// `slac eval`: checks the file, streams every data source through the
// reference interpreter in batches, and renders the report. Bad records stop
// the run with their file:line:column (default) or, with --on-error=skip,
// are counted by reason in the report and written to --rejects.
#include "driver/CalendarDataOverrides.h"
#include "driver/Commands.h"
#include "driver/DataRun.h"
#include "driver/PipelineOutput.h"
#include "eval/Evaluator.h"
#include "eval/MemoryBudget.h"
#include "ingest/FieldValue.h"
#include "ingest/StreamReader.h"
#include "report/Renderers.h"
#include "values/Zones.h"

#include <chrono>
#include <date/date.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <sstream>

namespace slac::driver {

namespace {

std::optional<std::int64_t> parseInstant(const std::string& text) {
  std::string ignored;
  return ingest::parseInstant(text, ignored);
}

std::optional<std::chrono::sys_days> parseDate(const std::string& text) {
  std::string ignored;
  auto days = ingest::parseDate(text, ignored);
  if (!days)
    return std::nullopt;
  return std::chrono::sys_days(std::chrono::days(*days));
}

// An instant, or a date meaning its local midnight in `zone`.
std::optional<std::int64_t> parseInstantOrDate(const std::string& text, const values::Zone& zone) {
  if (auto instant = parseInstant(text))
    return instant;
  if (auto day = parseDate(text))
    return eval::periodStartingOn(*day, plan::PeriodUnit::Day, zone).start;
  return std::nullopt;
}

// `2026`, `2026-Q2`, `2026-03`, `2026-03-15`.
std::optional<eval::Window> parsePeriod(const std::string& text, const values::Zone& zone) {
  int year = 0;
  unsigned part = 0;
  char quarter = 0;
  if (auto day = parseDate(text))
    return eval::periodStartingOn(*day, plan::PeriodUnit::Day, zone);
  if (text.size() == 4 && std::sscanf(text.c_str(), "%4d", &year) == 1)
    return eval::periodStartingOn(
        std::chrono::sys_days(date::sys_days(date::year(year) / date::January / 1)),
        plan::PeriodUnit::Year, zone);
  if (text.size() == 7 && std::sscanf(text.c_str(), "%4d-%c%1u", &year, &quarter, &part) == 3 &&
      quarter == 'Q' && part >= 1 && part <= 4)
    return eval::periodStartingOn(
        std::chrono::sys_days(date::sys_days(date::year(year) / date::month(3 * part - 2) / 1)),
        plan::PeriodUnit::Quarter, zone);
  if (text.size() == 7 && std::sscanf(text.c_str(), "%4d-%2u", &year, &part) == 2 && part >= 1 &&
      part <= 12)
    return eval::periodStartingOn(
        std::chrono::sys_days(date::sys_days(date::year(year) / date::month(part) / 1)),
        plan::PeriodUnit::Month, zone);
  return std::nullopt;
}

} // namespace

int runEval(const EvalOptions& options) {
  compile::Compilation compilation = compile::compileFiles(
      {options.file}, compileOptions(compile::Stage::Verified, options.roots));
  if (auto code = reportForEvaluation(compilation))
    return *code;
  const plan::Program& program = *compilation.plan();
  const values::Zone& zone =
      *values::findZone(program.agreements.empty() ? "UTC" : program.agreements.front().zone);

  std::vector<DataSource> sources;
  for (const std::string& spec : options.data) {
    std::size_t equals = spec.find('=');
    std::size_t dot = spec.find('.');
    const plan::Stream* stream =
        equals == std::string::npos || dot > equals
            ? nullptr
            : program.findStream(spec.substr(0, dot), spec.substr(dot + 1, equals - dot - 1));
    if (!stream) {
      std::cerr << fmt::format("error: `--data {}`: expected SERVICE.STREAM=PATH naming a stream "
                               "of {}\n",
                               spec, options.file);
      return kUsageOrIoError;
    }
    std::optional<ingest::DataFormat> format;
    if (options.dataFormat == DataFormatChoice::Csv)
      format = ingest::DataFormat::Csv;
    else if (options.dataFormat == DataFormatChoice::Ndjson)
      format = ingest::DataFormat::Ndjson;
    std::optional<ingest::Compression> compression;
    if (options.dataCompression == DataCompressionChoice::None)
      compression = ingest::Compression::None;
    else if (options.dataCompression == DataCompressionChoice::Gzip)
      compression = ingest::Compression::Gzip;
    else if (options.dataCompression == DataCompressionChoice::Zstd)
      compression = ingest::Compression::Zstd;
    DataSource& source = sources.emplace_back();
    source.stream = static_cast<std::uint32_t>(stream - program.streams.data());
    source.path = spec.substr(equals + 1);
    source.format = format;
    source.compression = compression;
  }
  eval::EvaluationOptions evaluation;
  if (sources.empty())
    for (const plan::Test& test : program.tests) {
      for (const plan::DataSource& data : test.data)
        sources.push_back(testDataSource(test, data, compilation.sources()));
      if (!evaluation.at)
        evaluation.at = test.at;
    }
  if (!options.at.empty() && !(evaluation.at = parseInstant(options.at))) {
    std::cerr << fmt::format("error: `--at {}` is not an RFC 3339 instant, like "
                             "2026-04-01T00:00:00+02:00\n",
                             options.at);
    return kUsageOrIoError;
  }
  if (!options.period.empty()) {
    auto window = parsePeriod(options.period, zone);
    if (!window) {
      std::cerr << fmt::format("error: `--period {}` is not a period; write 2026-03, 2026-Q1, "
                               "2026 or 2026-03-15\n",
                               options.period);
      return kUsageOrIoError;
    }
    evaluation.from = window->start;
    evaluation.to = window->end;
  }
  for (const auto& [text, target] :
       {std::pair{options.from, &evaluation.from}, std::pair{options.to, &evaluation.to}}) {
    if (text.empty())
      continue;
    if (!(*target = parseInstantOrDate(text, zone))) {
      std::cerr << fmt::format("error: `{}` is neither an RFC 3339 instant nor a date\n", text);
      return kUsageOrIoError;
    }
  }

  if (options.maxMemory.empty()) {
    evaluation.maxMemory = eval::MemoryBudget::defaultBytes();
  } else if (auto bytes = eval::MemoryBudget::parse(options.maxMemory)) {
    evaluation.maxMemory = *bytes;
  } else {
    std::cerr << fmt::format("error: `--max-memory {}` is not a size; write 512M, 2G, 1.5G or 0 "
                             "(no limit)\n",
                             options.maxMemory);
    return kUsageOrIoError;
  }

  evaluation.compiler = kernelCompilerFor(options.engine);
  evaluation.keepMisses = options.explain || options.format == ReportFormat::Html;
  evaluation.listedMisses = options.explain ? options.explainLimit : 0;
  DataRunOptions dataRun{options.skipBadRecords, options.rejectsPath, options.batchSize,
                         options.verbose,        options.threads,     options.chunkBytes};
  std::vector<DataSource> calendarFiles = calendarDataSources(program, compilation.sources());
  std::vector<std::string> calendarNames;
  for (const plan::Calendar& calendar : program.calendars)
    calendarNames.push_back(calendar.name);
  if (auto problem = overrideCalendarData(calendarFiles, calendarNames, options.calendarData)) {
    std::cerr << "error: " << *problem << "\n";
    return kUsageOrIoError;
  }
  sources.insert(sources.begin(), calendarFiles.begin(), calendarFiles.end());
  auto result = runOnData(program, sources, evaluation, dataRun);
  if (const int* code = std::get_if<int>(&result))
    return *code;
  const eval::Report& report = std::get<eval::Report>(result);
  report::RenderOptions rendering{options.precision, options.explain, options.explainLimit};
  switch (options.format) {
  case ReportFormat::Json:
    report::writeJson(std::cout, report, program, rendering);
    break;
  case ReportFormat::Csv:
    report::writeCsv(std::cout, report, program);
    break;
  case ReportFormat::Markdown:
    std::cout << report::renderMarkdown(report, program, rendering);
    break;
  case ReportFormat::Html:
    std::cout << report::renderHtml(report, program, rendering);
    break;
  case ReportFormat::Table:
    std::cout << report::renderTable(report, program, rendering);
    break;
  }
  return kSuccess;
}

} // namespace slac::driver
