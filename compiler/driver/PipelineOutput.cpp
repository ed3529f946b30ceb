#include "driver/PipelineOutput.h"

#include "diagnostics/JsonRenderer.h"
#include "diagnostics/SarifRenderer.h"
#include "diagnostics/TextRenderer.h"

#include <fmt/format.h>
#include <iostream>
#include <unistd.h>

namespace slac::driver {

namespace {

// Enough errors to fix before the next run; the rest are noise.
constexpr std::size_t kMaxErrors = 50;

} // namespace

compile::Options compileOptions(compile::Stage stopAfter, const modules::RootPolicy& roots) {
  compile::Options options(stopAfter);
  options.maxErrors = kMaxErrors;
  options.roots = roots;
  return options;
}

std::optional<int> reportForEvaluation(const compile::Compilation& compilation) {
  printDiagnostics(compilation.diagnostics(), compilation.sources(), DiagnosticFormat::Text,
                   isatty(STDERR_FILENO));
  if (compilation.ioFailed())
    return kUsageOrIoError;
  for (const std::string& problem : compilation.brokenInvariants())
    std::cerr << "internal error: the plan breaks an invariant: " << problem << "\n";
  if (!compilation.plan())
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

void printDiagnostics(const DiagnosticEngine& diagnostics, const SourceManager& sources,
                      DiagnosticFormat format, bool color, std::string_view toolVersion) {
  std::vector<Diagnostic> sorted = diagnostics.sortedDiagnostics();
  switch (format) {
  case DiagnosticFormat::Json:
    std::cout << renderDiagnosticsJson(sorted, sources);
    return;
  case DiagnosticFormat::Sarif:
    std::cout << renderDiagnosticsSarif(sorted, sources, toolVersion);
    return;
  case DiagnosticFormat::Text:
    break;
  }
  TextRenderer renderer(sources, std::cerr, color);
  for (const Diagnostic& diagnostic : sorted)
    renderer.render(diagnostic);
}

} // namespace slac::driver
