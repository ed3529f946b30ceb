#include "ingest/StreamReader.h"

#include "ingest/ChunkPipeline.h"
#include "ingest/CommonSpelling.h"
#include "ingest/CsvScanner.h"
#include "ingest/FieldValue.h"
#include "ingest/NdjsonFieldScanner.h"
#include "ingest/NdjsonLines.h"
#include "ingest/NdjsonObject.h"
#include "ingest/TextCodes.h"

#include <atomic>
#include <cstring>
#include <fmt/format.h>
#include <limits>
#include <mutex>
#include <optional>
#include <sstream>
#include <utf8.h>

namespace slac::ingest {

DataFormat formatOfPath(std::string_view path) {
  for (std::string_view suffix : {".gz", ".zst"})
    if (path.ends_with(suffix))
      path.remove_suffix(suffix.size());
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

// The column of the first `"key"` in an NDJSON line, where an error about
// its value points.
std::uint64_t columnOfFirstKey(std::string_view line, std::string_view key) {
  return columnOfKey(line, line.find(fmt::format("\"{}\"", key)));
}

// The errors of one batch or chunk, in file order: its rejections (each
// after the records accepted before it) and the rows the taker refused.
// False when reading stops: the handler said so, or a rejection stops
// reading whatever it says.
bool reportInFileOrder(const std::vector<ParsedChunk::Rejection>& rejections,
                       const std::vector<RowRefusal>& refusals,
                       const StreamReader::ErrorHandler& onError) {
  auto refusal = refusals.begin();
  for (const ParsedChunk::Rejection& rejection : rejections) {
    for (; refusal != refusals.end() && refusal->row < rejection.acceptedBefore; ++refusal)
      if (!onError(refusal->error))
        return false;
    if (!onError(rejection.error) || rejection.error.stopsReading)
      return false;
  }
  for (; refusal != refusals.end(); ++refusal)
    if (!onError(refusal->error))
      return false;
  return true;
}

} // namespace

class StreamReader::Impl {
public:
  Impl(const plan::Program& program, std::uint32_t stream, std::istream& input,
       std::string fileName, DataFormat format, Compression compression,
       const std::vector<bool>& keptFields)
      : program_(program), stream_(program.streams[stream]), streamIndex_(stream),
        file_(std::move(fileName)) {
    std::istream* text = &input;
    if (compression != Compression::None) {
      try {
        decompressing_.emplace(*input.rdbuf(), compression);
        decompressed_.emplace(&*decompressing_);
        text = &*decompressed_;
      } catch (const DecompressionError& error) {
        inputError_ = error.message;
      }
    }
    if (format == DataFormat::Csv)
      csv_.emplace(*text, stream_.csv.separator);
    else {
      ndjson_.emplace(*text);
      std::vector<std::string> keys;
      for (const plan::Field& field : stream_.fields)
        keys.push_back(field.column);
      ndjsonFields_.emplace(std::move(keys));
    }
    // NDJSON writes numbers its own way, whatever the CSV dialect says.
    char decimalMark = format == DataFormat::Csv ? stream_.csv.decimalMark : '.';
    for (std::size_t index = 0; index < stream_.fields.size(); ++index) {
      const plan::Field& field = stream_.fields[index];
      std::optional<FieldSpelling> spelling = prepareSpelling(field, decimalMark, spellingError_);
      if (!spelling)
        break;
      bool kept = keptFields.empty() || keptFields[index];
      common_.emplace_back(program, field, *spelling, kept);
      kept_.push_back(kept);
      appendsPresent_.push_back(kept && field.type.optional);
      spellings_.push_back(std::move(*spelling));
    }
    values_.resize(stream_.fields.size());
    std::vector<bool> grouped = program.groupedFields(stream);
    for (std::uint32_t field = 0; field < grouped.size(); ++field)
      if (grouped[field] && stream_.fields[field].type.is(plan::TypeKind::String) &&
          (keptFields.empty() || keptFields[field]))
        codedFields_.push_back(field);
    codes_.resize(codedFields_.size());
    for (std::size_t i = 0; i < codedFields_.size() && codedFields_[i] < common_.size(); ++i)
      common_[codedFields_[i]].codeTextsWith(codes_[i]);
    readsRuns_ = csv_ && common_.size() == stream_.fields.size() &&
                 std::all_of(common_.begin(), common_.end(),
                             [](const CommonSpelling& common) { return common.hasCommonShape(); });
    for (std::uint32_t field = 0; field < common_.size(); ++field)
      if (!common_[field].codesTexts())
        uncodedFields_.push_back(field);
  }

  // `mostRejected`: also stop after so many rejected records (then true,
  // even with no record in the batch: more may follow).
  bool next(RecordBatch& batch, std::size_t maxRows, const ErrorHandler& onError,
            std::size_t mostRejected = std::numeric_limits<std::size_t>::max()) {
    batch.stream = streamIndex_;
    batch.columns.resize(stream_.fields.size());
    for (Column& column : batch.columns)
      column.clear();
    batch.lines.clear();
    for (TextCodes& codes : codes_)
      codes.clear();
    if (failed_ || done_)
      return false;
    if (!spellingError_.empty()) {
      onError(rejection(1, 1, "unknown_zone", "", spellingError_, "", true));
      failed_ = true;
      return false;
    }
    // Decompression fails from inside a read: the records before it stand,
    // the one it cut is not read at all.
    std::size_t rejectedHere = 0;
    try {
      if (!inputError_.empty())
        throw DecompressionError{inputError_};
      if (csv_ && !cellOfField_ && !readHeader(onError))
        return false;
      while (batch.size() < maxRows && rejectedHere < mostRejected) {
        if (readsRuns_ && appendCsvRun(batch, maxRows - batch.size()) > 0)
          continue;
        std::optional<DataError> error = csv_ ? appendCsvRecord(batch) : appendNdjsonRecord(batch);
        if (done_)
          break;
        ++read_;
        if (error) {
          ++rejected_;
          ++rejectedHere;
          if (!onError(*error) || error->stopsReading) {
            failed_ = true;
            return false;
          }
        }
      }
    } catch (const DecompressionError& error) {
      onError(inputFailure(csv_ ? csv_->line() : ndjson_->line(), error.message));
      failed_ = true;
      return false;
    }
    return batch.size() > 0 || (rejectedHere == mostRejected && !done_);
  }

