#include "format/Formatter.h"

#include "parse/Parser.h"

#include <algorithm>
#include <optional>
#include <vector>

namespace slac::format {

namespace {

using parse::LayoutToken;
using Kind = LayoutToken::Kind;
using Role = LayoutToken::Role;

constexpr unsigned kIndentWidth = 2;
// Spaces between code and the comment that trails it, at the least.
constexpr std::size_t kTrailingCommentGap = 2;

bool isBlank(char c) {
  return c == ' ' || c == '\t' || c == '\f' || c == '\r';
}

// A token's text as the layout writes it: the blanks inside a money amount
// (`2400.00   EUR`) become one space, those at the ends of a comment's lines
// go; strings and everything else stay as they are.
std::string canonicalText(const LayoutToken& token) {
  std::string text;
  if (token.kind == Kind::Code && token.text.starts_with('"'))
    return std::string(token.text);
  if (token.kind == Kind::Code) {
    for (char c : token.text)
      if (!isBlank(c))
        text += c;
      else if (text.empty() || text.back() != ' ')
        text += ' ';
    return text;
  }
  std::size_t lineStart = 0;
  while (true) {
    std::size_t lineEnd = token.text.find('\n', lineStart);
    std::string_view line =
        token.text.substr(lineStart, lineEnd == std::string_view::npos ? std::string_view::npos
                                                                       : lineEnd - lineStart);
    while (!line.empty() && isBlank(line.back()))
      line.remove_suffix(1);
    text += line;
    if (lineEnd == std::string_view::npos)
      return text;
    text += '\n';
    lineStart = lineEnd + 1;
  }
}

bool is(const LayoutToken& token, std::string_view text) {
  return token.kind == Kind::Code && token.text == text;
}

bool isOpener(const LayoutToken& token) {
  return is(token, "{") || is(token, "(");
}
bool isCloser(const LayoutToken& token) {
  return is(token, "}") || is(token, ")");
}

// The `-` of `mon-fri`, `08:00-12:00` and `2026-Q1`.
bool isRangeDash(const LayoutToken& token) {
  return is(token, "-") && token.role == Role::Plain;
}

// Tokens that belong at the end of the line before them rather than at the
// start of one.
bool attachesToPrevious(const LayoutToken& token) {
  return is(token, ",") || is(token, ";") || is(token, ")") || is(token, ":") || is(token, "?") ||
         is(token, ".") || is(token, "{") || token.role == Role::CallParen || isRangeDash(token);
}

// Tokens the next one follows on the same line.
bool attachesToNext(const LayoutToken& token) {
  return is(token, ".") || token.role == Role::PrefixOperator || isRangeDash(token);
}

bool spaceBetween(const LayoutToken& previous, const LayoutToken& token) {
  if (previous.kind != Kind::Code || token.kind != Kind::Code)
    return true;
  if (attachesToPrevious(token) && !is(token, "{"))
    return false;
  if (is(previous, "(") || attachesToNext(previous))
    return false;
  return !(previous.role == Role::BlockOpen && token.role == Role::BlockClose);
}

enum class Break { None, Space, Line, BlankLine };

struct Line {
  unsigned indent = 0;
  std::string code;
  // A `//` comment after the code, aligned with those of the lines around.
  std::string trailingComment;
};

struct Frame {
  // Braces around items, braces around a comma-separated list, parentheses.
  enum class Kind { Block, List, Parens };
  Kind kind;
  unsigned openerLineIndent;
  unsigned contentIndent() const { return openerLineIndent + kIndentWidth; }
};

class Layout {
public:
  explicit Layout(const std::vector<LayoutToken>& tokens)
      : tokens_(tokens), nextCode_(tokens.size() + 1, tokens.size()) {
    for (std::size_t index = tokens.size(); index-- > 0;)
      nextCode_[index] = tokens[index].kind == Kind::Code ? index : nextCode_[index + 1];
  }

  std::string run() {
    for (std::size_t index = 0; index < tokens_.size(); ++index)
      place(index);
    return render();
  }

private:
  Break breakBefore(std::size_t index) const {
    const LayoutToken& token = tokens_[index];
    if (index == 0)
      return Break::None;
    const LayoutToken& previous = tokens_[index - 1];
    bool onNewLine = false;
    if (previous.kind == Kind::LineComment)
      onNewLine = true;
    else if (token.kind != Kind::Code)
      onNewLine = token.lineBreaksBefore > 0;
    else if (token.role == Role::ItemStart)
      onNewLine = true;
    else if (previous.role == Role::BlockOpen)
      onNewLine = token.role != Role::BlockClose;
    else if (token.role == Role::BlockClose)
      onNewLine = true;
    else
      onNewLine = token.lineBreaksBefore > 0 && !attachesToPrevious(token) &&
                  !(previous.kind == Kind::Code && attachesToNext(previous));
    if (!onNewLine)
      return spaceBetween(previous, token) ? Break::Space : Break::None;
    bool blankAllowed = previous.role != Role::BlockOpen && !isCloser(token);
    return token.lineBreaksBefore >= 2 && blankAllowed ? Break::BlankLine : Break::Line;
  }

