#include "ThreadedReading.h"

#include "PropertyDice.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sstream>

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
    text += fmt::format("  {}: [{}] [{}] [{}] [{}]\n", i, fmt::join(column.integers, " "),
                        fmt::join(column.exponents, " "), fmt::join(strings, "|"),
                        fmt::join(column.present, ""));
  }
  return text;
}

std::string shown(const ingest::DataError& error) {
  return fmt::format("error {}:{}:{} {} [{}] {} | {} | {}\n", error.where.file, error.where.line,
                     error.where.column, error.reason, error.field, escaped(error.message),
                     escaped(error.record), error.stopsReading);
}

} // namespace

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
  }
}

} // namespace slac::testing
