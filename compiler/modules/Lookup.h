#pragma once

// How a module names the file-level declarations it can see: `name` is
// declared in the module itself, else in exactly one module it imports;
// `alias.name` is declared in the module imported as `alias`.

#include "modules/ModuleLoader.h"

#include <string_view>

namespace slac::modules {

template <typename T> const T* findLocalDeclaration(const Module& module, std::string_view name) {
  for (const ast::Decl* decl : module.ast.declarations)
    if (const auto* found = dyn_cast<T>(decl); found && found->name.name == name)
      return found;
  return nullptr;
}

template <typename T> const T* findDeclaration(const Module& module, std::string_view name) {
  if (const T* local = findLocalDeclaration<T>(module, name))
    return local;
  const T* found = nullptr;
  for (const ImportBinding& import : module.imports)
    if (const T* imported = findLocalDeclaration<T>(*import.module, name)) {
      if (found && found != imported)
        return nullptr;
      found = imported;
    }
  return found;
}

template <typename T>
const T* findDeclaration(const Module& module, const ast::QualifiedName& reference) {
  if (reference.parts.size() == 1)
    return findDeclaration<T>(module, reference.parts.front().name);
  if (reference.parts.size() != 2)
    return nullptr;
  for (const ImportBinding& import : module.imports)
    if (import.name == reference.parts.front().name)
      return findLocalDeclaration<T>(*import.module, reference.parts.back().name);
  return nullptr;
}

} // namespace slac::modules