  // The input failed at `line` (`why`): nothing after it is read.
  DataError inputFailure(std::uint64_t line, std::string_view why) const {
    return rejection(line, 1, "malformed_file", "",
                     fmt::format("{}; nothing from here on can be read", why), "", true);
  }

  // One batch of StreamReader::consume on the calling thread (`worker`):
  // read, taken, its errors reported in file order. False when reading
  // stops there (failed() when the input or a handler stopped it).
  enum class Step : std::uint8_t { More, Done, Stopped };
  static constexpr std::size_t kMostWaitingErrors = 64;
  Step consumeBatch(std::size_t maxRows, unsigned worker, const Consumer& consumer,
                    RecordBatch& batch) {
    rejections_.clear();
    refusals_.clear();
    // Errors wait for the batch's refusals, the records they stop at
    // included: reading goes on to the batch's end, or to kMostWaitingErrors
    // (a file of bad records would otherwise be held whole).
    bool more = next(
        batch, maxRows,
        [&](const DataError& error) {
          rejections_.push_back({batch.size(), error});
          return true;
        },
        kMostWaitingErrors);
    bool goesOn = batch.size() == 0 || consumer.take(worker, batch, refusals_);
    if (!reportInFileOrder(rejections_, refusals_, consumer.onError)) {
      failed_ = true;
      return Step::Stopped;
    }
    if (!goesOn || failed_)
      return Step::Stopped;
    if (consumer.progress)
      consumer.progress();
    return more ? Step::More : Step::Done;
  }

  // All of StreamReader::consume on the calling thread.
  bool consumeAll(std::size_t maxRows, unsigned worker, const Consumer& consumer) {
    RecordBatch batch;
    Step step = Step::More;
    while (step == Step::More)
      step = consumeBatch(maxRows, worker, consumer, batch);
    return step == Step::Done;
  }

  bool failed() const { return failed_; }
  std::uint64_t read() const { return read_; }
  std::uint64_t rejected() const { return rejected_; }

  // For a parallel read (StreamReader::Parallel): go on reading `input`,
  // a part of the file from line `line` on that starts at a record
  // boundary, with the header already read.
  void restart(std::streambuf& input, std::uint64_t line, bool atFileStart) {
    if (csv_)
      csv_->restart(input, line, atFileStart);
    else
      ndjson_->restart(input, line);
    done_ = false;
    failed_ = false;
  }
  // The same for a chunk's bytes, read where they lie.
  void restart(std::string_view bytes, std::uint64_t line, bool atFileStart) {
    static_assert(Chunk::kPadding >= CsvScanner::kPadding &&
                  Chunk::kPadding >= NdjsonLines::kPadding);
    if (csv_)
      csv_->restart(bytes, line, atFileStart);
    else
      ndjson_->restart(bytes, line);
    done_ = false;
    failed_ = false;
  }
  bool headerKnown() const { return !csv_ || cellOfField_.has_value(); }
  void adoptHeader(const Impl& reader) {
    cellOfField_ = reader.cellOfField_;
    headerCells_ = reader.headerCells_;
  }
  // The first next() will only report why nothing can be read.
  bool refusesAll() const { return !spellingError_.empty() || !inputError_.empty(); }

private:
  // Filled member by member: from a braced temporary, GCC 12 at -O3 warns
  // that the location's file name may be used uninitialized (a false
  // -Wmaybe-uninitialized that breaks the Release build).
  DataError rejection(std::uint64_t line, std::uint64_t column, std::string reason,
                      std::string field, std::string message, std::string_view record,
                      bool refusesFile = false) const {
    DataError error;
    error.where.file = file_;
    error.where.line = line;
    error.where.column = column;
    error.reason = std::move(reason);
    error.field = std::move(field);
    error.message = std::move(message);
    error.record = std::string(record);
    error.stopsReading = refusesFile;
    return error;
  }

