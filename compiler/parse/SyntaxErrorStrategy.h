#pragma once

// Internal to the parser: ANTLR's recovery with reports in the language's
// own words, sent to the DiagnosticEngine, and a cap on recovery.

#include "diagnostics/DiagnosticEngine.h"
#include "source/SourceManager.h"

#include <antlr4-runtime.h>

namespace slac::parse {

// Thrown (and caught inside the parser) to stop parsing early.
struct ParsingAbandoned {};

class SyntaxErrorStrategy : public antlr4::DefaultErrorStrategy {
public:
  SyntaxErrorStrategy(const SourceFile& file, DiagnosticEngine& diagnostics)
      : file_(file), diagnostics_(diagnostics) {}

  std::size_t errorCount() const { return errors_; }

  void recover(antlr4::Parser* parser, std::exception_ptr error) override;
  antlr4::Token* recoverInline(antlr4::Parser* parser) override;

protected:
  void reportNoViableAlternative(antlr4::Parser* parser,
                                 const antlr4::NoViableAltException& error) override;
  void reportInputMismatch(antlr4::Parser* parser,
                           const antlr4::InputMismatchException& error) override;
  void reportFailedPredicate(antlr4::Parser* parser,
                             const antlr4::FailedPredicateException& error) override;
  void reportUnwantedToken(antlr4::Parser* parser) override;
  void reportMissingToken(antlr4::Parser* parser) override;

private:
  void unexpected(antlr4::Parser* parser, const antlr4::Token& token,
                  const antlr4::misc::IntervalSet& expected);
  // At end of file with a `}` or `)` among the expected tokens, the error is
  // the unclosed bracket: report it with its opener. False if not the case.
  bool reportUnclosed(antlr4::Parser* parser, const antlr4::Token& token,
                      const antlr4::misc::IntervalSet& expected);
  // The `{` or `(` that a missing `}` or `)` would close.
  const antlr4::Token* unmatchedOpener(antlr4::Parser* parser, std::size_t closer) const;
  SourceRange rangeOf(const antlr4::Token& token) const;
  // Where a missing token belongs: just after the previous visible token.
  SourceRange insertionPoint(antlr4::Parser* parser) const;
  void checkProgress();

  const SourceFile& file_;
  DiagnosticEngine& diagnostics_;
  std::size_t errors_ = 0;
  std::size_t recoveries_ = 0;
};

} // namespace slac::parse
