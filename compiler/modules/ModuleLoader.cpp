#include "modules/ModuleLoader.h"

#include "parse/Parser.h"
#include "stdlib/Stdlib.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>

namespace slac::modules {

std::vector<const Module*> ModuleLoader::modules() const {
  std::vector<const Module*> result;
  for (const auto& [key, module] : modules_)
    result.push_back(module.get());
  return result;
}

const Module* ModuleLoader::loadFile(const std::string& path) {
  std::error_code ignored;
  std::string key = std::filesystem::weakly_canonical(path, ignored).string();
  std::filesystem::path rootPath = policy_.root;
  if (rootPath.empty()) {
    rootPath = std::filesystem::path(path).parent_path();
    rootShown_ = fmt::format("`{}`, the directory of `{}`",
                             rootPath.empty() ? "." : rootPath.string(), path);
  } else {
    rootShown_ = fmt::format("`{}`, the --root", policy_.root);
  }
  std::string rootError;
  root_ = RootDirectory::of(rootPath, rootError);
  if (!root_) {
    diagnostics_.report(DiagnosticKind::CannotReadFile, SourceRange{}, rootPath.string(),
                        rootError);
    unreadable_ = true;
    return nullptr;
  }
  // A file named on the command line may already be loaded as an import.
  if (auto state = states_.find(key); state != states_.end())
    return state->second == State::Loaded ? modules_.at(key).get() : nullptr;
  SourceManager::LoadError error;
  const SourceFile* file = sources_.loadFile(path, error);
  if (!file) {
    diagnostics_.report(DiagnosticKind::CannotReadFile, SourceRange{}, path, error.message);
    unreadable_ = true;
    return nullptr;
  }
  return load(key, file);
}

const Module* ModuleLoader::load(const std::string& key, const SourceFile* file) {
  std::optional<ast::FileAst> ast = parse::parseFile(*file, context_, diagnostics_);
  if (!ast) {
    states_[key] = State::Failed;
    return nullptr;
  }
  auto module = std::make_unique<Module>();
  module->key = key;
  module->path = file->name();
  module->ast = std::move(*ast);
  if (!file->name().starts_with("<stdlib>/")) {
    module->root = root_;
    module->rootShown = rootShown_;
  }
  states_[key] = State::Loading;
  loadingStack_.push_back(key);
  bool failed = false;
  for (const ast::Decl* decl : module->ast.declarations) {
    const auto* import = dyn_cast<ast::ImportDecl>(decl);
    if (!import)
      continue;
    const Module* imported = loadImport(*module, *import);
    if (!imported) {
      failed = true;
      continue;
    }
    std::string name;
    if (import->alias)
      name = import->alias->name;
    else if (const auto* dotted = std::get_if<ast::QualifiedName>(&import->target))
      name = dotted->parts.back().name;
    else
      name = std::filesystem::path(std::get<ast::StringValue>(import->target).value).stem();
    module->imports.push_back({name, imported});
  }
  loadingStack_.pop_back();
  states_[key] = failed ? State::Failed : State::Loaded;
  if (failed)
    return nullptr;
  const Module* result = module.get();
  modules_[key] = std::move(module);
  return result;
}

const Module* ModuleLoader::loadImport(const Module& importer, const ast::ImportDecl& import) {
  std::string key;
  std::string display;
  const SourceFile* file = nullptr;
  if (const auto* dotted = std::get_if<ast::QualifiedName>(&import.target)) {
    key = display = dotted->spelling();
    auto found = stdlib::findStdlibModule(key);
    if (!found) {
      diagnostics_.report(DiagnosticKind::ModuleNotFound, dotted->range, key,
                          key.rfind("std.", 0) == 0
                              ? "the standard library has no such module"
                              : "modules are `std.` library modules or quoted file paths");
      return nullptr;
    }
    if (states_.count(key) == 0)
      file = &sources_.addFile("<stdlib>/" + key, std::string(found->text));
  } else {
    const ast::StringValue& path = std::get<ast::StringValue>(import.target);
    display = path.value;
    std::filesystem::path resolved =
        (std::filesystem::path(importer.path).parent_path() / path.value).lexically_normal();
    std::string problem;
    if (!policy_.allowOutside && !root_->contains(resolved, problem)) {
      if (problem.empty())
        diagnostics_.report(DiagnosticKind::OutsideRoot, path.range, path.value, rootShown_);
      else
        diagnostics_.report(DiagnosticKind::ModuleNotFound, path.range, path.value, problem);
      return nullptr;
    }
    std::error_code code;
    key = std::filesystem::weakly_canonical(resolved, code).string();
    if (code) {
      diagnostics_.report(DiagnosticKind::ModuleNotFound, path.range, path.value, code.message());
      return nullptr;
    }
    if (states_.count(key) == 0) {
      SourceManager::LoadError error;
      file = sources_.loadFile(resolved.string(), error, SourceManager::FileKinds::RegularOnly);
      if (!file) {
        diagnostics_.report(DiagnosticKind::ModuleNotFound, path.range, path.value, error.message);
        return nullptr;
      }
    }
  }
  auto state = states_.find(key);
  if (state == states_.end())
    return load(key, file);
  if (state->second == State::Loading) {
    auto first = std::find(loadingStack_.begin(), loadingStack_.end(), key);
    std::string chain;
    for (auto it = first; it != loadingStack_.end(); ++it)
      chain += fmt::format("`{}` → ", std::filesystem::path(*it).filename().string());
    chain += fmt::format("`{}`", std::filesystem::path(key).filename().string());
    diagnostics_.report(DiagnosticKind::ImportCycle, import.range(), display, chain);
    return nullptr;
  }
  if (state->second == State::Failed)
    return nullptr;
  return modules_.at(key).get();
}

} // namespace slac::modules