  bool readHeader(const ErrorHandler& onError) {
    CsvRecordView header;
    CsvScanner::Problem problem;
    CsvScanner::Result result = csv_->next(header, problem);
    std::vector<std::string> names(header.cells.begin(), header.cells.end());
    std::vector<std::size_t> cellOfField;
    const plan::Field* missing = nullptr;
    std::optional<std::size_t> duplicate; // the second cell naming a field
    for (const plan::Field& field : stream_.fields) {
      std::optional<std::size_t> cell;
      for (std::size_t i = 0; result == CsvScanner::Result::Record && i < names.size(); ++i)
        if (names[i] == field.column) {
          if (cell && !duplicate)
            duplicate = i;
          cell = i;
        }
      if (!cell && !missing)
        missing = &field;
      cellOfField.push_back(cell.value_or(0));
    }
    if (result == CsvScanner::Result::Malformed) {
      onError(rejection(problem.line, problem.column, "malformed_record", "",
                        "the header row is malformed: " + problem.message, header.raw, true));
      failed_ = true;
      return false;
    }
    if (duplicate) {
      const std::string& name = names[*duplicate];
      onError(rejection(
          header.line, header.columnOf(*duplicate), "duplicate_column", name,
          fmt::format("a second column `{}`; which one holds the field is not clear", name),
          header.raw, true));
      failed_ = true;
      return false;
    }
    if (missing) {
      std::string found = result == CsvScanner::Result::Record
                              ? fmt::format("the header has {}", listed(names))
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
    headerCells_ = names.size();
    cellOfField_ = std::move(cellOfField);
    return true;
  }

  // Appends the next record to `batch`, or says why it is rejected (then
  // `batch` is as it was); sets done_ at the end.
  std::optional<DataError> appendCsvRecord(RecordBatch& batch) {
    CsvScanner::Problem& problem = problem_;
    CsvScanner::Result result = csv_->next(record_, problem);
    line_ = record_.line;
    if (result == CsvScanner::Result::End) {
      done_ = true;
      return std::nullopt;
    }
    if (result == CsvScanner::Result::Malformed)
      return rejection(problem.line, problem.column,
                       problem.refusesFile ? "malformed_file" : "malformed_record", "",
                       problem.message, record_.raw, problem.refusesFile);
    if (record_.cells.size() != headerCells_)
      return rejection(line_, 1, "malformed_record", "",
                       fmt::format("the record has {} cells, but the header has {}",
                                   record_.cells.size(), headerCells_),
                       record_.raw);
    const std::size_t* cellOfField = cellOfField_->data();
    const CommonSpelling* common = common_.data();
    const std::uint8_t* appendsPresent = appendsPresent_.data();
    Column* columns = batch.columns.data();
    const std::string_view* cells = record_.cells.data();
    std::size_t fields = values_.size();
    std::size_t field = CommonSpelling::appendRecord(common, fields, cells, cellOfField, columns);
    // Nearly always every field: their common spellings coded the grouped
    // texts, so that only the line is left to keep.
    if (field == fields) [[likely]] {
      batch.lines.push_back(line_);
      return std::nullopt;
    }
    for (; field < fields; ++field) {
      std::size_t index = cellOfField[field];
      std::string_view text = cells[index];
      Column& column = columns[field];
      if (!text.empty() && common[field].append(text, column)) {
        if (appendsPresent[field])
          column.present.push_back(1);
        continue;
      }
      std::optional<std::string_view> written;
      if (!text.empty())
        written = text;
      if (auto error = convertField(
              field, written, false, [&] { return record_.columnOf(index); }, record_.raw)) {
        for (std::size_t done = 0; done < field; ++done)
          dropLastValue(done, columns[done]);
        return error;
      }
      keepValue(field, column);
    }
    accept(batch);
    return std::nullopt;
  }

  // Nearly every record of a file at once: the plain records ahead (as
  // many as fit in the batch, at most kRunRecords), converted a field at a
  // time in their common spellings (one dispatch per field, not per
  // value), up to the first record one of whose values is not; that one
  // is then read by appendCsvRecord, with its errors, as are records
  // that are not plain. How many records were appended. After a run that
  // took none, the next runAfter_ records are read one by one (a field
  // whose values never take their common spelling would otherwise have
  // every record scanned twice), twice as many each time up to
  // kMostRecordsBetweenRuns.
  std::size_t appendCsvRun(RecordBatch& batch, std::size_t most) {
    if (recordsBeforeRun_ > 0) {
      --recordsBeforeRun_;
      return 0;
    }
    std::size_t rows = csv_->scanPlainRun(headerCells_, std::min(most, kRunRecords), run_);
    const std::size_t* cellOfField = cellOfField_->data();
    Column* columns = batch.columns.data();
    const std::size_t before = batch.size();
    for (std::uint32_t field : uncodedFields_)
      rows = common_[field].appendCells(run_, cellOfField[field], rows, columns[field]);
    rows = appendCodedCells(rows, columns);
    // Fields that appended more records than every field did give them back.
    for (std::uint32_t field : uncodedFields_)
      truncateColumn(field, columns[field], before + rows);
    if (rows == 0) {
      recordsBeforeRun_ = runAfter_;
      runAfter_ = std::min(2 * runAfter_ + 1, kMostRecordsBetweenRuns);
      return 0;
    }
    runAfter_ = 0;
    // The record that stopped the run is appendCsvRecord's.
    if (rows < run_.records)
      recordsBeforeRun_ = 1;
    for (std::size_t row = 0; row < rows; ++row)
      batch.lines.push_back(run_.firstLine + row);
    csv_->takeRun(run_, rows);
    read_ += rows;
    return rows;
  }
  static constexpr std::size_t kRunRecords = 64;
  static constexpr std::size_t kMostRecordsBetweenRuns = 1024;

  // The coded fields of the run's first `rows` records, so that codes are
  // given in the order of the records and only to records taken: one
  // field a column at a time (it stops before the record it cannot
  // take), several record by record. How many records all of them took.
  std::size_t appendCodedCells(std::size_t rows, Column* columns) {
    const std::size_t* cellOfField = cellOfField_->data();
    if (codedFields_.empty())
      return rows;
    if (codedFields_.size() == 1) {
      std::uint32_t field = codedFields_[0];
      return common_[field].appendCells(run_, cellOfField[field], rows, columns[field]);
    }
    for (std::size_t row = 0; row < rows; ++row)
      for (std::size_t i = 0; i < codedFields_.size(); ++i) {
        std::uint32_t field = codedFields_[i];
        std::string_view text = run_.text(row, cellOfField[field]);
        if (text.empty() || !common_[field].append(text, columns[field])) {
          for (std::size_t done = 0; done < i; ++done)
            dropLastValue(codedFields_[done], columns[codedFields_[done]]);
          return row;
        }
        if (appendsPresent_[field])
          columns[field].present.push_back(1);
      }
    return rows;
  }

  // Keeps the values of the first `rows` rows of a column that is not coded.
  void truncateColumn(std::size_t field, Column& column, std::size_t rows) const {
    if (!kept_[field])
      return;
    auto truncate = [&](auto& values) {
      if (values.size() > rows)
        values.resize(rows);
    };
    truncate(column.present);
    truncate(column.integers);
    truncate(column.bools);
    truncate(column.exponents);
    truncate(column.strings);
  }

  // The record just appended is accepted: its line, and the codes of its
  // texts records are grouped by (while the batch's column is coded).
  [[gnu::always_inline]] void accept(RecordBatch& batch) {
    if (!codedFields_.empty())
      codeTexts(batch);
    batch.lines.push_back(line_);
  }
  // A text the common spelling left to convertValue (the last of
  // `strings`: not ASCII, or empty) becomes a code, and a text of `texts`
  // if it is new, until the batch has too many: then the column goes back
  // to a text per row (CommonSpelling codes the others as it reads them).
  // Kept up to date record by record: a read that stops on an error leaves
  // the batch as it is.
  void codeTexts(RecordBatch& batch) {
    std::size_t rows = batch.size(); // before this record
    for (std::size_t i = 0; i < codedFields_.size(); ++i) {
      Column& column = batch.columns[codedFields_[i]];
      if (column.strings.size() != 1 || column.codes.size() != rows)
        continue; // no longer coded
      std::string text = std::move(column.strings.back());
      column.strings.pop_back();
      if (!codes_[i].appendCode(text, column))
        column.strings.push_back(std::move(text));
    }
  }

  // Appends the value converted into values_[field], if the field is kept.
  void keepValue(std::size_t field, Column& column) const {
    if (kept_[field])
      appendValue(stream_.fields[field], values_[field], column);
  }

  // Takes back the value of a record that turned out to be rejected.
  void dropLastValue(std::size_t field, Column& column) const {
    if (!kept_[field])
      return;
    if (appendsPresent_[field])
      column.present.pop_back();
    switch (stream_.fields[field].type.kind) {
    case plan::TypeKind::Number:
      column.integers.pop_back();
      column.exponents.pop_back();
      break;
    case plan::TypeKind::String:
      // The record's code, if it was read as one (CommonSpelling).
      if (column.strings.empty())
        column.codes.pop_back();
      else
        column.strings.pop_back();
      break;
    case plan::TypeKind::Bool:
      column.bools.pop_back();
      break;
    default:
      column.integers.pop_back();
      break;
    }
  }

  std::optional<DataError> appendNdjsonRecord(RecordBatch& batch) {
    std::string_view raw;
    NdjsonLines::Result result = ndjson_->next(raw, line_);
    if (result == NdjsonLines::Result::End) {
      done_ = true;
      return std::nullopt;
    }
    if (result == NdjsonLines::Result::TooLong)
      return rejection(line_, 1, "malformed_record", "", "the line is longer than 1 MiB", raw);
    if (!ndjsonFields_->scan(raw, ndjson_->readAfter(raw), ndjson_->version()))
      return appendNdjsonObject(batch, raw);
    const CommonSpelling* common = common_.data();
    const std::uint8_t* appendsPresent = appendsPresent_.data();
    Column* columns = batch.columns.data();
    std::size_t fields = values_.size();
    for (std::size_t field = 0; field < fields; ++field) {
      const NdjsonValue& found = ndjsonFields_->value(field);
      Column& column = columns[field];
      bool isValue = found.kind == NdjsonValue::Kind::Value;
      if (isValue && !found.text.empty() && common[field].append(found.text, column)) {
        if (appendsPresent[field])
          column.present.push_back(1);
        continue;
      }
      std::optional<std::string_view> text;
      if (isValue)
        text = found.text;
      if (auto error = convertField(
              field, text, found.kind == NdjsonValue::Kind::Structured,
              [&] { return columnOfFirstKey(raw, stream_.fields[field].column); }, raw)) {
        for (std::size_t done = 0; done < field; ++done)
          dropLastValue(done, columns[done]);
        return error;
      }
      keepValue(field, column);
    }
    accept(batch);
    return std::nullopt;
  }

  // A line the fast scanner leaves to the full rules: invalid JSON, a key
  // twice, and the rare valid line it does not vouch for.
  std::optional<DataError> appendNdjsonObject(RecordBatch& batch, std::string_view raw) {
    std::string problem;
    std::optional<NdjsonObject> object = parseNdjsonObject(raw, problem);
    if (!object)
      return rejection(line_, 1, "malformed_record", "", problem, raw);
    if (object->duplicateKey) {
      std::string quoted = "\"" + *object->duplicateKey + "\"";
      std::size_t second = raw.find(quoted, raw.find(quoted) + 1);
      return rejection(line_, columnOfKey(raw, second), "malformed_record", "",
                       fmt::format("the key `{}` appears twice in the object; which value is "
                                   "meant is not clear",
                                   *object->duplicateKey),
                       raw);
    }
    for (std::size_t field = 0; field < values_.size(); ++field) {
      const std::string& key = stream_.fields[field].column;
      std::uint64_t column = columnOfFirstKey(raw, key);
      std::optional<std::string_view> text;
      bool structured = false;
      auto member = object->members.find(key);
      if (member != object->members.end()) {
        if (member->second.kind == JsonMember::Kind::Value)
          text = member->second.text;
        structured = member->second.kind == JsonMember::Kind::Structured;
      }
      if (auto error = convertField(
              field, text, structured, [&] { return column; }, raw))
        return error;
    }
    for (std::size_t i = 0; i < values_.size(); ++i)
      keepValue(i, batch.columns[i]);
    accept(batch);
    return std::nullopt;
  }

  // Converts one value into values_[field]: unset when `text` is (an empty
  // cell, JSON null or no key), `structured` for a JSON object or array.
  // `columnOf()` gives the value's column, asked only for an error.
  template <class ColumnOf>
  std::optional<DataError> convertField(std::size_t index, std::optional<std::string_view> text,
                                        bool structured, ColumnOf columnOf, std::string_view raw) {
    const plan::Field& field = stream_.fields[index];
    FieldValue& value = values_[index];
    if (structured)
      return rejection(line_, columnOf(), "invalid_value", field.name,
                       fmt::format("`{}` is a JSON object or array; expected a value", field.name),
                       raw);
    if (!text || (text->empty() && !field.type.is(plan::TypeKind::String))) {
      if (!field.type.optional)
        return rejection(line_, columnOf(), "missing_value", field.name, missingValueMessage(field),
                         raw);
      // Unset rows hold 0 / "" (RecordBatch.h).
      value.set = false;
      value.integer = 0;
      value.exponent = 0;
      value.text.clear();
      return std::nullopt;
    }
    value.set = true;
    // Nothing downstream (group keys, JSON reports) need cope with bytes
    // that are not text.
    if (auto invalid = utf8::find_invalid(text->begin(), text->end()); invalid != text->end()) {
      std::string_view before(text->data(), static_cast<std::size_t>(invalid - text->begin()));
      return rejection(line_, columnOf() + codePointsIn(before), "invalid_value", field.name,
                       fmt::format("{}: byte 0x{:02X} is not UTF-8; text must be UTF-8 "
                                   "(convert a Latin-1 file with iconv -f latin1 -t utf-8)",
                                   field.name, static_cast<unsigned char>(*invalid)),
                       raw);
    }
    std::string error;
    std::optional<FieldValue> converted =
        convertValue(program_, field, spellings_[index], *text, error);
    if (!converted)
      return rejection(line_, columnOf(), "invalid_value", field.name,
                       fmt::format("{}: {}", field.name, error), raw);
    value = std::move(*converted);
    return std::nullopt;
  }

  const plan::Program& program_;
  const plan::Stream& stream_;
  std::uint32_t streamIndex_;
  std::string file_;
  std::optional<DecompressingBuffer> decompressing_;
  std::optional<std::istream> decompressed_;
  std::string inputError_; // the decompressor could not start
  std::optional<CsvScanner> csv_;
  std::optional<NdjsonLines> ndjson_;
  std::optional<NdjsonFieldScanner> ndjsonFields_;
  std::vector<FieldSpelling> spellings_;     // per field
  std::vector<CommonSpelling> common_;       // per field
  std::vector<std::uint8_t> kept_;           // per field: its values go to the batch
  std::vector<std::uint8_t> appendsPresent_; // per field: optional and kept
  std::vector<std::uint32_t> codedFields_;   // the string fields records are grouped by
  std::vector<TextCodes> codes_;             // for each of them, in this batch
  std::string spellingError_;
  std::optional<std::vector<std::size_t>> cellOfField_;
  std::size_t headerCells_ = 0;
  // appendCsvRun's: whether runs are read at all (every field has a common
  // spelling), the fields it converts a column at a time (all but the
  // coded ones), the run and when the next is tried.
  bool readsRuns_ = false;
  std::vector<std::uint32_t> uncodedFields_;
  PlainRun run_;
  std::size_t recordsBeforeRun_ = 0;
  std::size_t runAfter_ = 0;
  // The record being read: its cells, line and values.
  CsvRecordView record_;
  // Kept, so that a record read well does not make and drop its message.
  CsvScanner::Problem problem_;
  std::uint64_t line_ = 0;
  std::vector<FieldValue> values_; // per field
  bool failed_ = false;
  bool done_ = false;
  std::uint64_t read_ = 0;
  std::uint64_t rejected_ = 0;
  // consumeBatch's, kept for their memory.
  std::vector<ParsedChunk::Rejection> rejections_;
  std::vector<RowRefusal> refusals_;
};

namespace {

// The chunks of a sequential section, one after the other: what the
// reading thread's scanner reads. Like DecompressingBuffer, the bytes before
// a failure are read first, and the read after them throws.
class SectionBuffer : public std::streambuf {
public:
  // `mapped`: the file the chunks lie in, or null.
  void start(ChunkPipeline& pipeline, const MappedFile* mapped, std::unique_ptr<ChunkPiece> first) {
    pipeline_ = &pipeline;
    mapped_ = mapped;
    show(std::move(first));
  }

protected:
  int_type underflow() override {
    if (gptr() == egptr() && !advance())
      return traits_type::eof();
    int_type next = traits_type::to_int_type(*gptr());
    checkReadUpTo(gptr() + 1);
    return next;
  }

