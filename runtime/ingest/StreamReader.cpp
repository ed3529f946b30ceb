#include "ingest/StreamReader.h"

#include "ingest/CsvRecordReader.h"
#include "ingest/FieldValue.h"
#include "ingest/NdjsonLineReader.h"
#include "ingest/NdjsonObject.h"

#include <fmt/format.h>
#include <optional>
#include <utf8.h>

namespace slac::ingest {

DataFormat formatOfPath(std::string_view path) {
  return path.ends_with(".ndjson") || path.ends_with(".jsonl") ? DataFormat::Ndjson
                                                               : DataFormat::Csv;
}

namespace {

std::uint64_t codePointsIn(std::string_view text) {
  std::uint64_t count = 0;
  for (char c : text)
    count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

// `a`, `b`, `c`, shortened when long: a file that is no CSV at all (a
// binary, the process environment) must not be printed in full.
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

// The column of a key found at byte `offset` of an NDJSON line (1 when it
// was not found: a key written with escapes).
std::uint64_t columnOfKey(std::string_view line, std::size_t offset) {
  return offset == std::string_view::npos ? 1 : codePointsIn(line.substr(0, offset)) + 1;
}

// One value of a record before conversion: its text and where it starts.
struct Cell {
  std::optional<std::string> text; // unset: empty cell, JSON null or no key
  std::uint64_t column = 1;
  bool structured = false; // a JSON object or array: never a value
};

} // namespace

class StreamReader::Impl {
public:
  Impl(const plan::Program& program, std::uint32_t stream, std::istream& input,
       std::string fileName, DataFormat format)
      : program_(program), stream_(program.streams[stream]), streamIndex_(stream),
        file_(std::move(fileName)) {
    if (format == DataFormat::Csv)
      csv_.emplace(input, stream_.csv.separator);
    else
      ndjson_.emplace(input);
    // NDJSON writes numbers its own way, whatever the CSV dialect says.
    char decimalMark = format == DataFormat::Csv ? stream_.csv.decimalMark : '.';
    for (const plan::Field& field : stream_.fields) {
      std::optional<FieldSpelling> spelling = prepareSpelling(field, decimalMark, spellingError_);
      if (!spelling)
        break;
      spellings_.push_back(std::move(*spelling));
    }
  }

  bool next(RecordBatch& batch, std::size_t maxRows, const ErrorHandler& onError) {
    batch.stream = streamIndex_;
    batch.columns.resize(stream_.fields.size());
    for (Column& column : batch.columns)
      column.clear();
    batch.lines.clear();
    if (failed_ || done_)
      return false;
    if (!spellingError_.empty()) {
      onError(rejection(1, 1, "unknown_zone", "", spellingError_, "", true));
      failed_ = true;
      return false;
    }
    if (csv_ && !cellOfField_ && !readHeader(onError))
      return false;
    std::vector<Cell> cells;
    std::vector<FieldValue> values;
    std::uint64_t line = 0;
    std::string raw;
    while (batch.size() < maxRows) {
      std::optional<DataError> error = readRecord(cells, line, raw);
      if (done_)
        break;
      ++read_;
      if (!error)
        error = convert(cells, line, raw, values);
      if (error) {
        ++rejected_;
        if (!onError(*error) || error->stopsReading) {
          failed_ = true;
          return false;
        }
        continue;
      }
      for (std::size_t i = 0; i < values.size(); ++i)
        appendValue(stream_.fields[i], values[i], batch.columns[i]);
      batch.lines.push_back(line);
    }
    return batch.size() > 0;
  }

  bool failed() const { return failed_; }
  std::uint64_t read() const { return read_; }
  std::uint64_t rejected() const { return rejected_; }

private:
  // Filled member by member: from a braced temporary, GCC 12 at -O3 warns
  // that the location's file name may be used uninitialized (a false
  // -Wmaybe-uninitialized that breaks the Release build).
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

  bool readHeader(const ErrorHandler& onError) {
    CsvRecord header;
    CsvRecordReader::Problem problem;
    CsvRecordReader::Result result = csv_->next(header, problem);
    std::vector<std::optional<std::size_t>> cellOfField;
    const plan::Field* missing = nullptr;
    std::optional<std::size_t> duplicate; // the second cell naming a field
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
      cellOfField.push_back(cell);
    }
    if (result == CsvRecordReader::Result::Malformed) {
      onError(rejection(problem.line, problem.column, "malformed_record", "",
                        "the header row is malformed: " + problem.message, header.raw, true));
      failed_ = true;
      return false;
    }
    if (duplicate) {
      const std::string& name = header.cells[*duplicate];
      onError(rejection(
          header.line, header.columns[*duplicate], "duplicate_column", name,
          fmt::format("a second column `{}`; which one holds the field is not clear", name),
          header.raw, true));
      failed_ = true;
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
      failed_ = true;
      return false;
    }
    headerCells_ = header.cells.size();
    cellOfField_ = std::move(cellOfField);
    return true;
  }

