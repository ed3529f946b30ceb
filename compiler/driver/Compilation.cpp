#include "driver/Compilation.h"

#include "check/AgreementChecks.h"
#include "check/AgreementHeaderChecks.h"
#include "check/BusinessDaysChecks.h"
#include "check/CalendarChecks.h"
#include "check/MatchChecks.h"
#include "check/NameResolution.h"
#include "check/PercentChecks.h"
#include "check/PlanBuilder.h"
#include "check/RemedyChecks.h"
#include "check/SupportsCheck.h"
#include "diagnostics/JsonRenderer.h"
#include "diagnostics/SarifRenderer.h"
#include "diagnostics/TextRenderer.h"
#include "parse/Parser.h"
#include "plan/PlanVerifier.h"

#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <unistd.h>

namespace slac::driver {

void Compilation::parseFiles(const std::vector<std::string>& paths) {
  for (const std::string& path : paths) {
    if (diagnostics.stopRequested())
      break;
    SourceManager::LoadError error;
    const SourceFile* file = sources.loadFile(path, error);
    if (!file) {
      ioFailed = true;
      diagnostics.report(DiagnosticKind::CannotReadFile, SourceRange{}, path, error.message);
      continue;
    }
    if (auto ast = parse::parseFile(*file, context, diagnostics))
      files.push_back(std::move(*ast));
  }
}

std::vector<const modules::Module*>
Compilation::loadModules(const std::vector<std::string>& paths) {
  std::vector<const modules::Module*> modules;
  for (const std::string& path : paths) {
    if (diagnostics.stopRequested())
      break;
    modules.push_back(loader.loadFile(path));
  }
  ioFailed = ioFailed || loader.unreadable();
  return modules;
}

std::vector<const modules::Module*> Compilation::check(const std::vector<std::string>& paths) {
  std::vector<const modules::Module*> roots = loadModules(paths);
  if (diagnostics.stopRequested())
    return roots;
  check::ResolvedNames names = check::resolveNames(loader.modules(), diagnostics);
  check::checkCalendars(loader.modules(), diagnostics);
  check::checkAgreementHeaders(loader.modules(), diagnostics);
  check::checkMatches(loader.modules(), diagnostics);
  check::checkPercents(loader.modules(), diagnostics);
  check::checkBusinessDays(loader.modules(), diagnostics);
  // The consistency checks judge the constants as the plan folded them.
  check::ConstantFacts facts;
  plan = check::buildPlan(loader.modules(), names, sources, diagnostics, &facts);
  check::Findings findings(loader.modules(), diagnostics);
  check::checkSupports(names, facts, findings);
  check::checkAgreements(loader.modules(), facts, findings);
  check::checkRemedies(loader.modules(), facts, findings);
  findings.reportUnused();
  if (diagnostics.hasErrors())
    plan.reset();
  confineDataPaths();
  return roots;
}

void Compilation::confineDataPaths() {
  if (!plan || loader.rootPolicy().allowOutside)
    return;
  bool outside = false;
  // `path`, written at `range` in a file whose directory is `directory`.
  auto confine = [&](SourceRange range, const std::string& directory, const std::string& path) {
    const SourceFile* file = sources.fileContaining(range.begin);
    const modules::Module* module = nullptr;
    for (const modules::Module* candidate : loader.modules())
      if (file && candidate->path == file->name())
        module = candidate;
    if (!module || !module->root)
      return;
    std::string problem;
    if (module->root->contains(std::filesystem::path(directory) / path, problem) ||
        !problem.empty())
      return; // a path that cannot be resolved fails when it is read
    diagnostics.report(DiagnosticKind::OutsideRoot, range, path, module->rootShown);
    outside = true;
  };
  for (const plan::Test& test : plan->tests)
    for (const plan::DataSource& data : test.data)
      confine(data.range, test.directory, data.path);
  for (const plan::Calendar& calendar : plan->calendars)
    for (const plan::CalendarFile& file : calendar.files)
      confine(file.range, file.directory, file.path);
  if (outside)
    plan.reset();
}

std::optional<int> Compilation::checkForEvaluation(const std::string& file) {
  check({file});
  printDiagnostics(*this, DiagnosticFormat::Text, isatty(STDERR_FILENO));
  if (ioFailed)
    return kUsageOrIoError;
  if (!plan)
    return kErrorsFound;
  // Both engines trust the plan's invariants: a broken plan is never run.
  std::vector<std::string> broken = plan::verifyPlan(*plan);
  for (const std::string& problem : broken)
    std::cerr << "internal error: the plan breaks an invariant: " << problem << "\n";
  if (!broken.empty())
    return kErrorsFound;
  return std::nullopt;
}

void printDiagnosticCounts(const DiagnosticEngine& diagnostics) {
  if (diagnostics.errorCount() + diagnostics.warningCount() == 0)
    return;
  std::cerr << fmt::format("{} error{} and {} warning{} generated\n", diagnostics.errorCount(),
                           diagnostics.errorCount() == 1 ? "" : "s", diagnostics.warningCount(),
                           diagnostics.warningCount() == 1 ? "" : "s");
}

void printDiagnostics(const Compilation& compilation, DiagnosticFormat format, bool color,
                      std::string_view toolVersion) {
  std::vector<Diagnostic> sorted = compilation.diagnostics.sortedDiagnostics();
  switch (format) {
  case DiagnosticFormat::Json:
    std::cout << renderDiagnosticsJson(sorted, compilation.sources);
    return;
  case DiagnosticFormat::Sarif:
    std::cout << renderDiagnosticsSarif(sorted, compilation.sources, toolVersion);
    return;
  case DiagnosticFormat::Text:
    break;
  }
  TextRenderer renderer(compilation.sources, std::cerr, color);
  for (const Diagnostic& diagnostic : sorted)
    renderer.render(diagnostic);
}

} // namespace slac::driver
