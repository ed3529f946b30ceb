#pragma once

#include "ast/Node.h"
#include "ast/Values.h"

#include <cstdint>
#include <string>
#include <vector>

namespace slac::ast {

class Expr : public Node {
public:
  static bool classof(const Node* node) {
    return node->kind() >= NodeKind::FirstExpr && node->kind() <= NodeKind::LastExpr;
  }

protected:
  using Node::Node;
};

// A literal node of kind K holding a value of type V, with its spelling for
// dumps and messages.
template <NodeKind K, typename V> class Literal final : public Expr {
public:
  Literal(SourceRange range, V value, std::string spelling)
      : Expr(K, range), value_(std::move(value)), spelling_(std::move(spelling)) {}
  static bool classof(const Node* node) { return node->kind() == K; }

  const V& value() const { return value_; }
  const std::string& spelling() const { return spelling_; }

private:
  V value_;
  std::string spelling_;
};

using IntLiteral = Literal<NodeKind::IntLiteral, std::int64_t>;
using DecimalLiteral = Literal<NodeKind::DecimalLiteral, Decimal>;
// `99.5%`: the value is the written number of percent (99.5), not 0.995.
using PercentLiteral = Literal<NodeKind::PercentLiteral, Decimal>;
// `1h30m`: microseconds.
using DurationLiteral = Literal<NodeKind::DurationLiteral, std::int64_t>;
// `2 business days`: the number of days; the calendar says how long one is.
using BusinessDaysLiteral = Literal<NodeKind::BusinessDaysLiteral, std::int64_t>;
using MoneyLiteral = Literal<NodeKind::MoneyLiteral, Money>;
using DateLiteral = Literal<NodeKind::DateLiteral, CivilDate>;
using DateTimeLiteral = Literal<NodeKind::DateTimeLiteral, DateTime>;
using StringLiteral = Literal<NodeKind::StringLiteral, std::string>;
using BoolLiteral = Literal<NodeKind::BoolLiteral, bool>;

// A name: a field, a let, a metric, an enum case, a calendar...
class NameExpr final : public Expr {
public:
  explicit NameExpr(Identifier name)
      : Expr(NodeKind::NameExpr, name.range), name_(std::move(name)) {}
  static bool classof(const Node* node) { return node->kind() == NodeKind::NameExpr; }

  const Identifier& name() const { return name_; }

private:
  Identifier name_;
};

// `base.member`: a service's metric, a stream's field.
class MemberExpr final : public Expr {
public:
  MemberExpr(SourceRange range, const Expr* base, Identifier member)
      : Expr(NodeKind::MemberExpr, range), base_(base), member_(std::move(member)) {}
  static bool classof(const Node* node) { return node->kind() == NodeKind::MemberExpr; }

  const Expr* base() const { return base_; }
  const Identifier& member() const { return member_; }

private:
  const Expr* base_;
  Identifier member_;
};

enum class UnaryOp : std::uint8_t { Negate, Not };
const char* unaryOpSpelling(UnaryOp op);

class UnaryExpr final : public Expr {
public:
  UnaryExpr(SourceRange range, UnaryOp op, const Expr* operand)
      : Expr(NodeKind::UnaryExpr, range), op_(op), operand_(operand) {}
  static bool classof(const Node* node) { return node->kind() == NodeKind::UnaryExpr; }

  UnaryOp op() const { return op_; }
  const Expr* operand() const { return operand_; }

private:
  UnaryOp op_;
  const Expr* operand_;
};

enum class BinaryOp : std::uint8_t { Mul, Div, Add, Sub, Lt, Le, Gt, Ge, Eq, Ne, And, Or };
const char* binaryOpSpelling(BinaryOp op);
bool isComparison(BinaryOp op);

class BinaryExpr final : public Expr {
public:
  BinaryExpr(SourceRange range, BinaryOp op, SourceRange opRange, const Expr* lhs, const Expr* rhs)
      : Expr(NodeKind::BinaryExpr, range), op_(op), opRange_(opRange), lhs_(lhs), rhs_(rhs) {}
  static bool classof(const Node* node) { return node->kind() == NodeKind::BinaryExpr; }

  BinaryOp op() const { return op_; }
  SourceRange opRange() const { return opRange_; }
  const Expr* lhs() const { return lhs_; }
  const Expr* rhs() const { return rhs_; }

private:
  BinaryOp op_;
  SourceRange opRange_;
  const Expr* lhs_;
  const Expr* rhs_;
};

// `responded is set`, `resolved is not set`
class IsSetExpr final : public Expr {
public:
  IsSetExpr(SourceRange range, const Expr* operand, bool negated)
      : Expr(NodeKind::IsSetExpr, range), operand_(operand), negated_(negated) {}
  static bool classof(const Node* node) { return node->kind() == NodeKind::IsSetExpr; }

