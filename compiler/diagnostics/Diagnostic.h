#pragma once

#include "source/SourceLocation.h"

#include <string>
#include <string_view>
#include <vector>

namespace slac {

enum class Severity { Note, Warning, Error, Fatal };

std::string_view severityName(Severity severity);

enum class DiagnosticKind {
#define SLAC_DIAGNOSTIC(Name, Severity, Code, Format) Name,
#include "diagnostics/DiagnosticKinds.def"
};

// What the registry says of one kind.
struct DiagnosticKindInfo {
  std::string_view name;
  Severity severity;
  std::string_view code;
  std::string_view format;
};

const DiagnosticKindInfo& describe(DiagnosticKind kind);
// Every kind, in registry order (for documentation and coverage tests).
const std::vector<DiagnosticKind>& allDiagnosticKinds();

// A suggested edit: replace `range` with `replacement` (empty range: insert).
struct FixIt {
  SourceRange range;
  std::string replacement;
};

struct DiagnosticNote {
  SourceRange range;
  std::string message;
};

struct Diagnostic {
  DiagnosticKind kind;
  Severity severity;
  SourceRange range;
  std::string message;
  std::vector<DiagnosticNote> notes;
  std::vector<FixIt> fixIts;

  std::string_view code() const { return describe(kind).code; }
};

} // namespace slac
