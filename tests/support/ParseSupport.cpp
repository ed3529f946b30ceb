#include "support/ParseSupport.h"

#include "ast/AstDump.h"

#include <algorithm>
#include <cstdlib>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace slac::testing {

namespace {

std::string describeLocation(const SourceManager& sources, SourceLocation location) {
  const SourceFile* file = sources.fileContaining(location);
  if (!file)
    return "?:?";
  SourceFile::LineColumn position = file->lineColumn(location);
  return fmt::format("{}:{}", position.line, position.column);
}

} // namespace

std::vector<std::string> ParsedSource::describeDiagnostics() const {
  std::vector<std::string> lines;
  for (const Diagnostic& diagnostic : diagnostics.sortedDiagnostics()) {
    lines.push_back(fmt::format("{}: {}[{}]: {}", describeLocation(sources, diagnostic.range.begin),
                                severityName(diagnostic.severity), diagnostic.code(),
                                diagnostic.message));
    for (const DiagnosticNote& note : diagnostic.notes)
      lines.push_back(
          fmt::format("{}: note: {}", describeLocation(sources, note.range.begin), note.message));
  }
  return lines;
}

std::string ParsedSource::dump() const {
  if (!ast)
    return {};
  std::ostringstream out;
  ast::dumpAst(*ast, out);
  return out.str();
}

std::unique_ptr<ParsedSource> parseText(std::string name, std::string text,
                                        const parse::ParseLimits& limits) {
  auto parsed = std::make_unique<ParsedSource>();
  const SourceFile& file = parsed->sources.addFile(std::move(name), std::move(text));
  parsed->ast = parse::parseFile(file, parsed->context, parsed->diagnostics, limits);
  return parsed;
}

std::string readFileBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error("cannot read " + path.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void writeFileBytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  if (!out)
    throw std::runtime_error("cannot write " + path.string());
}

std::vector<std::filesystem::path> sourceFilesIn(const std::string& relativeDirectory,
                                                 const std::string& extension) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(
           std::filesystem::path(SLAC_SOURCE_DIR) / relativeDirectory))
    if (entry.is_regular_file() && entry.path().extension() == extension)
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string testNameFor(const std::filesystem::path& path) {
  std::string name = path.stem().string();
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
      '_');
  return name;
}

bool updatingGoldenFiles() {
  const char* flag = std::getenv("SLAC_UPDATE_GOLDEN");
  return flag && std::string(flag) == "1";
}

} // namespace slac::testing
