#pragma once

#include "ast/AstContext.h"
#include "diagnostics/DiagnosticEngine.h"
#include "driver/Commands.h"
#include "modules/ModuleLoader.h"
#include "plan/Plan.h"
#include "source/SourceManager.h"

#include <optional>
#include <string>
#include <vector>

namespace slac::driver {

// What one run of the driver has loaded and parsed, with its diagnostics.
struct Compilation {
  explicit Compilation(std::size_t maxErrors) : diagnostics(maxErrors) {}
  Compilation(std::size_t maxErrors, const RootOptions& roots) : diagnostics(maxErrors) {
    loader.setRootPolicy({roots.root, roots.allowOutsideRoot});
  }

  SourceManager sources;
  DiagnosticEngine diagnostics;
  ast::AstContext context;
  modules::ModuleLoader loader{sources, context, diagnostics};
  std::vector<ast::FileAst> files;
  // What `check` built when everything checked cleanly.
  std::optional<plan::Program> plan;
  bool ioFailed = false;

  // Loads and parses each file alone; a file that cannot be read is an I/O
  // error.
  void parseFiles(const std::vector<std::string>& paths);
  // Loads each file with everything it imports; null for a file that did
  // not load.
  std::vector<const modules::Module*> loadModules(const std::vector<std::string>& paths);
  // What `slac check` does: loads the files and their imports, checks them
  // and builds their plan. Returns the modules of the files, as loadModules.
  std::vector<const modules::Module*> check(const std::vector<std::string>& paths);
  // How `slac eval` and `slac test` begin: checks `file` and prints its
  // diagnostics; the exit code when there is no plan to evaluate.
  std::optional<int> checkForEvaluation(const std::string& file);

private:
  // Test data and calendar files outside their file's root are errors
  // (modules::RootPolicy).
  void confineDataPaths();
};

// Writes the diagnostics to stderr (text) or stdout (JSON, SARIF).
void printDiagnostics(const Compilation& compilation, DiagnosticFormat format, bool color,
                      std::string_view toolVersion = {});

// `2 errors and 0 warnings generated` on stderr, when there were any.
void printDiagnosticCounts(const DiagnosticEngine& diagnostics);

} // namespace slac::driver