  std::streamsize xsgetn(char* to, std::streamsize count) override {
    std::streamsize done = 0;
    while (done < count) {
      if (gptr() == egptr()) {
        if (current_->chunk.error && done > 0)
          break;
        if (!advance())
          break;
      }
      std::streamsize part = std::min<std::streamsize>(egptr() - gptr(), count - done);
      std::memcpy(to + done, gptr(), static_cast<std::size_t>(part));
      gbump(static_cast<int>(part));
      done += part;
      checkReadUpTo(gptr());
    }
    return done;
  }

private:
  // The next chunk of the section; false at its end.
  bool advance() {
    if (current_->chunk.error)
      throw *current_->chunk.error;
    if (current_->chunk.endsSection)
      return false;
    std::unique_ptr<ChunkPiece> next = pipeline_->take();
    if (!next)
      return false;
    show(std::move(next));
    return true;
  }
  void show(std::unique_ptr<ChunkPiece> piece) {
    current_ = std::move(piece);
    std::string_view bytes = current_->chunk.bytes();
    // A get area is only read (nothing is put back here), so a mapped
    // file's read-only bytes can be one.
    char* begin = const_cast<char*>(bytes.data());
    setg(begin, begin, begin + bytes.size());
  }

  // Bytes of a mapped chunk read before `end`: the file's, or it shrank.
  void checkReadUpTo(const char* end) const {
    if (mapped_ && !mapped_->intact(current_->chunk.fileOffset +
                                    static_cast<std::size_t>(end - current_->chunk.bytes().data())))
      throw DecompressionError{std::string(kFileShrank)};
  }

