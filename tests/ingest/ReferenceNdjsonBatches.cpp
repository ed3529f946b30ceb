#include "ReferenceNdjsonBatches.h"

#include "NdjsonLineReader.h"
#include "ingest/FieldValue.h"
#include "ingest/NdjsonObject.h"

#include <fmt/format.h>
#include <optional>
#include <utf8.h>

namespace slac::testing {

namespace {

using ingest::DataError;

std::uint64_t codePointsIn(std::string_view text) {
  std::uint64_t count = 0;
  for (char c : text)
    count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

std::uint64_t columnOfKey(std::string_view line, std::size_t offset) {
  return offset == std::string_view::npos ? 1 : codePointsIn(line.substr(0, offset)) + 1;
}

class Reference {
public:
  Reference(const plan::Program& program, std::uint32_t stream, std::istream& input,
            std::string fileName)
      : program_(program), stream_(program.streams[stream]), file_(std::move(fileName)),
        lines_(input) {
    for (const plan::Field& field : stream_.fields) {
      std::optional<ingest::FieldSpelling> spelling =
          ingest::prepareSpelling(field, '.', spellingError_);
      if (!spelling)
        break;
      spellings_.push_back(std::move(*spelling));
    }
  }

  void readAll(ReadOutcome& outcome, std::size_t keptRows) {
    outcome.rows.columns.resize(stream_.fields.size());
    if (!spellingError_.empty()) {
      outcome.errors.push_back(rejection(1, 1, "unknown_zone", "", spellingError_, "", true));
      outcome.failed = true;
      return;
    }
    while (true) {
      std::string line;
      std::uint64_t lineNumber = 0;
      NdjsonLineReader::Result result = lines_.next(line, lineNumber);
      if (result == NdjsonLineReader::Result::End)
        return;
      ++outcome.read;
      std::vector<ingest::FieldValue> values;
      std::optional<DataError> error =
          result == NdjsonLineReader::Result::TooLong
              ? rejection(lineNumber, 1, "malformed_record", "", "the line is longer than 1 MiB",
                          line.substr(0, 200))
              : convert(line, lineNumber, values);
      if (error) {
        ++outcome.rejected;
        outcome.errors.push_back(*error);
        continue;
      }
      if (outcome.rows.size() == keptRows) {
        for (ingest::Column& column : outcome.rows.columns)
          column.clear();
        outcome.rows.lines.clear();
      }
      for (std::size_t i = 0; i < values.size(); ++i)
        ingest::appendValue(stream_.fields[i], values[i], outcome.rows.columns[i]);
      outcome.rows.lines.push_back(lineNumber);
    }
  }

private:
  DataError rejection(std::uint64_t line, std::uint64_t column, std::string reason,
                      std::string field, std::string message, std::string record,
                      bool refusesFile = false) const {
    DataError error;
    error.where.file = file_;
    error.where.line = line;
    error.where.column = column;
    error.reason = std::move(reason);
    error.field = std::move(field);
    error.message = std::move(message);
    error.record = std::move(record);
    error.stopsReading = refusesFile;
    return error;
  }

  std::optional<DataError> convert(const std::string& raw, std::uint64_t line,
                                   std::vector<ingest::FieldValue>& values) {
    std::string problem;
    std::optional<ingest::NdjsonObject> object = ingest::parseNdjsonObject(raw, problem);
    if (!object)
      return rejection(line, 1, "malformed_record", "", problem, raw);
    if (object->duplicateKey) {
      std::string quoted = "\"" + *object->duplicateKey + "\"";
      std::size_t second = raw.find(quoted, raw.find(quoted) + 1);
      return rejection(line, columnOfKey(raw, second), "malformed_record", "",
                       fmt::format("the key `{}` appears twice in the object; which value is "
                                   "meant is not clear",
                                   *object->duplicateKey),
                       raw);
    }
    values.assign(stream_.fields.size(), ingest::FieldValue{});
    for (std::size_t i = 0; i < values.size(); ++i) {
      const plan::Field& field = stream_.fields[i];
      std::uint64_t column = columnOfKey(raw, raw.find("\"" + field.column + "\""));
      auto member = object->members.find(field.column);
      if (member != object->members.end() &&
          member->second.kind == ingest::JsonMember::Kind::Structured)
        return rejection(
            line, column, "invalid_value", field.name,
            fmt::format("`{}` is a JSON object or array; expected a value", field.name), raw);
      bool set =
          member != object->members.end() && member->second.kind == ingest::JsonMember::Kind::Value;
      const std::string text = set ? member->second.text : std::string();
      if (!set || (text.empty() && !field.type.is(plan::TypeKind::String))) {
        if (!field.type.optional)
          return rejection(line, column, "missing_value", field.name,
                           ingest::missingValueMessage(field), raw);
        values[i].set = false;
        continue;
      }
      if (auto invalid = utf8::find_invalid(text.begin(), text.end()); invalid != text.end()) {
        std::string_view before(text.data(), static_cast<std::size_t>(invalid - text.begin()));
        return rejection(line, column + codePointsIn(before), "invalid_value", field.name,
                         fmt::format("{}: byte 0x{:02X} is not UTF-8; text must be UTF-8 "
                                     "(convert a Latin-1 file with iconv -f latin1 -t utf-8)",
                                     field.name, static_cast<unsigned char>(*invalid)),
                         raw);
      }
      std::string error;
      std::optional<ingest::FieldValue> value =
          ingest::convertValue(program_, field, spellings_[i], text, error);
      if (!value)
        return rejection(line, column, "invalid_value", field.name,
                         fmt::format("{}: {}", field.name, error), raw);
      values[i] = std::move(*value);
    }
    return std::nullopt;
  }

  const plan::Program& program_;
  const plan::Stream& stream_;
  std::string file_;
  NdjsonLineReader lines_;
  std::vector<ingest::FieldSpelling> spellings_;
  std::string spellingError_;
};

} // namespace

ReadOutcome readNdjsonAsReference(const plan::Program& program, std::uint32_t stream,
                                  std::istream& input, const std::string& fileName,
                                  std::size_t keptRows) {
  Reference reference(program, stream, input, fileName);
  ReadOutcome outcome;
  reference.readAll(outcome, keptRows);
  return outcome;
}

} // namespace slac::testing
