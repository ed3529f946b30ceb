#include "diagnostics/SarifRenderer.h"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace slac {

namespace {

std::string_view sarifLevel(Severity severity) {
  switch (severity) {
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
  case Severity::Fatal:
    break;
  }
  return "error";
}

// A location without a file (an unreadable command-line argument) has no
// physical location; SARIF allows a result without locations.
nlohmann::json physicalLocation(const SourceManager& sources, SourceRange range) {
  const SourceFile* file = sources.fileContaining(range.begin);
  if (!file)
    return nullptr;
  auto begin = file->lineColumn(range.begin);
  auto end = file->contains(range.end) ? file->lineColumn(range.end) : begin;
  return {{"artifactLocation", {{"uri", file->name()}}},
          {"region",
           {{"startLine", begin.line},
            {"startColumn", begin.column},
            {"endLine", end.line},
            {"endColumn", end.column}}}};
}

nlohmann::json locations(const SourceManager& sources, SourceRange range) {
  nlohmann::json physical = physicalLocation(sources, range);
  if (physical.is_null())
    return nlohmann::json::array();
  return nlohmann::json::array({{{"physicalLocation", std::move(physical)}}});
}

std::string anchorOf(std::string_view code) {
  std::string anchor;
  for (char c : code)
    anchor += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return anchor;
}

nlohmann::json rules() {
  nlohmann::json list = nlohmann::json::array();
  for (DiagnosticKind kind : allDiagnosticKinds()) {
    const DiagnosticKindInfo& info = describe(kind);
    list.push_back(
        {{"id", info.code},
         {"name", info.name},
         {"shortDescription", {{"text", std::string(info.format)}}},
         {"help", {{"text", fmt::format("docs/diagnostics.md#{}", anchorOf(info.code))}}},
         {"defaultConfiguration", {{"level", sarifLevel(info.severity)}}}});
  }
  return list;
}

std::size_t ruleIndex(DiagnosticKind kind) {
  const std::vector<DiagnosticKind>& kinds = allDiagnosticKinds();
  return static_cast<std::size_t>(std::find(kinds.begin(), kinds.end(), kind) - kinds.begin());
}

} // namespace

std::string renderDiagnosticsSarif(const std::vector<Diagnostic>& diagnostics,
                                   const SourceManager& sources, std::string_view toolVersion) {
  nlohmann::json results = nlohmann::json::array();
  for (const Diagnostic& diagnostic : diagnostics) {
    nlohmann::json result = {{"ruleId", diagnostic.code()},
                             {"ruleIndex", ruleIndex(diagnostic.kind)},
                             {"level", sarifLevel(diagnostic.severity)},
                             {"message", {{"text", diagnostic.message}}},
                             {"locations", locations(sources, diagnostic.range)}};
    if (!diagnostic.notes.empty()) {
      nlohmann::json related = nlohmann::json::array();
      for (std::size_t i = 0; i < diagnostic.notes.size(); ++i) {
        const DiagnosticNote& note = diagnostic.notes[i];
        nlohmann::json physical = physicalLocation(sources, note.range);
        nlohmann::json entry = {{"id", i}, {"message", {{"text", note.message}}}};
        if (!physical.is_null())
          entry["physicalLocation"] = std::move(physical);
        related.push_back(std::move(entry));
      }
      result["relatedLocations"] = std::move(related);
    }
    if (!diagnostic.fixIts.empty()) {
      nlohmann::json changes = nlohmann::json::array();
      for (const FixIt& fixIt : diagnostic.fixIts) {
        nlohmann::json physical = physicalLocation(sources, fixIt.range);
        if (physical.is_null())
          continue;
        changes.push_back({{"artifactLocation", physical["artifactLocation"]},
                           {"replacements",
                            {{{"deletedRegion", physical["region"]},
                              {"insertedContent", {{"text", fixIt.replacement}}}}}}});
      }
      result["fixes"] = {{{"description", {{"text", "apply the suggested edit"}}},
                          {"artifactChanges", std::move(changes)}}};
    }
    results.push_back(std::move(result));
  }
  nlohmann::json log = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       {{{"tool",
          {{"driver",
            {{"name", "slac"}, {"version", std::string(toolVersion)}, {"rules", rules()}}}}},
         {"columnKind", "unicodeCodePoints"},
         {"results", std::move(results)}}}}};
  return log.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

} // namespace slac
