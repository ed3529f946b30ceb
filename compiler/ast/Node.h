#pragma once

#include "source/SourceLocation.h"

#include <cassert>
#include <cstdint>
#include <string>
#include <vector>

namespace slac::ast {

// The closed set of AST node kinds. Ranges of kinds (FirstExpr..LastExpr,
// FirstDecl..LastDecl) give the abstract classes their classof().
enum class NodeKind : std::uint8_t {
  // Expressions.
  IntLiteral,
  DecimalLiteral,
  PercentLiteral,
  DurationLiteral,
  BusinessDaysLiteral,
  MoneyLiteral,
  DateLiteral,
  DateTimeLiteral,
  StringLiteral,
  BoolLiteral,
  NameExpr,
  MemberExpr,
  UnaryExpr,
  BinaryExpr,
  IsSetExpr,
  CallExpr,
  PausesExpr,
  AggregateExpr,
  SlicesExpr,
  MatchExpr,
  // Declarations.
  ImportDecl,
  CalendarDecl,
  HolidaysDecl,
  ServiceDecl,
  EnumDecl,
  StreamDecl,
  FieldDecl,
  LetDecl,
  MetricDecl,
  AgreementDecl,
  ObjectiveDecl,
  RemedyDecl,
  CapDecl,
  TerminateDecl,
  RevisionDecl,
  TestDecl,

  FirstExpr = IntLiteral,
  LastExpr = MatchExpr,
  FirstDecl = ImportDecl,
  LastDecl = TestDecl,
};

const char* nodeKindName(NodeKind kind);

// Base of every node. Nodes are created by AstContext, which owns them; they
// are immutable once built and refer to each other by plain pointers.
class Node {
public:
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;
  virtual ~Node() = default;

  NodeKind kind() const { return kind_; }
  SourceRange range() const { return range_; }

protected:
  Node(NodeKind kind, SourceRange range) : kind_(kind), range_(range) {}

private:
  NodeKind kind_;
  SourceRange range_;
};

// LLVM-style checked casts over the closed set of kinds.
template <typename To, typename From> bool isa(const From* node) {
  return node && To::classof(node);
}
template <typename To, typename From> To* cast(From* node) {
  assert(isa<To>(node) && "cast to the wrong node kind");
  return static_cast<To*>(node);
}
template <typename To, typename From> const To* cast(const From* node) {
  assert(isa<To>(node) && "cast to the wrong node kind");
  return static_cast<const To*>(node);
}
template <typename To, typename From> To* dyn_cast(From* node) {
  return isa<To>(node) ? static_cast<To*>(node) : nullptr;
}
template <typename To, typename From> const To* dyn_cast(const From* node) {
  return isa<To>(node) ? static_cast<const To*>(node) : nullptr;
}

// A name as written, with where it was written.
struct Identifier {
  std::string name;
  SourceRange range;
};

// `a.b.c`: a module, a holidays set, a calendar or a metric reference.
struct QualifiedName {
  std::vector<Identifier> parts;
  SourceRange range;

  std::string spelling() const;
};

// A string literal's value (escapes resolved) and its range.
struct StringValue {
  std::string value;
  SourceRange range;
};

} // namespace slac::ast
