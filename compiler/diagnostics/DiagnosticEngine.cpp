#include "diagnostics/DiagnosticEngine.h"

#include <algorithm>

namespace slac {

DiagnosticEngine::Builder DiagnosticEngine::add(DiagnosticKind kind, SourceRange range,
                                                std::string message,
                                                std::optional<Severity> severityOverride) {
  if (stopped_)
    return Builder(nullptr);
  Severity severity = severityOverride.value_or(describe(kind).severity);
  if (severity == Severity::Warning && warningsAsErrors_)
    severity = Severity::Error;
  // The error after the last one allowed is replaced by the stop notice, so
  // that the notice points at where reporting stopped.
  if (severity == Severity::Error && maxErrors_ != 0 && errorCount_ >= maxErrors_) {
    stopped_ = true;
    diagnostics_.push_back(
        {DiagnosticKind::TooManyErrors,
         Severity::Fatal,
         range,
         fmt::format(fmt::runtime(describe(DiagnosticKind::TooManyErrors).format), errorCount_),
         {},
         {}});
    ++errorCount_;
    return Builder(nullptr);
  }
  if (severity == Severity::Warning)
    ++warningCount_;
  if (severity >= Severity::Error)
    ++errorCount_;
  if (severity == Severity::Fatal)
    stopped_ = true;
  diagnostics_.push_back({kind, severity, range, std::move(message), {}, {}});
  Diagnostic& added = diagnostics_.back();
  return Builder(&added);
}

std::vector<Diagnostic> DiagnosticEngine::sortedDiagnostics() const {
  std::vector<Diagnostic> sorted = diagnostics_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    // The stop notice stays last: it speaks of everything before it.
    bool aStops = a.kind == DiagnosticKind::TooManyErrors;
    bool bStops = b.kind == DiagnosticKind::TooManyErrors;
    if (aStops != bStops)
      return bStops;
    return a.range.begin < b.range.begin;
  });
  return sorted;
}

} // namespace slac
