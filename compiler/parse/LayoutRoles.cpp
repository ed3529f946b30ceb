#include "parse/LayoutRoles.h"

namespace slac::parse {

namespace {

using slac_grammar::SlaLexer;
using slac_grammar::SlaParser;
using Role = LayoutToken::Role;

// Braces around comma-separated elements rather than items: the elements
// may share a line, as in `enum Priority { P1, P2 }` or a `match`.
bool bracesAroundList(antlr4::ParserRuleContext* context) {
  return dynamic_cast<SlaParser::EnumDeclContext*>(context) != nullptr ||
         dynamic_cast<SlaParser::MatchPrimaryContext*>(context) != nullptr ||
         dynamic_cast<SlaParser::FeeByClassContext*>(context) != nullptr;
}

bool isTerminal(antlr4::tree::ParseTree* node, std::size_t tokenType) {
  auto* terminal = dynamic_cast<antlr4::tree::TerminalNode*>(node);
  return terminal != nullptr && terminal->getSymbol()->getType() == tokenType;
}

void markItems(antlr4::ParserRuleContext* context, std::vector<Role>& roles) {
  bool topLevel = dynamic_cast<SlaParser::FileContext*>(context) != nullptr;
  bool insideBraces = false;
  for (antlr4::tree::ParseTree* child : context->children) {
    if (!topLevel && isTerminal(child, SlaLexer::LBRACE)) {
      roles[dynamic_cast<antlr4::tree::TerminalNode*>(child)->getSymbol()->getTokenIndex()] =
          Role::BlockOpen;
      insideBraces = true;
    } else if (!topLevel && isTerminal(child, SlaLexer::RBRACE)) {
      roles[dynamic_cast<antlr4::tree::TerminalNode*>(child)->getSymbol()->getTokenIndex()] =
          Role::BlockClose;
      insideBraces = false;
    } else if (auto* item = dynamic_cast<antlr4::ParserRuleContext*>(child);
               item != nullptr && (topLevel || insideBraces) && item->getStart() != nullptr) {
      roles[item->getStart()->getTokenIndex()] = Role::ItemStart;
    }
  }
}

void markOperators(antlr4::ParserRuleContext* context, std::vector<Role>& roles) {
  bool inExpression = dynamic_cast<SlaParser::ExprContext*>(context) != nullptr;
  for (std::size_t index = 0; index < context->children.size(); ++index) {
    auto* terminal = dynamic_cast<antlr4::tree::TerminalNode*>(context->children[index]);
    if (terminal == nullptr)
      continue;
    std::size_t type = terminal->getSymbol()->getType();
    std::size_t tokenIndex = terminal->getSymbol()->getTokenIndex();
    if (type == SlaLexer::MINUS && inExpression)
      roles[tokenIndex] = index == 0 ? Role::PrefixOperator : Role::InfixOperator;
    else if (type == SlaLexer::LPAREN && index > 0)
      roles[tokenIndex] = Role::CallParen;
  }
}

} // namespace

std::vector<LayoutToken> layoutTokensOf(const SourceFile& file, antlr4::CommonTokenStream& tokens,
                                        SlaParser::FileContext* tree) {
  std::vector<Role> roles(tokens.size(), Role::Plain);
  // Iterative: expression trees may be deeper than the stack allows.
  std::vector<antlr4::ParserRuleContext*> pending{tree};
  while (!pending.empty()) {
    antlr4::ParserRuleContext* context = pending.back();
    pending.pop_back();
    markOperators(context, roles);
    bool listBraces = bracesAroundList(context);
    if (!listBraces)
      markItems(context, roles);
    for (antlr4::tree::ParseTree* child : context->children)
      if (auto* rule = dynamic_cast<antlr4::ParserRuleContext*>(child))
        pending.push_back(rule);
  }

  std::vector<LayoutToken> layout;
  unsigned lineBreaks = 0;
  for (antlr4::Token* token : tokens.getTokens()) {
    std::size_t type = token->getType();
    if (type == antlr4::Token::EOF)
      break;
    if (type == SlaLexer::NEWLINE) {
      ++lineBreaks;
      continue;
    }
    if (type == SlaLexer::SPACE)
      continue;
    LayoutToken::Kind kind = type == SlaLexer::LINE_COMMENT    ? LayoutToken::Kind::LineComment
                             : type == SlaLexer::BLOCK_COMMENT ? LayoutToken::Kind::BlockComment
                                                               : LayoutToken::Kind::Code;
    std::size_t begin = token->getStartIndex();
    std::size_t end = token->getStopIndex() + 1;
    layout.push_back(
        {kind, roles[token->getTokenIndex()], file.text().substr(begin, end - begin), lineBreaks});
    lineBreaks = 0;
  }
  return layout;
}

} // namespace slac::parse