  ChunkPipeline* pipeline_ = nullptr;
  const MappedFile* mapped_ = nullptr;
  std::unique_ptr<ChunkPiece> current_;
};

// Rows [first, first + count) of `from` after those of `to`.
void appendRows(RecordBatch& from, std::size_t first, std::size_t count, RecordBatch& to) {
  const std::size_t rowsBefore = to.size();
  auto range = [&](auto& source, auto& target) {
    if (source.empty())
      return;
    auto begin = source.begin() + static_cast<std::ptrdiff_t>(first);
    target.insert(target.end(), std::make_move_iterator(begin),
                  std::make_move_iterator(begin + static_cast<std::ptrdiff_t>(count)));
  };
  for (std::size_t i = 0; i < from.columns.size(); ++i) {
    Column& source = from.columns[i];
    Column& target = to.columns[i];
    // Codes stay codes when both batches' are: the texts of the rows dealt
    // get codes after the target's, each text once however small the
    // batches (an equal text may then have two codes, never a code two
    // texts). Otherwise both become texts.
    bool targetCoded = rowsBefore == 0 || target.coded();
    if (source.coded() && targetCoded) {
      constexpr std::uint32_t kNotDealt = ~std::uint32_t{0};
      std::vector<std::uint32_t> codeInTarget(source.texts.size(), kNotDealt);
      for (std::size_t row = first; row < first + count; ++row) {
        std::uint32_t& code = codeInTarget[source.codes[row]];
        if (code == kNotDealt) {
          code = target.codeCount();
          target.texts.push_back(source.texts[source.codes[row]]);
        }
        target.codes.push_back(code);
      }
    } else if (source.coded()) {
      for (std::size_t row = first; row < first + count; ++row)
        target.strings.push_back(source.texts[source.codes[row]]);
    } else if (target.coded()) {
      target.uncode();
    }
    range(source.integers, target.integers);
    range(source.bools, target.bools);
    range(source.exponents, target.exponents);
    range(source.strings, target.strings);
    range(source.present, target.present);
  }
  range(from.lines, to.lines);
}

} // namespace

// Reads with a ChunkPipeline: the parsers' chunks are taken in file order
// and dealt into batches of the caller's size, their rejections reported
// between the same records as one thread reports them; a sequential section
// (the CSV header, a record too long, failing input) is read here by a
// reader of its own, as one thread reads it.
class StreamReader::Parallel {
public:
  Parallel(const plan::Program& program, std::uint32_t stream, std::istream& input,
           const std::string& fileName, DataFormat format, Compression compression,
           Parallelism parallelism, const std::vector<bool>& keptFields)
      : parallelism_(parallelism), csv_(format == DataFormat::Csv),
        separator_(program.streams[stream].csv.separator), streamIndex_(stream),
        fields_(program.streams[stream].fields.size()),
        reader_(program, stream, nothing_, fileName, format, Compression::None, keptFields) {
    input_ = input.rdbuf();
    if (compression != Compression::None) {
      try {
        decompressing_.emplace(*input.rdbuf(), compression);
        input_ = &*decompressing_;
      } catch (const DecompressionError&) {
        // One thread reports it, at the line it does.
        whole_.emplace(program, stream, input, fileName, format, compression, keptFields);
        return;
      }
    }
    for (unsigned i = 0; i < parallelism.threads; ++i)
      parsers_.push_back(std::make_unique<Impl>(program, stream, nothing_, fileName, format,
                                                Compression::None, keptFields));
    workerRows_.resize(parallelism.threads);
  }
  ~Parallel() {
    // Before the buffers its threads read.
    pipeline_.reset();
  }

