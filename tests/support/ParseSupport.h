#pragma once

// Helpers shared by the parser tests: parse a text or a file and describe
// its diagnostics in the compact form the expectation files use.

#include "ast/AstContext.h"
#include "diagnostics/DiagnosticEngine.h"
#include "parse/Parser.h"
#include "source/SourceManager.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace slac::testing {

struct ParsedSource {
  SourceManager sources;
  DiagnosticEngine diagnostics;
  ast::AstContext context;
  std::optional<ast::FileAst> ast;

  // One line per diagnostic and note, in location order:
  //   3:12: error[E0201]: `25:00` is not a time of day: ...
  //   3:3: note: to match this `{`
  std::vector<std::string> describeDiagnostics() const;
  // The AST dump, or an empty string when the file did not parse.
  std::string dump() const;
};

std::unique_ptr<ParsedSource> parseText(std::string name, std::string text,
                                        const parse::ParseLimits& limits = {});

std::string readFileBytes(const std::filesystem::path& path);
void writeFileBytes(const std::filesystem::path& path, const std::string& bytes);

// The files of a directory under the source tree with the given extension,
// sorted by name.
std::vector<std::filesystem::path> sourceFilesIn(const std::string& relativeDirectory,
                                                 const std::string& extension);

// A test name made of the characters GoogleTest accepts.
std::string testNameFor(const std::filesystem::path& path);

// Golden files are rewritten instead of compared when SLAC_UPDATE_GOLDEN=1;
// the rewritten files are then reviewed by reading them.
bool updatingGoldenFiles();

} // namespace slac::testing
