#pragma once

#include "diagnostics/Diagnostic.h"

#include <cstddef>
#include <fmt/format.h>
#include <optional>
#include <utility>
#include <vector>

namespace slac {

// Collects the diagnostics of one compilation. Not thread-safe: one engine
// per compilation.
class DiagnosticEngine {
public:
  // Adds notes and fix-its to the diagnostic just reported.
  class Builder {
  public:
    template <typename... Args>
    Builder& note(SourceRange range, fmt::format_string<Args...> format, Args&&... args) {
      if (target_)
        target_->notes.push_back({range, fmt::format(format, std::forward<Args>(args)...)});
      return *this;
    }
    Builder& fixIt(SourceRange range, std::string replacement) {
      if (target_)
        target_->fixIts.push_back({range, std::move(replacement)});
      return *this;
    }
    // A builder whose notes and fix-its go nowhere, for a diagnostic that
    // was not reported after all (already reported at that place).
    static Builder discarded() { return Builder(nullptr); }

  private:
    friend class DiagnosticEngine;
    explicit Builder(Diagnostic* target) : target_(target) {}
    Diagnostic* target_;
  };

  // Once this many errors are in, the next one is replaced by a single
  // TooManyErrors at its place and everything after it is dropped; phases
  // poll stopRequested() to end early. Zero means no limit.
  explicit DiagnosticEngine(std::size_t maxErrors = 50) : maxErrors_(maxErrors) {}

  template <typename... Args>
  Builder report(DiagnosticKind kind, SourceRange range, Args&&... args) {
    const DiagnosticKindInfo& info = describe(kind);
    return add(kind, range, fmt::vformat(info.format, fmt::make_format_args(args...)));
  }

  // A finding the source acknowledges (`allow CODE "reason"`): kept, with
  // its code and message, but as a note that fails nothing.
  template <typename... Args>
  Builder reportAcknowledged(DiagnosticKind kind, SourceRange range, Args&&... args) {
    const DiagnosticKindInfo& info = describe(kind);
    return add(kind, range, fmt::vformat(info.format, fmt::make_format_args(args...)),
               Severity::Note);
  }

  void setWarningsAsErrors(bool enabled) { warningsAsErrors_ = enabled; }

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  // The diagnostics ordered by location (then by report order): stable
  // output whatever order the phases found them in.
  std::vector<Diagnostic> sortedDiagnostics() const;
  std::size_t errorCount() const { return errorCount_; }
  std::size_t warningCount() const { return warningCount_; }
  bool hasErrors() const { return errorCount_ > 0; }
  bool stopRequested() const { return stopped_; }

private:
  Builder add(DiagnosticKind kind, SourceRange range, std::string message,
              std::optional<Severity> severityOverride = std::nullopt);

  std::vector<Diagnostic> diagnostics_;
  std::size_t maxErrors_;
  std::size_t errorCount_ = 0;
  std::size_t warningCount_ = 0;
  bool warningsAsErrors_ = false;
  bool stopped_ = false;
};

} // namespace slac
