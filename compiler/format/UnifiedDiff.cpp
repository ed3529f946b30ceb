#include "format/UnifiedDiff.h"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace slac::format {

namespace {

constexpr std::size_t kContextLines = 3;
// Beyond this many cells the middle of two texts is shown as one
// replacement instead of searched for a longest common subsequence.
constexpr std::size_t kMaxTableCells = 16u << 20;

std::vector<std::string_view> linesOf(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::size_t length = end == std::string_view::npos ? text.size() : end + 1;
    lines.push_back(text.substr(0, length));
    text.remove_prefix(length);
  }
  return lines;
}

enum class Op { Keep, Remove, Add };

struct Edit {
  Op op;
  std::string_view line;
};

// The edits that turn `before` into `after`: common ends kept, the middle
// by longest common subsequence.
std::vector<Edit> editsBetween(const std::vector<std::string_view>& before,
                               const std::vector<std::string_view>& after) {
  std::size_t prefix = 0;
  while (prefix < before.size() && prefix < after.size() && before[prefix] == after[prefix])
    ++prefix;
  std::size_t suffix = 0;
  while (suffix < before.size() - prefix && suffix < after.size() - prefix &&
         before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix])
    ++suffix;
  std::size_t rows = before.size() - prefix - suffix;
  std::size_t columns = after.size() - prefix - suffix;

  std::vector<Edit> edits;
  for (std::size_t index = 0; index < prefix; ++index)
    edits.push_back({Op::Keep, before[index]});
  if ((rows + 1) * (columns + 1) > kMaxTableCells) {
    for (std::size_t row = 0; row < rows; ++row)
      edits.push_back({Op::Remove, before[prefix + row]});
    for (std::size_t column = 0; column < columns; ++column)
      edits.push_back({Op::Add, after[prefix + column]});
  } else {
    // common[r][c]: the longest common subsequence of the rows from r and
    // the columns from c.
    std::vector<std::size_t> common((rows + 1) * (columns + 1), 0);
    auto at = [&](std::size_t row, std::size_t column) -> std::size_t& {
      return common[row * (columns + 1) + column];
    };
    for (std::size_t row = rows; row-- > 0;)
      for (std::size_t column = columns; column-- > 0;)
        at(row, column) = before[prefix + row] == after[prefix + column]
                              ? at(row + 1, column + 1) + 1
                              : std::max(at(row + 1, column), at(row, column + 1));
    std::size_t row = 0;
    std::size_t column = 0;
    while (row < rows || column < columns) {
      if (row < rows && column < columns && before[prefix + row] == after[prefix + column]) {
        edits.push_back({Op::Keep, before[prefix + row]});
        ++row;
        ++column;
      } else if (column == columns || (row < rows && at(row + 1, column) >= at(row, column + 1))) {
        edits.push_back({Op::Remove, before[prefix + row++]});
      } else {
        edits.push_back({Op::Add, after[prefix + column++]});
      }
    }
  }
  for (std::size_t index = before.size() - suffix; index < before.size(); ++index)
    edits.push_back({Op::Keep, before[index]});
  return edits;
}

// `@@ -start,count +start,count @@` with diff's conventions: an empty side
// starts at the line before it.
std::string hunkRange(std::size_t firstLine, std::size_t count) {
  std::size_t start = count == 0 ? firstLine - 1 : firstLine;
  return std::to_string(start) + "," + std::to_string(count);
}

} // namespace

std::string unifiedDiff(std::string_view before, std::string_view after,
                        std::string_view beforeName, std::string_view afterName) {
  if (before == after)
    return {};
  std::vector<Edit> edits = editsBetween(linesOf(before), linesOf(after));

  std::string out;
  out.append("--- ").append(beforeName).append("\n");
  out.append("+++ ").append(afterName).append("\n");
  std::size_t index = 0;
  // Line numbers (1-based) in both texts of edits[index].
  std::size_t beforeLine = 1;
  std::size_t afterLine = 1;
  while (index < edits.size()) {
    if (edits[index].op == Op::Keep) {
      ++index;
      ++beforeLine;
      ++afterLine;
      continue;
    }
    // A hunk: context before, then changes until more than twice the
    // context of unchanged lines separates them from the next change.
    std::size_t lead = std::min(kContextLines, index);
    std::size_t begin = index - lead;
    std::size_t hunkBeforeLine = beforeLine - lead;
    std::size_t hunkAfterLine = afterLine - lead;
    std::size_t end = index;
    std::size_t unchangedRun = 0;
    for (std::size_t scan = index; scan < edits.size(); ++scan) {
      if (edits[scan].op != Op::Keep) {
        end = scan + 1;
        unchangedRun = 0;
      } else if (++unchangedRun > 2 * kContextLines) {
        break;
      }
    }
    end = std::min(edits.size(), end + kContextLines);
    std::size_t beforeCount = 0;
    std::size_t afterCount = 0;
    std::string body;
    for (std::size_t edit = begin; edit < end; ++edit) {
      char mark = edits[edit].op == Op::Keep ? ' ' : edits[edit].op == Op::Remove ? '-' : '+';
      beforeCount += edits[edit].op != Op::Add;
      afterCount += edits[edit].op != Op::Remove;
      body += mark;
      body += edits[edit].line;
      if (body.back() != '\n')
        body += "\n\\ No newline at end of file\n";
    }
    out += "@@ -" + hunkRange(hunkBeforeLine, beforeCount) + " +" +
           hunkRange(hunkAfterLine, afterCount) + " @@\n";
    out += body;
    for (; index < end; ++index) {
      beforeLine += edits[index].op != Op::Add;
      afterLine += edits[index].op != Op::Remove;
    }
  }
  return out;
}

} // namespace slac::format
