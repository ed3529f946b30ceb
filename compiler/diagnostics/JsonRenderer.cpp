#include "diagnostics/JsonRenderer.h"

#include <nlohmann/json.hpp>

namespace slac {

namespace {

nlohmann::json position(const SourceManager& sources, SourceLocation loc) {
  const SourceFile* file = sources.fileContaining(loc);
  if (!file)
    return nullptr;
  auto [line, column] = file->lineColumn(loc);
  return {{"line", line}, {"column", column}, {"offset", loc.offset - file->base()}};
}

nlohmann::json located(const SourceManager& sources, SourceRange range) {
  const SourceFile* file = sources.fileContaining(range.begin);
  nlohmann::json result;
  result["file"] = file ? nlohmann::json(file->name()) : nlohmann::json(nullptr);
  result["range"] = {{"start", position(sources, range.begin)},
                     {"end", position(sources, range.end)}};
  return result;
}

} // namespace

std::string renderDiagnosticsJson(const std::vector<Diagnostic>& diagnostics,
                                  const SourceManager& sources) {
  nlohmann::json list = nlohmann::json::array();
  std::size_t errors = 0;
  std::size_t warnings = 0;
  for (const Diagnostic& diagnostic : diagnostics) {
    errors += diagnostic.severity >= Severity::Error;
    warnings += diagnostic.severity == Severity::Warning;
    nlohmann::json entry = located(sources, diagnostic.range);
    entry["severity"] = severityName(diagnostic.severity);
    entry["code"] = diagnostic.code();
    entry["message"] = diagnostic.message;
    entry["notes"] = nlohmann::json::array();
    for (const DiagnosticNote& note : diagnostic.notes) {
      nlohmann::json noteEntry = located(sources, note.range);
      noteEntry["message"] = note.message;
      entry["notes"].push_back(std::move(noteEntry));
    }
    entry["fixits"] = nlohmann::json::array();
    for (const FixIt& fixIt : diagnostic.fixIts) {
      nlohmann::json fixEntry = located(sources, fixIt.range);
      fixEntry["replacement"] = fixIt.replacement;
      entry["fixits"].push_back(std::move(fixEntry));
    }
    list.push_back(std::move(entry));
  }
  nlohmann::json document = {
      {"diagnostics", std::move(list)}, {"errors", errors}, {"warnings", warnings}};
  // Messages quote source text, which is valid UTF-8 (checked on load) but
  // may be cut mid-sequence in an excerpt: replace rather than throw.
  return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

} // namespace slac