  bool next(RecordBatch& batch, std::size_t maxRows, const ErrorHandler& onError) {
    if (whole_)
      return whole_->next(batch, maxRows, onError);
    if (reader_.refusesAll()) {
      bool more = reader_.next(batch, maxRows, onError);
      failed_ = reader_.failed();
      return more;
    }
    batch.stream = streamIndex_;
    batch.columns.resize(fields_);
    for (Column& column : batch.columns)
      column.clear();
    batch.lines.clear();
    if (failed_ || done_)
      return false;
    if (!pipeline_)
      startPipeline();
    while (batch.size() < maxRows) {
      if (inSection_) {
        bool more = reader_.next(part_, maxRows - batch.size(), onError);
        appendRows(part_, 0, part_.size(), batch);
        openGateOnceHeaderKnown();
        if (reader_.failed()) {
          failed_ = true;
          return false;
        }
        inSection_ = more;
        continue;
      }
      if (!piece_) {
        piece_ = pipeline_->take();
        if (!piece_) {
          done_ = true;
          break;
        }
        row_ = 0;
        rejection_ = 0;
        if (piece_->chunk.sequential) {
          startSection(std::move(piece_));
          continue;
        }
        if (!takenIntact(piece_->chunk, onError))
          return false;
      }
      ParsedChunk& parsed = piece_->parsed;
      if (rejection_ < parsed.rejections.size() &&
          parsed.rejections[rejection_].acceptedBefore == row_) {
        const DataError& error = parsed.rejections[rejection_++].error;
        ++read_;
        ++rejected_;
        if (!onError(error) || error.stopsReading) {
          failed_ = true;
          return false;
        }
        continue;
      }
      std::size_t until = rejection_ < parsed.rejections.size()
                              ? parsed.rejections[rejection_].acceptedBefore
                              : parsed.rows.size();
      std::size_t count = std::min(until - row_, maxRows - batch.size());
      if (count == 0) {
        recycle(std::move(piece_->parsed.rows));
        piece_.reset();
        continue;
      }
      appendRows(parsed.rows, row_, count, batch);
      row_ += count;
      read_ += count;
    }
    return batch.size() > 0;
  }

