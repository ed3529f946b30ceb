#include "compile/Compile.h"

#include "check/CheckModules.h"
#include "parse/Parser.h"
#include "plan/PlanVerifier.h"

#include <filesystem>

namespace slac::compile {

struct Compilation::Context {
  explicit Context(std::size_t maxErrors) : diagnostics(maxErrors) {}

  SourceManager sources;
  DiagnosticEngine diagnostics;
  ast::AstContext ast;
  modules::ModuleLoader loader{sources, ast, diagnostics};
};

Compilation::Compilation(Options& options)
    : context_(std::make_unique<Context>(options.maxErrors)) {
  context_->diagnostics.setWarningsAsErrors(options.warningsAsErrors);
  context_->loader.setRootPolicy(options.roots);
  for (auto& [path, text] : options.overlays)
    context_->sources.setOverlay(path, std::move(text));
}

Compilation::Compilation(Compilation&&) noexcept = default;
Compilation& Compilation::operator=(Compilation&&) noexcept = default;
Compilation::~Compilation() = default;

const SourceManager& Compilation::sources() const {
  return context_->sources;
}
DiagnosticEngine& Compilation::diagnostics() {
  return context_->diagnostics;
}
const DiagnosticEngine& Compilation::diagnostics() const {
  return context_->diagnostics;
}
std::vector<const modules::Module*> Compilation::modules() const {
  return context_->loader.modules();
}

void Compilation::parseEach(const std::vector<std::string>& paths) {
  DiagnosticEngine& diagnostics = context_->diagnostics;
  for (const std::string& path : paths) {
    if (diagnostics.stopRequested())
      break;
    SourceManager::LoadError error;
    const SourceFile* file = context_->sources.loadFile(path, error);
    if (!file) {
      ioFailed_ = true;
      diagnostics.report(DiagnosticKind::CannotReadFile, SourceRange{}, path, error.message);
      continue;
    }
    if (auto ast = parse::parseFile(*file, context_->ast, diagnostics))
      files_.push_back(std::move(*ast));
  }
}

void Compilation::check(const std::vector<std::string>& paths) {
  DiagnosticEngine& diagnostics = context_->diagnostics;
  for (const std::string& path : paths) {
    if (diagnostics.stopRequested())
      break;
    roots_.push_back(context_->loader.loadFile(path));
  }
  ioFailed_ = ioFailed_ || context_->loader.unreadable();
  if (diagnostics.stopRequested())
    return;
  plan_ = check::checkModules(context_->loader.modules(), context_->sources, diagnostics);
  confineDataPaths();
}

void Compilation::confineDataPaths() {
  const modules::ModuleLoader& loader = context_->loader;
  if (!plan_ || loader.rootPolicy().allowOutside)
    return;
  bool outside = false;
  // `path`, written at `range` in a file whose directory is `directory`.
  auto confine = [&](SourceRange range, const std::string& directory, const std::string& path) {
    const SourceFile* file = context_->sources.fileContaining(range.begin);
    const modules::Module* module = nullptr;
    for (const modules::Module* candidate : loader.modules())
      if (file && candidate->path == file->name())
        module = candidate;
    if (!module || !module->root)
      return;
    std::string problem;
    if (module->root->contains(std::filesystem::path(directory) / path, problem) ||
        !problem.empty())
      return; // a path that cannot be resolved fails when it is read
    context_->diagnostics.report(DiagnosticKind::OutsideRoot, range, path, module->rootShown);
    outside = true;
  };
  for (const plan::Test& test : plan_->tests)
    for (const plan::DataSource& data : test.data)
      confine(data.range, test.directory, data.path);
  for (const plan::Calendar& calendar : plan_->calendars)
    for (const plan::CalendarFile& file : calendar.files)
      confine(file.range, file.directory, file.path);
  if (outside)
    plan_.reset();
}

void Compilation::verify() {
  if (!plan_)
    return;
  // Both engines trust the plan's invariants: a broken plan is never run.
  brokenInvariants_ = plan::verifyPlan(*plan_);
  if (!brokenInvariants_.empty())
    plan_.reset();
}

Compilation compileFiles(const std::vector<std::string>& paths, Options options) {
  Compilation compilation(options);
  if (options.stopAfter == Stage::Parsed) {
    compilation.parseEach(paths);
    return compilation;
  }
  compilation.check(paths);
  if (options.stopAfter == Stage::Verified)
    compilation.verify();
  return compilation;
}

} // namespace slac::compile