  // The cells of the next record, or why it has none; sets done_ at the end.
  std::optional<DataError> readRecord(std::vector<Cell>& cells, std::uint64_t& line,
                                      std::string& raw) {
    cells.assign(stream_.fields.size(), Cell{});
    if (csv_) {
      CsvRecord record;
      CsvRecordReader::Problem problem;
      CsvRecordReader::Result result = csv_->next(record, problem);
      line = record.line;
      raw = record.raw;
      if (result == CsvRecordReader::Result::End) {
        done_ = true;
        return std::nullopt;
      }
      if (result == CsvRecordReader::Result::Malformed)
        return rejection(problem.line, problem.column,
                         problem.refusesFile ? "malformed_file" : "malformed_record", "",
                         problem.message, raw, problem.refusesFile);
      if (record.cells.size() != headerCells_)
        return rejection(line, 1, "malformed_record", "",
                         fmt::format("the record has {} cells, but the header has {}",
                                     record.cells.size(), headerCells_),
                         raw);
      for (std::size_t field = 0; field < cells.size(); ++field) {
        std::size_t index = *(*cellOfField_)[field];
        if (!record.cells[index].empty())
          cells[field].text = record.cells[index];
        cells[field].column = record.columns[index];
      }
      return std::nullopt;
    }
    NdjsonLineReader::Result result = ndjson_->next(raw, line);
    if (result == NdjsonLineReader::Result::End) {
      done_ = true;
      return std::nullopt;
    }
    if (result == NdjsonLineReader::Result::TooLong)
      return rejection(line, 1, "malformed_record", "", "the line is longer than 1 MiB",
                       raw.substr(0, 200));
    std::string problem;
    std::optional<NdjsonObject> object = parseNdjsonObject(raw, problem);
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
    for (std::size_t field = 0; field < cells.size(); ++field) {
      const std::string& key = stream_.fields[field].column;
      cells[field].column = columnOfKey(raw, raw.find("\"" + key + "\""));
      auto member = object->members.find(key);
      if (member == object->members.end())
        continue;
      if (member->second.kind == JsonMember::Kind::Value)
        cells[field].text = member->second.text;
      cells[field].structured = member->second.kind == JsonMember::Kind::Structured;
    }
    return std::nullopt;
  }

  std::optional<DataError> convert(const std::vector<Cell>& cells, std::uint64_t line,
                                   const std::string& raw, std::vector<FieldValue>& values) {
    values.assign(cells.size(), FieldValue{});
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const plan::Field& field = stream_.fields[i];
      const Cell& cell = cells[i];
      DataLocation where{file_, line, cell.column};
      if (cell.structured)
        return DataError{
            where, "invalid_value", field.name,
            fmt::format("`{}` is a JSON object or array; expected a value", field.name), raw};
      bool empty = !cell.text || (cell.text->empty() && !field.type.is(plan::TypeKind::String));
      if (empty) {
        if (!field.type.optional)
          return DataError{where, "missing_value", field.name,
                           fmt::format("`{}` has no value, but it is not optional (declare it "
                                       "`{}: ...?` if it may be missing)",
                                       field.name, field.name),
                           raw};
        values[i].set = false;
        continue;
      }
      // Nothing downstream (group keys, JSON reports) need cope with bytes
      // that are not text.
      if (auto invalid = utf8::find_invalid(cell.text->begin(), cell.text->end());
          invalid != cell.text->end()) {
        std::string_view before(cell.text->data(),
                                static_cast<std::size_t>(invalid - cell.text->begin()));
        where.column += codePointsIn(before);
        return DataError{where, "invalid_value", field.name,
                         fmt::format("{}: byte 0x{:02X} is not UTF-8; text must be UTF-8 "
                                     "(convert a Latin-1 file with iconv -f latin1 -t utf-8)",
                                     field.name, static_cast<unsigned char>(*invalid)),
                         raw};
      }
      std::string error;
      std::optional<FieldValue> value =
          convertValue(program_, field, spellings_[i], *cell.text, error);
      if (!value)
        return DataError{where, "invalid_value", field.name,
                         fmt::format("{}: {}", field.name, error), raw};
      values[i] = std::move(*value);
    }
    return std::nullopt;
  }

  const plan::Program& program_;
  const plan::Stream& stream_;
  std::uint32_t streamIndex_;
  std::string file_;
  std::optional<CsvRecordReader> csv_;
  std::optional<NdjsonLineReader> ndjson_;
  std::vector<FieldSpelling> spellings_; // per field
  std::string spellingError_;
  std::optional<std::vector<std::optional<std::size_t>>> cellOfField_;
  std::size_t headerCells_ = 0;
  bool failed_ = false;
  bool done_ = false;
  std::uint64_t read_ = 0;
  std::uint64_t rejected_ = 0;
};

StreamReader::StreamReader(const plan::Program& program, std::uint32_t stream, std::istream& input,
                           std::string fileName, DataFormat format)
    : impl_(std::make_unique<Impl>(program, stream, input, std::move(fileName), format)) {}

StreamReader::~StreamReader() = default;

bool StreamReader::next(RecordBatch& batch, std::size_t maxRows, const ErrorHandler& onError) {
  return impl_->next(batch, maxRows, onError);
}

bool StreamReader::failed() const {
  return impl_->failed();
}
std::uint64_t StreamReader::recordsRead() const {
  return impl_->read();
}
std::uint64_t StreamReader::recordsRejected() const {
  return impl_->rejected();
}

} // namespace slac::ingest
