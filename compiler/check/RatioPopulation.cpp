#include "check/RatioPopulation.h"

#include <fmt/format.h>
#include <utility>
#include <vector>

namespace slac::check {

namespace {

using plan::ExprKind;

// One part of a top-level `and` chain: as written and as checked.
using Conjunct = std::pair<const ast::Expr*, const plan::Expr*>;

void flattenAnd(const ast::Expr* source, const plan::Expr* typed, std::vector<Conjunct>& parts) {
  const auto* binary = dyn_cast<ast::BinaryExpr>(source);
  if (binary && binary->op() == ast::BinaryOp::And && typed->kind == ExprKind::And) {
    flattenAnd(binary->lhs(), typed->operands[0], parts);
    flattenAnd(binary->rhs(), typed->operands[1], parts);
    return;
  }
  parts.emplace_back(source, typed);
}

// `severity == urgent`, `channel != phone`, `priority == P1 or priority ==
// P2`: a part that only chooses records by an enum case.
bool picksEnumCases(const plan::Expr& typed) {
  switch (typed.kind) {
  case ExprKind::Eq:
  case ExprKind::Ne:
    return typed.operands[0]->type.is(plan::TypeKind::Enum) &&
           (typed.operands[0]->kind == ExprKind::Constant ||
            typed.operands[1]->kind == ExprKind::Constant);
  case ExprKind::Or:
    return picksEnumCases(*typed.operands[0]) && picksEnumCases(*typed.operands[1]);
  default:
    return false;
  }
}

std::string_view sourceText(const PlanState& state, SourceRange range) {
  const SourceFile* file = state.sources.fileContaining(range.begin);
  if (!file || range.end.offset < range.begin.offset)
    return {};
  return file->text().substr(range.begin.offset - file->base(),
                             range.end.offset - range.begin.offset);
}

// The parts joined by `and` as they were written; an `or` gets its
// parentheses back (the AST keeps none), since `and` binds tighter.
std::string joined(const PlanState& state, const std::vector<Conjunct>& parts) {
  std::string text;
  for (const auto& [source, typed] : parts) {
    if (!text.empty())
      text += " and ";
    std::string_view written = sourceText(state, source->range());
    if (parts.size() > 1 && typed->kind == ExprKind::Or)
      text += fmt::format("({})", written);
    else
      text += written;
  }
  return text;
}

// For the message: on one line.
std::string oneLine(std::string_view text) {
  std::string line;
  for (char c : text) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space)
      line += c;
    else if (!line.empty() && line.back() != ' ')
      line += ' ';
  }
  return line;
}

} // namespace

void warnRatioOverWholeStream(PlanState& state, std::string_view stream, const ast::Expr& condition,
                              const plan::Expr& typed) {
  std::vector<Conjunct> parts;
  flattenAnd(&condition, &typed, parts);
  std::vector<Conjunct> population;
  std::vector<Conjunct> rest;
  for (const Conjunct& part : parts)
    (picksEnumCases(*part.second) ? population : rest).push_back(part);
  if (population.empty() || rest.empty())
    return;
  std::string populationText = joined(state, population);
  std::string restText = joined(state, rest);
  state
      .report(DiagnosticKind::RatioOverWholeStream, condition.range(), stream,
              oneLine(populationText), oneLine(restText))
      .fixIt(condition.range(), fmt::format("{}, {}", populationText, restText));
}

} // namespace slac::check
