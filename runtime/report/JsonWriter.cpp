#include "report/JsonWriter.h"

#include <charconv>
#include <nlohmann/json.hpp>

namespace slac::report {

void JsonWriter::beginItem() {
  if (levels_.empty())
    return;
  Level& level = levels_.back();
  out_ += level.empty ? "\n" : ",\n";
  level.empty = false;
  out_.append(2 * levels_.size(), ' ');
}

void JsonWriter::beginValue() {
  // A member's value follows its key on the same line.
  if (afterKey_)
    afterKey_ = false;
  else
    beginItem();
}

void JsonWriter::open(char bracket) {
  beginValue();
  out_ += bracket;
  levels_.push_back({});
}

void JsonWriter::close(char bracket) {
  bool empty = levels_.back().empty;
  levels_.pop_back();
  if (!empty) {
    out_ += '\n';
    out_.append(2 * levels_.size(), ' ');
  }
  out_ += bracket;
}

void JsonWriter::beginObject() {
  open('{');
}

void JsonWriter::beginArray() {
  open('[');
}

void JsonWriter::endObject() {
  close('}');
}

void JsonWriter::endArray() {
  close(']');
}

JsonWriter& JsonWriter::key(std::string_view name) {
  beginItem();
  quoted(name);
  out_ += ": ";
  afterKey_ = true;
  return *this;
}

void JsonWriter::string(std::string_view text) {
  beginValue();
  quoted(text);
}

void JsonWriter::number(std::int64_t value) {
  beginValue();
  char digits[24];
  auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
  out_ += std::string_view(digits, end);
}

void JsonWriter::number(std::uint64_t value) {
  beginValue();
  char digits[24];
  auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
  out_ += std::string_view(digits, end);
}

void JsonWriter::boolean(bool value) {
  beginValue();
  out_ += value ? "true" : "false";
}

void JsonWriter::null() {
  beginValue();
  out_ += "null";
}

void JsonWriter::quoted(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) {
      // Ingestion lets only UTF-8 text through; should anything else reach
      // a report, it shows as U+FFFD instead of aborting the run, as
      // nlohmann::json replaces it (whose rules for where a bad sequence
      // ends are the ones kept).
      out_ += nlohmann::json(std::string(text))
                  .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return;
    }
  out_ += '"';
  for (char c : text) {
    switch (c) {
    case '"':
      out_ += "\\\"";
      break;
    case '\\':
      out_ += "\\\\";
      break;
    case '\b':
      out_ += "\\b";
      break;
    case '\t':
      out_ += "\\t";
      break;
    case '\n':
      out_ += "\\n";
      break;
    case '\f':
      out_ += "\\f";
      break;
    case '\r':
      out_ += "\\r";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        constexpr char kHex[] = "0123456789abcdef";
        out_ += "\\u00";
        out_ += kHex[(c >> 4) & 0xF];
        out_ += kHex[c & 0xF];
      } else {
        out_ += c;
      }
    }
  }
  out_ += '"';
}

void JsonWriter::finish() {
  out_ += '\n';
  out_.flush();
}

} // namespace slac::report
