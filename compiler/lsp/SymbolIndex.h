#pragma once

// The names of a compilation: what each file declares (a tree: services hold
// streams, streams hold fields) and every place a name refers to a
// declaration. Built from the ASTs alone, so that it answers for files that
// parse but do not check; the scope rules follow the checker's.

#include "modules/ModuleLoader.h"

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace slac::lsp {

enum class SymbolKind {
  Import, // an import's name; its children are the imported module's
  Calendar,
  Holidays,
  Service,
  Enum,
  EnumCase,
  Stream,
  Field,
  Let,
  Metric,
  Agreement,
  Objective,
  Remedy,
  Test,
};

const char* symbolKindName(SymbolKind kind);

struct Symbol {
  std::string name;
  SymbolKind kind = SymbolKind::Import;
  SourceRange nameRange;
  SourceRange range;               // the whole declaration
  const ast::Decl* decl = nullptr; // null for enum cases
  const Symbol* parent = nullptr;
  std::vector<const Symbol*> children;
  const modules::Module* imported = nullptr; // Import only

  const Symbol* child(std::string_view childName) const;
};

struct Reference {
  SourceRange range;
  const Symbol* target;
};

class SymbolIndex {
public:
  // Indexes modules that loaded (so: parsed, with all their imports).
  void build(const std::vector<const modules::Module*>& modules);

  // The top-level symbols of a file: its declarations in source order, then
  // its imports.
  const std::vector<const Symbol*>& topLevel(const SourceFile* file) const;
  // The declaration named or referred to at `at`, if any.
  const Symbol* symbolAt(SourceLocation at) const;
  // Every place naming `target`, its declaration included, in source order.
  std::vector<SourceRange> referencesTo(const Symbol* target) const;
  // The innermost symbol whose declaration contains `at` (for completion).
  const Symbol* enclosing(const SourceFile* file, SourceLocation at) const;
  // Every symbol named so, anywhere.
  std::vector<const Symbol*> named(std::string_view name) const;

private:
  struct Scope;
  Symbol& add(Symbol symbol, Symbol* parent, const SourceFile* file);
  void declare(const ast::Decl* decl, Symbol* parent, const SourceFile* file);
  void resolveDecl(const ast::Decl* decl, const Scope& scope);
  void resolveExpr(const ast::Expr* expr, const Scope& scope);
  const Symbol* resolveQualified(const ast::QualifiedName& name, const Scope& scope);
  const Symbol* resolveNameExpr(const ast::Expr* expr, const Scope& scope);
  void refer(SourceRange range, const Symbol* target);

  std::deque<Symbol> symbols_;
  std::map<const SourceFile*, std::vector<const Symbol*>> topLevel_;
  std::map<const ast::Decl*, const Symbol*> byDecl_;
  std::vector<Reference> references_;
};

} // namespace slac::lsp