  // The indentation of a line that starts with this code token.
  unsigned indentFor(const LayoutToken& token) const {
    if (frames_.empty())
      return token.role == Role::ItemStart || lastCode_ == nullptr ? 0 : kIndentWidth;
    const Frame& frame = frames_.back();
    if (isCloser(token))
      return frame.openerLineIndent;
    // Inside parentheses every line is a continuation already.
    bool startsElement = token.role == Role::ItemStart || isOpener(*lastCode_) ||
                         frame.kind == Frame::Kind::Parens ||
                         (frame.kind == Frame::Kind::List && is(*lastCode_, ","));
    return frame.contentIndent() + (startsElement ? 0 : kIndentWidth);
  }

  // A comment on a line of its own is indented as the code after it.
  unsigned indentForComment(std::size_t index) const {
    std::size_t next = nextCode_[index + 1];
    if (next == tokens_.size() || isCloser(tokens_[next]))
      return frames_.empty() ? 0 : frames_.back().contentIndent();
    return indentFor(tokens_[next]);
  }

  void place(std::size_t index) {
    const LayoutToken& token = tokens_[index];
    Break separator = breakBefore(index);
    if (separator == Break::BlankLine)
      lines_.emplace_back();
    if (lines_.empty() || separator == Break::Line || separator == Break::BlankLine) {
      Line line;
      line.indent = token.kind == Kind::Code ? indentFor(token) : indentForComment(index);
      lines_.push_back(std::move(line));
    } else if (separator == Break::Space) {
      lines_.back().code += ' ';
    }
    Line& line = lines_.back();
    bool trails = token.kind == Kind::LineComment && !line.code.empty();
    if (trails) {
      while (!line.code.empty() && line.code.back() == ' ')
        line.code.pop_back();
      line.trailingComment = canonicalText(token);
    } else {
      line.code += canonicalText(token);
    }
    if (token.kind != Kind::Code)
      return;
    if (isCloser(token) && !frames_.empty())
      frames_.pop_back();
    if (isOpener(token))
      frames_.push_back({is(token, "(")                  ? Frame::Kind::Parens
                         : token.role == Role::BlockOpen ? Frame::Kind::Block
                                                         : Frame::Kind::List,
                         line.indent});
    lastCode_ = &token;
  }

  static std::size_t displayWidth(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
  }

  static bool alignable(const Line& line) {
    return !line.trailingComment.empty() && line.code.find('\n') == std::string::npos;
  }

  std::string render() const {
    std::string out;
    for (std::size_t begin = 0; begin < lines_.size();) {
      // A run of consecutive lines with trailing comments and the same
      // indentation shares one column.
      std::size_t end = begin + 1;
      std::size_t column = 0;
      if (alignable(lines_[begin])) {
        while (end < lines_.size() && alignable(lines_[end]) &&
               lines_[end].indent == lines_[begin].indent)
          ++end;
        for (std::size_t index = begin; index < end; ++index)
          column = std::max(column, lines_[index].indent + displayWidth(lines_[index].code));
        column += kTrailingCommentGap;
      }
      for (std::size_t index = begin; index < end; ++index) {
        const Line& line = lines_[index];
        if (line.code.empty() && line.trailingComment.empty()) {
          out += '\n';
          continue;
        }
        out.append(line.indent, ' ');
        out += line.code;
        if (!line.trailingComment.empty()) {
          // After a block comment of several lines: no column to align with.
          std::size_t gap = alignable(line) ? column - line.indent - displayWidth(line.code)
                                            : kTrailingCommentGap;
          out.append(gap, ' ');
          out += line.trailingComment;
        }
        out += '\n';
      }
      begin = end;
    }
    return out;
  }

  const std::vector<LayoutToken>& tokens_;
  // The index of the first code token from an index on (size: none).
  std::vector<std::size_t> nextCode_;
  std::vector<Line> lines_;
  std::vector<Frame> frames_;
  const LayoutToken* lastCode_ = nullptr;
};

// The formatted file must have the tokens of the original, as the layout
// writes them, in the same roles.
bool sameTokens(const std::vector<LayoutToken>& before, const std::vector<LayoutToken>& after) {
  return std::equal(before.begin(), before.end(), after.begin(), after.end(),
                    [](const LayoutToken& a, const LayoutToken& b) {
                      return a.kind == b.kind && a.role == b.role && canonicalText(a) == b.text;
                    });
}

} // namespace

FormatResult formatFile(const SourceFile& file, DiagnosticEngine& diagnostics) {
  std::optional<std::vector<LayoutToken>> tokens = parse::layoutTokens(file, diagnostics);
  if (!tokens)
    return {FormatResult::Status::NotParsed, {}};
  std::string text = Layout(*tokens).run();

  SourceFile formatted(file.name(), text, file.base());
  DiagnosticEngine reparseDiagnostics;
  std::optional<std::vector<LayoutToken>> reparsed =
      parse::layoutTokens(formatted, reparseDiagnostics);
  if (!reparsed || !sameTokens(*tokens, *reparsed))
    return {FormatResult::Status::Unsafe, {}};
  return {FormatResult::Status::Formatted, std::move(text)};
}

} // namespace slac::format