  const Expr* operand() const { return operand_; }
  bool negated() const { return negated_; }

private:
  const Expr* operand_;
  bool negated_;
};

// `elapsed(opened, responded, office)`, `in(t, office)`, `deadline(...)`
class CallExpr final : public Expr {
public:
  CallExpr(SourceRange range, Identifier callee, std::vector<const Expr*> args)
      : Expr(NodeKind::CallExpr, range), callee_(std::move(callee)), args_(std::move(args)) {}
  static bool classof(const Node* node) { return node->kind() == NodeKind::CallExpr; }

  const Identifier& callee() const { return callee_; }
  const std::vector<const Expr*>& args() const { return args_; }

private:
  Identifier callee_;
  std::vector<const Expr*> args_;
};

// `status_change where status == waiting on ticket == key`, the fourth
// argument of `elapsed`: the clock is paused while the last change of the
// record's key in `stream` met `condition`. `join` is written
// `FIELD == EXPR`, a field of `stream` and a value of the calling record
// (the checker takes it apart).
class PausesExpr final : public Expr {
public:
  PausesExpr(SourceRange range, Identifier stream, const Expr* condition, const Expr* join)
      : Expr(NodeKind::PausesExpr, range), stream_(std::move(stream)), condition_(condition),
        join_(join) {}
  static bool classof(const Node* node) { return node->kind() == NodeKind::PausesExpr; }

  const Identifier& stream() const { return stream_; }
  const Expr* condition() const { return condition_; }
  const Expr* join() const { return join_; }

private:
  Identifier stream_;
  const Expr* condition_;
  const Expr* join_;
};

// The order is plan::AggregateKind's (the checker converts by value).
enum class AggregateFunction : std::uint8_t {
  Count,
  Ratio,
  Sum,
  Mean,
  Min,
  Max,
  Percentile,
  Downtime,
  Uptime
};
const char* aggregateFunctionName(AggregateFunction function);

// `ratio(probe where ok)`, `percentile approx(request.latency, 95)`,
// `mean(slices(5m), ratio(request where status < 500))`: the source is a
// stream, a projection of one (`request.latency`) or slices; `filter` is the
// `where` condition (may be null); `args` are the further arguments.
class AggregateExpr final : public Expr {
public:
  AggregateExpr(SourceRange range, AggregateFunction function, bool approx, const Expr* source,
                const Expr* filter, std::vector<const Expr*> args)
      : Expr(NodeKind::AggregateExpr, range), function_(function), approx_(approx), source_(source),
        filter_(filter), args_(std::move(args)) {}
  static bool classof(const Node* node) { return node->kind() == NodeKind::AggregateExpr; }

  AggregateFunction function() const { return function_; }
  bool approx() const { return approx_; }
  const Expr* source() const { return source_; }
  const Expr* filter() const { return filter_; }
  const std::vector<const Expr*>& args() const { return args_; }

private:
  AggregateFunction function_;
  bool approx_;
  const Expr* source_;
  const Expr* filter_;
  std::vector<const Expr*> args_;
};

// How a slice with no records counts: skipped (default), good or bad.
enum class MissingSlices : std::uint8_t { Skip, Good, Bad };

// `slices(1m)`, `slices(5m) missing good`
class SlicesExpr final : public Expr {
public:
  SlicesExpr(SourceRange range, const Expr* width, MissingSlices missing)
      : Expr(NodeKind::SlicesExpr, range), width_(width), missing_(missing) {}
  static bool classof(const Node* node) { return node->kind() == NodeKind::SlicesExpr; }

  const Expr* width() const { return width_; }
  MissingSlices missing() const { return missing_; }

private:
  const Expr* width_;
  MissingSlices missing_;
};

// One arm of a match: `P1 | P2 => 15m`; the pattern `_` matches anything.
struct MatchArm {
  std::vector<Identifier> patterns;
  const Expr* value;
  SourceRange range;
};

// `match priority { P1 => 15m, P2 => 1h, ... }`
class MatchExpr final : public Expr {
public:
  MatchExpr(SourceRange range, const Expr* subject, std::vector<MatchArm> arms)
      : Expr(NodeKind::MatchExpr, range), subject_(subject), arms_(std::move(arms)) {}
  static bool classof(const Node* node) { return node->kind() == NodeKind::MatchExpr; }

  const Expr* subject() const { return subject_; }
  const std::vector<MatchArm>& arms() const { return arms_; }

private:
  const Expr* subject_;
  std::vector<MatchArm> arms_;
};

} // namespace slac::ast
