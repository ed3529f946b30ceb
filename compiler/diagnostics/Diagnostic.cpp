#include "diagnostics/Diagnostic.h"

#include <array>

namespace slac {

namespace {

constexpr std::array kKindInfos = {
#define SLAC_DIAGNOSTIC(Name, Severity_, Code, Format)                                             \
  DiagnosticKindInfo{#Name, Severity::Severity_, Code, Format},
#include "diagnostics/DiagnosticKinds.def"
};

} // namespace

std::string_view severityName(Severity severity) {
  switch (severity) {
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  case Severity::Fatal:
    return "fatal error";
  }
  return "error";
}

const DiagnosticKindInfo& describe(DiagnosticKind kind) {
  return kKindInfos[static_cast<std::size_t>(kind)];
}

const std::vector<DiagnosticKind>& allDiagnosticKinds() {
  static const std::vector<DiagnosticKind> kinds = [] {
    std::vector<DiagnosticKind> result;
    for (std::size_t i = 0; i < kKindInfos.size(); ++i)
      result.push_back(static_cast<DiagnosticKind>(i));
    return result;
  }();
  return kinds;
}

} // namespace slac