  bool consume(std::size_t maxRows, const Consumer& consumer) {
    bool whole = takeAll(maxRows, consumer);
    // The parsers may be taking records of chunks after a stop: they are
    // done with `consumer` once their threads are.
    pipeline_.reset();
    parsersTake_ = nullptr;
    return whole;
  }

  bool failed() const { return whole_ ? whole_->failed() : failed_; }
  std::uint64_t read() const { return whole_ ? whole_->read() : read_ + reader_.read(); }
  std::uint64_t rejected() const {
    return whole_ ? whole_->rejected() : rejected_ + reader_.rejected();
  }

private:
  bool takeAll(std::size_t maxRows, const Consumer& consumer) {
    const unsigned caller = parallelism_.threads;
    if (whole_ || reader_.refusesAll()) {
      Impl& alone = whole_ ? *whole_ : reader_;
      bool whole = alone.consumeAll(maxRows, caller, consumer);
      failed_ = alone.failed();
      return whole;
    }
    if (failed_ || done_ || pipeline_)
      return false; // after next(): not both
    if (consumer.onParsers)
      parsersTake_ = &consumer;
    startPipeline();
    while (true) {
      if (inSection_) {
        Impl::Step step = reader_.consumeBatch(maxRows, caller, consumer, part_);
        openGateOnceHeaderKnown();
        if (step == Impl::Step::Stopped) {
          failed_ = true;
          return false;
        }
        inSection_ = step == Impl::Step::More;
        continue;
      }
      std::unique_ptr<ChunkPiece> piece = pipeline_->take();
      if (!piece) {
        done_ = true;
        return true;
      }
      if (piece->chunk.sequential) {
        startSection(std::move(piece));
        continue;
      }
      if (!takenIntact(piece->chunk, consumer.onError))
        return false;
      ParsedChunk& parsed = piece->parsed;
      if (!parsed.taken && parsed.accepted > 0)
        parsed.goesOn = !consumer.onParsers && consumer.take(caller, parsed.rows, parsed.refusals);
      read_ += parsed.accepted + parsed.rejections.size();
      rejected_ += parsed.rejections.size();
      if (!reportInFileOrder(parsed.rejections, parsed.refusals, consumer.onError) ||
          !parsed.goesOn) {
        failed_ = true;
        return false;
      }
      if (!parsed.taken)
        recycle(std::move(parsed.rows));
      if (consumer.progress)
        consumer.progress();
    }
  }

  // The file the chunks lie in, when it is mapped.
  MappedFile* mapped() const { return decompressing_ ? nullptr : parallelism_.mapped; }
  // Whether a parsed chunk's bytes were the file's when they were parsed;
  // if not (a mapped file that shrank gave zeros: MappedFile.h), the read
  // fails there.
  bool takenIntact(const Chunk& chunk, const ErrorHandler& onError) {
    if (!mapped() || mapped()->intact(chunk.fileOffset + chunk.size))
      return true;
    onError(reader_.inputFailure(chunk.startLine, kFileShrank));
    failed_ = true;
    return false;
  }

