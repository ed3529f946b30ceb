#include "ReferenceCsvBatches.h"

#include "CsvRecordReader.h"
#include "ingest/FieldValue.h"

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

std::string listed(const std::vector<std::string>& names) {
  constexpr std::size_t kLongest = 200;
  std::string list = fmt::format("`{}`", fmt::join(names, "`, `"));
  if (list.size() <= kLongest)
    return list;
  std::size_t cut = kLongest;
  while (cut > 0 && (static_cast<unsigned char>(list[cut]) & 0xC0) == 0x80)
    --cut;
  return list.substr(0, cut) + "...";
}

class Reference {
public:
  Reference(const plan::Program& program, std::uint32_t stream, std::istream& input,
            std::string fileName)
      : program_(program), stream_(program.streams[stream]), file_(std::move(fileName)),
        csv_(input, stream_.csv.separator) {
    for (const plan::Field& field : stream_.fields) {
      std::optional<ingest::FieldSpelling> spelling =
          ingest::prepareSpelling(field, stream_.csv.decimalMark, spellingError_);
      if (!spelling)
        break;
      spellings_.push_back(std::move(*spelling));
    }
  }

  void readAll(ReadOutcome& outcome, std::size_t keptRows) {
    outcome.rows.columns.resize(stream_.fields.size());
    auto onError = [&](const DataError& error) { outcome.errors.push_back(error); };
    if (!spellingError_.empty()) {
      onError(rejection(1, 1, "unknown_zone", "", spellingError_, "", true));
      outcome.failed = true;
      return;
    }
    if (!readHeader(onError)) {
      outcome.failed = true;
      return;
    }
    while (true) {
      CsvRecord record;
      CsvRecordReader::Problem problem;
      CsvRecordReader::Result result = csv_.next(record, problem);
      if (result == CsvRecordReader::Result::End)
        return;
      ++outcome.read;
      std::optional<DataError> error;
      std::vector<ingest::FieldValue> values;
      if (result == CsvRecordReader::Result::Malformed)
        error = rejection(problem.line, problem.column,
                          problem.refusesFile ? "malformed_file" : "malformed_record", "",
                          problem.message, record.raw, problem.refusesFile);
      else if (record.cells.size() != headerCells_)
        error = rejection(record.line, 1, "malformed_record", "",
                          fmt::format("the record has {} cells, but the header has {}",
                                      record.cells.size(), headerCells_),
                          record.raw);
      else
        error = convert(record, values);
      if (error) {
        ++outcome.rejected;
        onError(*error);
        if (error->stopsReading) {
          outcome.failed = true;
          return;
        }
        continue;
      }
      if (outcome.rows.size() == keptRows) {
        for (ingest::Column& column : outcome.rows.columns)
          column.clear();
        outcome.rows.lines.clear();
      }
      for (std::size_t i = 0; i < values.size(); ++i)
        ingest::appendValue(stream_.fields[i], values[i], outcome.rows.columns[i]);
      outcome.rows.lines.push_back(record.line);
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

  template <class OnError> bool readHeader(const OnError& onError) {
    CsvRecord header;
    CsvRecordReader::Problem problem;
    CsvRecordReader::Result result = csv_.next(header, problem);
    const plan::Field* missing = nullptr;
    std::optional<std::size_t> duplicate;
    for (const plan::Field& field : stream_.fields) {
      std::optional<std::size_t> cell;
      for (std::size_t i = 0; result == CsvRecordReader::Result::Record && i < header.cells.size();
           ++i)
        if (header.cells[i] == field.column) {
          if (cell && !duplicate)
            duplicate = i;
          cell = i;
        }
      if (!cell && !missing)
        missing = &field;
      cellOfField_.push_back(cell.value_or(0));
    }
    if (result == CsvRecordReader::Result::Malformed) {
      onError(rejection(problem.line, problem.column, "malformed_record", "",
                        "the header row is malformed: " + problem.message, header.raw, true));
      return false;
    }
    if (duplicate) {
      const std::string& name = header.cells[*duplicate];
      onError(rejection(
          header.line, header.columns[*duplicate], "duplicate_column", name,
          fmt::format("a second column `{}`; which one holds the field is not clear", name),
          header.raw, true));
      return false;
    }
    if (missing) {
      std::string found = result == CsvRecordReader::Result::Record
                              ? fmt::format("the header has {}", listed(header.cells))
                              : "the file is empty; it needs a header row naming the fields";
      std::string field =
          missing->column == missing->name ? "" : fmt::format(" `{}`", missing->name);
      onError(rejection(1, 1, "missing_column", missing->name,
                        fmt::format("no column `{}` for the field{} of stream `{}`; {}",
                                    missing->column, field, stream_.qualifiedName(), found),
                        header.raw, true));
      return false;
    }
    headerCells_ = header.cells.size();
    return true;
  }

  std::optional<DataError> convert(const CsvRecord& record,
                                   std::vector<ingest::FieldValue>& values) {
    values.assign(stream_.fields.size(), ingest::FieldValue{});
    for (std::size_t i = 0; i < values.size(); ++i) {
      const plan::Field& field = stream_.fields[i];
      const std::string& text = record.cells[cellOfField_[i]];
      std::uint64_t column = record.columns[cellOfField_[i]];
      if (text.empty()) {
        if (!field.type.optional)
          return rejection(record.line, column, "missing_value", field.name,
                           ingest::missingValueMessage(field), record.raw);
        values[i].set = false;
        continue;
      }
      if (auto invalid = utf8::find_invalid(text.begin(), text.end()); invalid != text.end()) {
        std::string_view before(text.data(), static_cast<std::size_t>(invalid - text.begin()));
        return rejection(record.line, column + codePointsIn(before), "invalid_value", field.name,
                         fmt::format("{}: byte 0x{:02X} is not UTF-8; text must be UTF-8 "
                                     "(convert a Latin-1 file with iconv -f latin1 -t utf-8)",
                                     field.name, static_cast<unsigned char>(*invalid)),
                         record.raw);
      }
      std::string error;
      std::optional<ingest::FieldValue> value =
          ingest::convertValue(program_, field, spellings_[i], text, error);
      if (!value)
        return rejection(record.line, column, "invalid_value", field.name,
                         fmt::format("{}: {}", field.name, error), record.raw);
      values[i] = std::move(*value);
    }
    return std::nullopt;
  }

  const plan::Program& program_;
  const plan::Stream& stream_;
  std::string file_;
  CsvRecordReader csv_;
  std::vector<ingest::FieldSpelling> spellings_;
  std::string spellingError_;
  std::vector<std::size_t> cellOfField_;
  std::size_t headerCells_ = 0;
};

} // namespace

ReadOutcome readCsvAsReference(const plan::Program& program, std::uint32_t stream,
                               std::istream& input, const std::string& fileName,
                               std::size_t keptRows) {
  Reference reference(program, stream, input, fileName);
  ReadOutcome outcome;
  reference.readAll(outcome, keptRows);
  return outcome;
}

} // namespace slac::testing
