#include "ThreadedReading.h"

#include "PropertyDice.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sstream>
#include <unistd.h>

namespace slac::testing {

namespace {

std::string shown(const ingest::RecordBatch& batch) {
  std::string text = fmt::format("batch of {} (stream {}): lines {}\n", batch.size(), batch.stream,
                                 fmt::join(batch.lines, " "));
  for (std::size_t i = 0; i < batch.columns.size(); ++i) {
    const ingest::Column& column = batch.columns[i];
    // Each row's text, whether the column holds it or its code.
    std::vector<std::string> strings;
    std::size_t texts = column.coded() ? batch.size() : column.strings.size();
    for (std::size_t row = 0; row < texts; ++row)
      strings.push_back(escaped(column.text(row)));
    text += fmt::format("  {}: [{}] [{}] [{}] [{}] [{}]\n", i, fmt::join(column.integers, " "),
                        fmt::join(column.bools, ""), fmt::join(column.exponents, " "),
                        fmt::join(strings, "|"), fmt::join(column.present, ""));
  }
  return text;
}

std::string shown(const ingest::DataError& error) {
  return fmt::format("error {}:{}:{} {} [{}] {} | {} | {}\n", error.where.file, error.where.line,
                     error.where.column, error.reason, error.field, escaped(error.message),
                     escaped(error.record), error.stopsReading);
}

// Row `row` of `batch`: its line and every column's value there.
std::string shownRow(const ingest::RecordBatch& batch, std::size_t row) {
  std::string text = fmt::format("line {}:", batch.lines[row]);
  for (const ingest::Column& column : batch.columns) {
    bool unset = !column.present.empty() && !column.present[row];
    if (unset)
      text += " -";
    else if (!column.bools.empty())
      text += fmt::format(" {}", column.bools[row] ? "true" : "false");
    else if (!column.integers.empty())
      text += fmt::format(" {}e{}", column.integers[row],
                          column.exponents.empty() ? 0 : column.exponents[row]);
    else if (column.coded() || !column.strings.empty())
      text += " \"" + escaped(column.text(row)) + "\"";
    else
      text += " (not kept)";
  }
  return text + "\n";
}

} // namespace

MappedDocument::MappedDocument(const std::string& document) {
  const char* directory = std::getenv("TMPDIR");
  path_ = std::string(directory && *directory ? directory : "/tmp") + "/slac-mapped-XXXXXX";
  int descriptor = mkstemp(path_.data());
  EXPECT_GE(descriptor, 0) << path_;
  if (descriptor < 0)
    return;
  std::size_t written = 0;
  while (written < document.size()) {
    ssize_t part = write(descriptor, document.data() + written, document.size() - written);
    if (part <= 0)
      break;
    written += static_cast<std::size_t>(part);
  }
  close(descriptor);
  EXPECT_EQ(written, document.size());
  mapped_ = ingest::MappedFile::open(path_);
  EXPECT_EQ(mapped_ != nullptr, !document.empty());
}

MappedDocument::~MappedDocument() {
  mapped_.reset();
  std::remove(path_.c_str());
}

std::string traceOfConsume(const plan::Program& program, std::uint32_t stream,
                           const std::string& document, ingest::DataFormat format,
                           std::size_t batchRows, ingest::Parallelism parallelism, bool onParsers,
                           std::size_t stopAtError) {
  std::istringstream input(document);
  ingest::StreamReader reader(program, stream, input, "data", format, ingest::Compression::None,
                              parallelism);
  std::string trace;
  std::size_t errors = 0;
  std::uint64_t lastLine = 0;
  // A worker's own: the workers take records at once.
  std::vector<std::vector<std::pair<std::uint64_t, std::string>>> taken(parallelism.threads + 1);
  ingest::StreamReader::Consumer consumer;
  consumer.onParsers = onParsers;
  consumer.take = [&](unsigned worker, ingest::RecordBatch& rows,
                      std::vector<ingest::RowRefusal>& refused) {
    EXPECT_LT(worker, taken.size());
    for (std::size_t row = 0; row < rows.size(); ++row) {
      taken[worker].emplace_back(rows.lines[row], shownRow(rows, row));
      const ingest::Column& count = rows.columns[1];
      if ((count.present.empty() || count.present[row]) && count.integers[row] % 7 == 0) {
        ingest::DataError error;
        error.where = {"data", rows.lines[row], 1};
        error.reason = "refused";
        error.message = fmt::format("count {}", count.integers[row]);
        refused.push_back({row, std::move(error)});
      }
    }
    return true;
  };
  consumer.onError = [&](const ingest::DataError& error) {
    trace += shown(error);
    if (error.where.line < lastLine)
      trace +=
          fmt::format("OUT OF FILE ORDER: line {} after line {}\n", error.where.line, lastLine);
    lastLine = error.where.line;
    return errors++ != stopAtError;
  };
  bool whole = reader.consume(batchRows, consumer);
  trace += fmt::format("read to the end {}, failed {}\n", whole, reader.failed());
  // Where reading stopped, several threads have read further.
  if (!whole)
    return trace;
  std::vector<std::pair<std::uint64_t, std::string>> all;
  for (auto& rows : taken)
    all.insert(all.end(), rows.begin(), rows.end());
  std::sort(all.begin(), all.end());
  for (const auto& row : all)
    trace += row.second;
  trace += fmt::format("read {}, rejected {}\n", reader.recordsRead(), reader.recordsRejected());
  return trace;
}

void expectSameConsumeOnThreads(const plan::Program& program, std::uint32_t stream,
                                const std::string& document, ingest::DataFormat format,
                                std::size_t batchRows) {
  for (std::size_t stopAt : {SIZE_MAX, std::size_t{0}}) {
    std::string expected =
        traceOfConsume(program, stream, document, format, batchRows, {1}, true, stopAt);
    ASSERT_EQ(expected.find("OUT OF FILE ORDER"), std::string::npos) << expected;
    for (bool onParsers : {true, false})
      for (unsigned threads : {2U, 4U})
        for (std::size_t chunkBytes : {std::size_t{1}, std::size_t{13}, std::size_t{200},
                                       ingest::Parallelism{}.chunkBytes}) {
          std::string actual = traceOfConsume(program, stream, document, format, batchRows,
                                              {threads, chunkBytes}, onParsers, stopAt);
          ASSERT_EQ(actual, expected)
              << threads << " threads, chunks of " << chunkBytes << " bytes, taken on "
              << (onParsers ? "the parsers" : "the calling thread") << ", stopping at error "
              << stopAt << ", document \"" << escaped(document) << "\"";
        }
    MappedDocument mapped(document);
    for (std::size_t chunkBytes : {std::size_t{1}, std::size_t{13}, std::size_t{200}}) {
      std::string actual = traceOfConsume(program, stream, document, format, batchRows,
                                          {2, chunkBytes, mapped.file()}, false, stopAt);
      ASSERT_EQ(actual, expected) << "2 threads, mapped, chunks of " << chunkBytes
                                  << " bytes, stopping at error " << stopAt << ", document \""
                                  << escaped(document) << "\"";
    }
  }
}

std::string traceOfRead(const plan::Program& program, std::uint32_t stream,
                        const std::string& document, ingest::DataFormat format,
                        std::size_t batchRows, ingest::Parallelism parallelism,
                        ingest::Compression compression, std::size_t stopAtError) {
  std::istringstream input(document);
  ingest::StreamReader reader(program, stream, input, "data", format, compression, parallelism);
  std::string trace;
  std::size_t errors = 0;
  ingest::RecordBatch batch;
  while (reader.next(batch, batchRows, [&](const ingest::DataError& error) {
    trace += shown(error);
    return errors++ != stopAtError;
  }))
    trace += shown(batch);
  trace += "stopped with " + shown(batch);
  trace += fmt::format("failed {}, read {}, rejected {}\n", reader.failed(), reader.recordsRead(),
                       reader.recordsRejected());
  return trace;
}

void expectSameTraceOnThreads(const plan::Program& program, std::uint32_t stream,
                              const std::string& document, ingest::DataFormat format,
                              std::size_t batchRows, ingest::Compression compression) {
  for (std::size_t stopAt : {SIZE_MAX, std::size_t{0}}) {
    std::string expected =
        traceOfRead(program, stream, document, format, batchRows, {1}, compression, stopAt);
    for (unsigned threads : {2U, 4U})
      for (std::size_t chunkBytes :
           {std::size_t{1}, std::size_t{13}, std::size_t{200}, ingest::Parallelism{}.chunkBytes}) {
        std::string actual = traceOfRead(program, stream, document, format, batchRows,
                                         {threads, chunkBytes}, compression, stopAt);
        ASSERT_EQ(actual, expected)
            << threads << " threads, chunks of " << chunkBytes << " bytes, stopping at error "
            << stopAt << ", document \"" << escaped(document) << "\"";
      }
    if (compression != ingest::Compression::None)
      continue;
    MappedDocument mapped(document);
    for (std::size_t chunkBytes : {std::size_t{1}, std::size_t{13}, std::size_t{200}}) {
      std::string actual = traceOfRead(program, stream, document, format, batchRows,
                                       {2, chunkBytes, mapped.file()}, compression, stopAt);
      ASSERT_EQ(actual, expected) << "2 threads, mapped, chunks of " << chunkBytes
                                  << " bytes, stopping at error " << stopAt << ", document \""
                                  << escaped(document) << "\"";
    }
  }
}

} // namespace slac::testing
