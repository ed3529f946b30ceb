#pragma once

#include "ast/Decl.h"
#include "source/SourceManager.h"

#include <memory>
#include <utility>
#include <vector>

namespace slac::ast {

// The AST of one source file: its top-level declarations in source order.
struct FileAst {
  const SourceFile* file = nullptr;
  std::vector<const Decl*> declarations;
};

// Owns every node of a compilation. Nodes are freed together, without
// recursion, however deep the trees they form.
class AstContext {
public:
  template <typename T, typename... Args> T* make(Args&&... args) {
    auto node = std::make_unique<T>(std::forward<Args>(args)...);
    T* result = node.get();
    nodes_.push_back(std::move(node));
    return result;
  }

  std::size_t nodeCount() const { return nodes_.size(); }

private:
  std::vector<std::unique_ptr<Node>> nodes_;
};

} // namespace slac::ast
