#pragma once

// What the property tests check of a parallel read (issue 14, item 3): the
// same batches (each one's rows, lines and values), errors in the same
// order among them, and the same counts as one thread, for any number of
// threads and any chunk size.

#include "ingest/MappedFile.h"
#include "ingest/StreamReader.h"

#include <cstdint>
#include <memory>
#include <string>

namespace slac::testing {

// A document written to a file of its own and mapped, as `slac eval`
// reads a plain file on several threads (Parallelism::mapped); the file
// goes with it. file() is null for an empty document (read, not mapped).
class MappedDocument {
public:
  explicit MappedDocument(const std::string& document);
  ~MappedDocument();
  MappedDocument(const MappedDocument&) = delete;
  MappedDocument& operator=(const MappedDocument&) = delete;
  const std::string& path() const { return path_; }
  ingest::MappedFile* file() const { return mapped_.get(); }

private:
  std::string path_;
  std::unique_ptr<ingest::MappedFile> mapped_;
};

// Everything the caller of StreamReader::next sees, in order, written out:
// each batch and each error, the rows left in the batch when reading
// stopped, the counts. With `stopAtError`, the handler says stop at that
// error (0: the first), as `slac eval` does without --on-error=skip.
std::string traceOfRead(const plan::Program& program, std::uint32_t stream,
                        const std::string& document, ingest::DataFormat format,
                        std::size_t batchRows, ingest::Parallelism parallelism,
                        ingest::Compression compression = ingest::Compression::None,
                        std::size_t stopAtError = SIZE_MAX);

// The trace of one thread, and of 2 and 4 threads with chunks of a few
// sizes down to a byte, must be the same, the document read or (on two
// threads, uncompressed) mapped; stopping at the first error too.
void expectSameTraceOnThreads(const plan::Program& program, std::uint32_t stream,
                              const std::string& document, ingest::DataFormat format,
                              std::size_t batchRows,
                              ingest::Compression compression = ingest::Compression::None);

// What a caller of StreamReader::consume sees: the errors in the order
// given (rejections, and refusals of a taker that refuses every record
// whose field 1 is a multiple of 7), each checked to come in file order;
// then, unless reading stopped, every record taken (each row's line and
// values, sorted by line, whichever worker took it) and the counts. With
// `stopAtError` as for traceOfRead.
std::string traceOfConsume(const plan::Program& program, std::uint32_t stream,
                           const std::string& document, ingest::DataFormat format,
                           std::size_t batchRows, ingest::Parallelism parallelism, bool onParsers,
                           std::size_t stopAtError = SIZE_MAX);

// The consume trace of one thread, and of 2 and 4 threads with chunks down
// to a byte, records taken on the parsers or on the calling thread, the
// document read or (on two threads) mapped, must be the same; stopping at
// the first error too.
void expectSameConsumeOnThreads(const plan::Program& program, std::uint32_t stream,
                                const std::string& document, ingest::DataFormat format,
                                std::size_t batchRows);

} // namespace slac::testing
