#pragma once

// The compile pipeline as one library call: reads the files named, parses
// them with their imports, checks them and builds and verifies their plan,
// and returns everything it made in one result object. The commands of
// `slac`, the language server, the benchmarks and the tests all compile
// through this call; what they do with the result (print the diagnostics,
// evaluate the plan, answer an editor) is theirs.
//
// Thread-safety: a Compilation is not synchronised; use each from one
// thread at a time.

#include "ast/AstContext.h"
#include "diagnostics/DiagnosticEngine.h"
#include "modules/ModuleLoader.h"
#include "plan/Plan.h"
#include "source/SourceManager.h"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace slac::compile {

// How far the pipeline goes.
enum class Stage {
  // Each file parsed alone, its imports not followed (`slac parse`).
  Parsed,
  // The files loaded with their imports and checked, their plan built when
  // nothing was wrong (`slac check`, the language server).
  Checked,
  // And the plan's invariants verified (plan/PlanVerifier.h): a plan the
  // engines may run.
  Verified,
};

struct Options {
  Options() = default;
  explicit Options(Stage stage) : stopAfter(stage) {}

  Stage stopAfter = Stage::Verified;
  // The errors after which the pipeline stops (DiagnosticEngine); 0, the
  // default, is no limit. `slac` stops at 50, the language server at 1000.
  std::size_t maxErrors = 0;
  bool warningsAsErrors = false;
  // Where imports and test data may be read from.
  modules::RootPolicy roots;
  // Texts read in place of files on disk (path, text): an editor's unsaved
  // buffers. A later one for the same file wins.
  std::vector<std::pair<std::string, std::string>> overlays;
};

// What one run of the pipeline made. Everything the diagnostics, modules and
// plan point into (the sources, the syntax trees) lives as long as it does;
// moving it keeps those addresses.
class Compilation {
public:
  Compilation(Compilation&&) noexcept;
  Compilation& operator=(Compilation&&) noexcept;
  ~Compilation();

  const SourceManager& sources() const;
  // Mutable for a caller that goes on where the pipeline stopped (lowering a
  // calendar of a checked file) and reports what it finds with the rest.
  DiagnosticEngine& diagnostics();
  const DiagnosticEngine& diagnostics() const;

  // Stage::Parsed: the syntax tree of each file that parsed.
  const std::vector<ast::FileAst>& files() const { return files_; }
  // Later stages: the module of each file named, in their order; null for a
  // file that did not load (it or an import could not be read or parsed).
  const std::vector<const modules::Module*>& roots() const { return roots_; }
  // Every module loaded, imports and the standard library's included.
  std::vector<const modules::Module*> modules() const;

  // The plan, when everything checked cleanly (and, at Stage::Verified,
  // the plan keeps every invariant).
  const std::optional<plan::Program>& plan() const { return plan_; }
  // Moves the plan out, for a caller that changes it (tests of the
  // verifier).
  std::optional<plan::Program> takePlan() { return std::exchange(plan_, std::nullopt); }
  // Each invariant the plan broke (Stage::Verified): a bug of the plan
  // builder, never of the files; the plan is then dropped.
  const std::vector<std::string>& brokenInvariants() const { return brokenInvariants_; }
  // Whether a file named could not be read at all: an I/O error rather than
  // an error in a source.
  bool ioFailed() const { return ioFailed_; }

private:
  friend Compilation compileFiles(const std::vector<std::string>& paths, Options options);
  // Takes the overlays' texts out of `options`.
  explicit Compilation(Options& options);
  void parseEach(const std::vector<std::string>& paths);
  void check(const std::vector<std::string>& paths);
  // Test data and calendar files outside their file's root are errors
  // (modules::RootPolicy).
  void confineDataPaths();
  void verify();

  // What the rest points into, behind a pointer so that it keeps its
  // address when the Compilation moves.
  struct Context;
  std::unique_ptr<Context> context_;
  std::vector<ast::FileAst> files_;
  std::vector<const modules::Module*> roots_;
  std::optional<plan::Program> plan_;
  std::vector<std::string> brokenInvariants_;
  bool ioFailed_ = false;
};

// Runs the pipeline on `paths` up to `options.stopAfter`. Never throws for a
// bad file: whatever is wrong is in the diagnostics (or ioFailed()).
Compilation compileFiles(const std::vector<std::string>& paths, Options options = {});

} // namespace slac::compile
