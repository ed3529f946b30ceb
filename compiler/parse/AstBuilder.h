#pragma once

// Internal to the parser: builds the AST from an ANTLR parse tree that has
// no syntax errors. Nothing of the tree survives into the AST: text and
// ranges are copied, so the AST outlives the parser.

#include "SlaParser.h"
#include "ast/AstContext.h"
#include "diagnostics/DiagnosticEngine.h"
#include "parse/Parser.h"

namespace slac::parse {

class AstBuilder {
public:
  AstBuilder(const SourceFile& file, ast::AstContext& context, DiagnosticEngine& diagnostics,
             const ParseLimits& limits)
      : file_(file), context_(context), diagnostics_(diagnostics), limits_(limits) {}

  ast::FileAst build(slac_grammar::SlaParser::FileContext* file);

private:
  using P = slac_grammar::SlaParser;

  // Declarations.
  const ast::Decl* declaration(P::DeclarationContext* ctx);
  const ast::Decl* importDecl(P::ImportDeclContext* ctx);
  const ast::Decl* calendarDecl(P::CalendarDeclContext* ctx);
  ast::CalendarItem calendarItem(P::CalendarItemContext* ctx);
  const ast::Decl* holidaysDecl(P::HolidaysDeclContext* ctx);
  const ast::Decl* serviceDecl(P::ServiceDeclContext* ctx);
  const ast::Decl* enumDecl(P::EnumDeclContext* ctx);
  const ast::Decl* streamDecl(P::StreamDeclContext* ctx);
  const ast::Decl* fieldDecl(P::FieldDeclContext* ctx);
  ast::CsvDialectItem csvDialect(P::CsvDialectContext* ctx);
  const ast::Decl* letDecl(P::LetDeclContext* ctx);
  const ast::Decl* metricDecl(P::MetricDeclContext* ctx);
  const ast::Decl* agreementDecl(P::AgreementDeclContext* ctx);
  const ast::RevisionDecl* revisionDecl(P::RevisionDeclContext* ctx);
  // Fills the items, members, acknowledgements and revisions of an
  // agreement or a revision, whose bodies are read alike.
  template <typename Body>
  void agreementItems(const std::vector<P::AgreementItemContext*>& items, Body* body);
  ast::FeeItem feeItem(P::FeeItemContext* ctx, SourceRange where);
  const ast::Decl* objectiveDecl(P::ObjectiveDeclContext* ctx);
  ast::ObjectiveClause objectiveClause(P::ObjectiveClauseContext* ctx);
  const ast::Decl* remedyDecl(P::RemedyDeclContext* ctx);
  ast::RemedyRule remedyRule(P::RemedyRuleContext* ctx);
  ast::Acknowledgement acknowledgement(P::AcknowledgementContext* ctx);
  const ast::Decl* capDecl(P::CapDeclContext* ctx);
  const ast::Decl* terminateDecl(P::TerminateDeclContext* ctx);
  const ast::Decl* testDecl(P::TestDeclContext* ctx);
  ast::TestItem testItem(P::TestItemContext* ctx);
  std::optional<ast::PeriodLiteral> periodLiteral(P::PeriodLiteralContext* ctx);

  // Expressions; `depth` bounds the recursion (see ParseLimits).
  const ast::Expr* expr(P::ExprContext* ctx, std::size_t depth);
  const ast::Expr* primary(P::PrimaryContext* ctx, std::size_t depth);
  const ast::Expr* literal(P::LiteralContext* ctx);
  std::vector<const ast::Expr*> exprs(const std::vector<P::ExprContext*>& list, std::size_t depth);
  std::vector<ast::MatchArm> matchArms(const std::vector<P::MatchArmContext*>& arms,
                                       std::size_t depth);

  // Pieces.
  ast::Identifier ident(P::IdentContext* ctx);
  ast::QualifiedName qualifiedName(P::QualifiedNameContext* ctx);
  ast::StringValue string(antlr4::tree::TerminalNode* node);
  std::optional<ast::StringValue> title(P::TitleContext* ctx);
  ast::WeekdaySet weekdays(P::WeekdaysContext* ctx);
  std::vector<ast::TimeInterval> intervals(const std::vector<P::TimeIntervalContext*>& list);
  ast::CivilDate date(antlr4::tree::TerminalNode* node);
  ast::DateTime dateTime(antlr4::tree::TerminalNode* node);
  std::int64_t duration(antlr4::tree::TerminalNode* node);
  std::int64_t integer(antlr4::tree::TerminalNode* node);
  ast::PeriodUnit periodUnit(P::PeriodUnitContext* ctx);
  ast::NoDataPolicy noDataPolicy(P::NoDataPolicyContext* ctx);

  SourceRange range(antlr4::ParserRuleContext* ctx) const;
  SourceRange range(antlr4::tree::TerminalNode* node) const;
  SourceRange range(const antlr4::Token* token) const;
  std::string_view text(antlr4::tree::TerminalNode* node) const;
  std::string_view text(const antlr4::Token* token) const;

  template <typename T> T* make(SourceRange range) { return context_.make<T>(range); }

  const SourceFile& file_;
  ast::AstContext& context_;
  DiagnosticEngine& diagnostics_;
  const ParseLimits& limits_;
  bool depthReported_ = false;
};

} // namespace slac::parse
