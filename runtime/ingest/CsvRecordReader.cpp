#include "ingest/CsvRecordReader.h"

namespace slac::ingest {

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
  raw_ += static_cast<char>(c);
  if (c == '\n') {
    ++line_;
    column_ = 1;
  } else if (!continuesCodePoint(c)) {
    ++column_;
  }
  return c;
}

void CsvRecordReader::skipRestOfLine() {
  for (int c = get(); c != kEnd && c != '\n'; c = get()) {
  }
}

CsvRecordReader::Result CsvRecordReader::next(CsvRecord& record, std::string& problem,
                                              std::uint64_t& problemColumn) {
  if (!started_) {
    started_ = true;
    if (peek() == 0xEF) {
      // A UTF-8 byte order mark is not part of the first cell.
      get();
      if (get() != 0xBB || get() != 0xBF) {
        problem = "the file starts with an invalid byte order mark";
        problemColumn = 1;
        skipRestOfLine();
        return Result::Malformed;
      }
      column_ = 1;
    }
  }
  // Blank lines separate nothing.
  while (peek() == '\n' || peek() == '\r')
    get();
  raw_.clear();
  record.cells.clear();
  record.columns.clear();
  record.line = line_;
  if (peek() == kEnd)
    return Result::End;
  auto malformed = [&](std::string why) {
    problem = std::move(why);
    problemColumn = column_;
    if (raw_.empty() || raw_.back() != '\n')
      skipRestOfLine();
    record.raw = raw_;
    return Result::Malformed;
  };
  std::string cell;
  while (true) {
    record.columns.push_back(column_);
    cell.clear();
    if (peek() == '"') {
      get();
      while (true) {
        int c = get();
        if (c == kEnd)
          return malformed("a quoted cell is not closed: a `\"` is missing");
        if (c == '"') {
          if (peek() != '"')
            break;
          get();
        }
        cell += static_cast<char>(c);
        if (raw_.size() > kLongestRecord)
          return malformed("the record is longer than 1 MiB");
      }
      int after = peek();
      if (after != ',' && after != '\n' && after != '\r' && after != kEnd)
        return malformed("a quoted cell must end at a `,` or the end of the line");
    } else {
      for (int c = peek(); c != ',' && c != '\n' && c != '\r' && c != kEnd; c = peek()) {
        if (c == '"')
          return malformed("a `\"` inside an unquoted cell; quote the cell and double the `\"`");
        cell += static_cast<char>(get());
        if (raw_.size() > kLongestRecord)
          return malformed("the record is longer than 1 MiB");
      }
    }
    record.cells.push_back(cell);
    int c = get();
    if (c == ',')
      continue;
    if (c == '\r' && peek() == '\n')
      get();
    else if (c == '\r')
      return malformed("a carriage return must be followed by a line feed");
    break;
  }
  record.raw = raw_;
  while (!record.raw.empty() && (record.raw.back() == '\n' || record.raw.back() == '\r'))
    record.raw.pop_back();
  return Result::Record;
}

} // namespace slac::ingest
