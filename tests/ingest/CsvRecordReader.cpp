#include "CsvRecordReader.h"

#include <fmt/format.h>

namespace slac::testing {

namespace {

constexpr int kEnd = std::char_traits<char>::eof();

bool continuesCodePoint(int c) {
  return (c & 0xC0) == 0x80;
}

} // namespace

int CsvRecordReader::get() {
  int c = input_.sbumpc();
  if (c == kEnd)
    return c;
  ++rawLength_;
  if (rawLength_ <= kLongestRecord)
    raw_ += static_cast<char>(c);
  // A CR ends a line unless an LF follows (then the LF does).
  if (c == '\n' || (c == '\r' && peek() != '\n')) {
    ++line_;
    column_ = 1;
  } else if (!continuesCodePoint(c)) {
    ++column_;
  }
  return c;
}

void CsvRecordReader::skipRestOfLine() {
  for (int c = peek(); c != kEnd && !atLineEnd(c); c = peek())
    get();
  if (get() == '\r' && peek() == '\n')
    get();
}

CsvRecordReader::Result CsvRecordReader::next(CsvRecord& record, Problem& problem) {
  if (!started_) {
    started_ = true;
    if (peek() == 0xEF) {
      // A UTF-8 byte order mark is not part of the first cell.
      get();
      if (get() != 0xBB || get() != 0xBF) {
        problem = {"the file starts with an invalid byte order mark", 1, 1, false};
        skipRestOfLine();
        return Result::Malformed;
      }
      column_ = 1;
    }
  }
  // Blank lines separate nothing.
  while (atLineEnd(peek()))
    get();
  raw_.clear();
  rawLength_ = 0;
  record.cells.clear();
  record.columns.clear();
  record.line = line_;
  if (peek() == kEnd)
    return Result::End;
  auto keptRaw = [&] {
    std::string raw = rawLength_ > kLongestRecord ? raw_.substr(0, kKeptOfRawRecord) : raw_;
    while (!raw.empty() && atLineEnd(raw.back()))
      raw.pop_back();
    return raw;
  };
  auto malformed = [&](std::string why) {
    problem = {std::move(why), record.line, column_, false};
    skipRestOfLine();
    record.raw = keptRaw();
    return Result::Malformed;
  };
  auto refused = [&](std::string why, std::uint64_t line, std::uint64_t column) {
    problem = {std::move(why), line, column, true};
    record.raw = keptRaw();
    return Result::Malformed;
  };
  std::string cell;
  while (true) {
    std::uint64_t cellColumn = column_;
    cell.clear();
    if (peek() == '"') {
      std::uint64_t openLine = line_;
      std::uint64_t openColumn = column_;
      get();
      int previous = '"';
      while (true) {
        int c = get();
        if (c == kEnd) {
          // On the last line, only that record is lost; over several, the
          // records of every line after the quote are.
          std::uint64_t lastLine = atLineEnd(previous) ? line_ - 1 : line_;
          if (lastLine == openLine)
            return malformed("a quoted cell is not closed: a `\"` is missing");
          return refused("this quote is never closed: every line after it up to the end of "
                         "the file would be one cell; a `\"` is missing or stray",
                         openLine, openColumn);
        }
        previous = c;
        if (c == '"') {
          if (peek() != '"')
            break;
          get();
        }
        if (rawLength_ <= kLongestRecord)
          cell += static_cast<char>(c);
      }
      int after = peek();
      if (after != separator_ && !atLineEnd(after) && after != kEnd) {
        if (line_ != openLine)
          return refused(fmt::format("the quoted cell opened here spans lines {} to {} and then "
                                     "goes on after its closing `\"`; a `\"` is missing or "
                                     "stray, so the records of these lines cannot be told apart",
                                     openLine, line_),
                         openLine, openColumn);
        return malformed(fmt::format("a quoted cell must end at a {} or the end of the line",
                                     separatorSpelling()));
      }
    } else {
      for (int c = peek(); c != separator_ && !atLineEnd(c) && c != kEnd; c = peek()) {
        if (c == '"')
          return malformed("a `\"` inside an unquoted cell; quote the cell and double the `\"`");
        get();
        if (rawLength_ <= kLongestRecord)
          cell += static_cast<char>(c);
      }
    }
    // A record too long keeps no cells, however many it goes on to have.
    if (rawLength_ <= kLongestRecord) {
      record.cells.push_back(cell);
      record.columns.push_back(cellColumn);
    }
    int c = get();
    if (c == separator_)
      continue;
    if (c == '\r' && peek() == '\n')
      get();
    break;
  }
  record.raw = keptRaw();
  if (rawLength_ > kLongestRecord) {
    problem = {
        fmt::format("the record is longer than 1 MiB ({} bytes); it is skipped whole", rawLength_),
        record.line, 1, false};
    return Result::Malformed;
  }
  return Result::Record;
}

} // namespace slac::testing