  void startPipeline() {
    pipeline_.emplace(*input_, mapped(), csv_, separator_, parallelism_.chunkBytes,
                      parallelism_.threads, !csv_, parsersTake_ != nullptr,
                      [this](const Chunk& chunk, unsigned worker, ParsedChunk& parsed) {
                        parse(chunk, worker, parsed);
                      });
  }
  void openGateOnceHeaderKnown() {
    if (!gateOpen_ && reader_.headerKnown()) {
      gateOpen_ = true;
      pipeline_->openGate();
    }
  }
  // A sequential section is read by reader_, from its first chunk on.
  void startSection(std::unique_ptr<ChunkPiece> first) {
    std::uint64_t line = first->chunk.startLine;
    bool atFileStart = first->chunk.atFileStart;
    section_.start(*pipeline_, mapped(), std::move(first));
    reader_.restart(section_, line, atFileStart);
    inSection_ = true;
  }
  // The rows of a chunk dealt out or taken, for a parser's next chunk.
  void recycle(RecordBatch&& rows) {
    std::lock_guard lock(spareMutex_);
    spare_.push_back(std::move(rows));
  }

  // On parser thread `worker`: the chunk's records, and its rejections
  // with their place among them; and the records taken, when parsers take
  // them (consume), unless a taker has stopped reading.
  void parse(const Chunk& chunk, unsigned worker, ParsedChunk& parsed) {
    Impl& parser = *parsers_[worker];
    if (!parser.headerKnown())
      parser.adoptHeader(reader_); // written before the gate opened
    // Records taken here are read into the worker's own rows, again for
    // its next chunk: the chunks in flight hold none.
    const bool takesHere = parsersTake_ && !takerStopped_.load(std::memory_order_relaxed);
    RecordBatch& rows = takesHere ? workerRows_[worker].rows : parsed.rows;
    if (!takesHere) {
      std::lock_guard lock(spareMutex_);
      if (!spare_.empty()) {
        parsed.rows = std::move(spare_.back());
        spare_.pop_back();
      }
    }
    parser.restart(chunk.bytes(), chunk.startLine, chunk.atFileStart);
    parser.next(rows, std::numeric_limits<std::size_t>::max(), [&](const DataError& error) {
      parsed.rejections.push_back({rows.size(), error});
      return true;
    });
    parsed.accepted = rows.size();
    if (takesHere && rows.size() > 0) {
      parsed.taken = true;
      parsed.goesOn = parsersTake_->take(worker, rows, parsed.refusals);
      if (!parsed.goesOn)
        takerStopped_.store(true, std::memory_order_relaxed);
    }
  }

  Parallelism parallelism_;
  bool csv_;
  char separator_;
  std::uint32_t streamIndex_;
  std::size_t fields_;
  std::istringstream nothing_; // the readers' input until they are given chunks
  std::streambuf* input_ = nullptr;
  std::optional<DecompressingBuffer> decompressing_;
  std::optional<Impl> whole_; // the input cannot be read at all: one thread says why
  // Reads the sequential sections; its header is the parsers'.
  Impl reader_;
  std::vector<std::unique_ptr<Impl>> parsers_;
  SectionBuffer section_;
  std::optional<ChunkPipeline> pipeline_;
  bool gateOpen_ = false;
  bool inSection_ = false;
  RecordBatch part_; // of a section
  std::unique_ptr<ChunkPiece> piece_;
  std::size_t row_ = 0;       // the next row of piece_ to deal
  std::size_t rejection_ = 0; // its next rejection to report
  bool failed_ = false;
  bool done_ = false;
  std::uint64_t read_ = 0; // of the parsed chunks
  std::uint64_t rejected_ = 0;
  // The rows of chunks dealt out: their memory, grown to a chunk's rows,
  // for the next chunks (no more than are in flight).
  std::mutex spareMutex_;
  std::vector<RecordBatch> spare_;
  // consume()'s, when the parsers take the records; set before they start.
  const Consumer* parsersTake_ = nullptr;
  // Per parser, when they take the records; a cache line each, so that
  // one parser's appends do not evict the other's (two batches in one line
  // made their reading 10 % slower).
  struct alignas(64) WorkerRows {
    RecordBatch rows;
  };
  std::vector<WorkerRows> workerRows_;
  std::atomic<bool> takerStopped_ = false; // a taker said stop: the others take nothing more
};

StreamReader::StreamReader(const plan::Program& program, std::uint32_t stream, std::istream& input,
                           std::string fileName, DataFormat format, Compression compression,
                           Parallelism parallelism, const std::vector<bool>& keptFields) {
  callerWorker_ = std::max(parallelism.threads, 1U);
  if (parallelism.threads <= 1)
    impl_ = std::make_unique<Impl>(program, stream, input, std::move(fileName), format, compression,
                                   keptFields);
  else
    parallel_ = std::make_unique<Parallel>(program, stream, input, fileName, format, compression,
                                           parallelism, keptFields);
}

StreamReader::~StreamReader() = default;

bool StreamReader::next(RecordBatch& batch, std::size_t maxRows, const ErrorHandler& onError) {
  return parallel_ ? parallel_->next(batch, maxRows, onError)
                   : impl_->next(batch, maxRows, onError);
}

bool StreamReader::consume(std::size_t maxRows, const Consumer& consumer) {
  return parallel_ ? parallel_->consume(maxRows, consumer)
                   : impl_->consumeAll(maxRows, callerWorker_, consumer);
}

bool StreamReader::failed() const {
  return parallel_ ? parallel_->failed() : impl_->failed();
}
std::uint64_t StreamReader::recordsRead() const {
  return parallel_ ? parallel_->read() : impl_->read();
}
std::uint64_t StreamReader::recordsRejected() const {
  return parallel_ ? parallel_->rejected() : impl_->rejected();
}

} // namespace slac::ingest
