#pragma once

// Loads a file and, transitively, the files and standard-library modules it
// imports, each parsed once. This is the small part of name resolution that
// `slac calendar` needs; the checker builds its scopes on the same modules.

#include "ast/AstContext.h"
#include "diagnostics/DiagnosticEngine.h"
#include "source/RootDirectory.h"
#include "source/SourceManager.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace slac::modules {

struct Module;

// `import std.holidays.germany as de`: the module and the name it is known
// by in the importing file (the alias, else the last part of its name).
struct ImportBinding {
  std::string name;
  const Module* module;
};

struct Module {
  std::string key;  // the file's canonical path, or `std.x.y`
  std::string path; // as diagnostics show it: relative to the root file's
  ast::FileAst ast;
  std::vector<ImportBinding> imports;
  // Where its file imports and test data must stay (none for the standard
  // library): the root of the command-line file it was first loaded for.
  std::optional<RootDirectory> root;
  std::string rootShown; // as diagnostics name it
};

// Where the imports and test data of a file may be read from
// (source/RootDirectory.h): its directory, or `--root DIR`;
// `--allow-outside-root` lifts the limit. The driver's commands hold it as
// given on the command line and the compile pipeline applies it.
struct RootPolicy {
  std::string root;          // empty: each named file's own directory
  bool allowOutside = false; // --allow-outside-root
};

class ModuleLoader {
public:
  ModuleLoader(SourceManager& sources, ast::AstContext& context, DiagnosticEngine& diagnostics)
      : sources_(sources), context_(context), diagnostics_(diagnostics) {}

  void setRootPolicy(RootPolicy policy) { policy_ = std::move(policy); }
  const RootPolicy& rootPolicy() const { return policy_; }

  // The module of a file, or null when it or an import could not be read
  // or parsed (the diagnostics say why). Each file is loaded once, however
  // often it is named or imported.
  const Module* loadFile(const std::string& path);

  // Every module loaded so far (each once), in a stable order.
  std::vector<const Module*> modules() const;

  // Whether a file named to loadFile could not be read at all (an I/O
  // error rather than an error in a source).
  bool unreadable() const { return unreadable_; }

private:
  enum class State { Loading, Loaded, Failed };
  const Module* load(const std::string& key, const SourceFile* file);
  const Module* loadImport(const Module& importer, const ast::ImportDecl& import);

  SourceManager& sources_;
  ast::AstContext& context_;
  DiagnosticEngine& diagnostics_;
  std::map<std::string, std::unique_ptr<Module>> modules_;
  std::map<std::string, State> states_;
  std::vector<std::string> loadingStack_;
  bool unreadable_ = false;
  RootPolicy policy_;
  std::optional<RootDirectory> root_; // of the file loadFile is loading
  std::string rootShown_;
};

} // namespace slac::modules
