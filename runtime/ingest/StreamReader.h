#pragma once

// Reads the measurements of one stream from CSV (header row, RFC 4180
// quoting) or NDJSON (one JSON object per line), mapping columns / keys to
// the stream's fields by name and converting each value by the field's type
// and format (plan::FieldFormat). Streaming: memory is bounded by the batch
// size and the longest record, whatever the input's size, so a pipe or
// stdin works as well as a file.

#include "ingest/DecompressingBuffer.h"
#include "ingest/MappedFile.h"
#include "ingest/RecordBatch.h"

#include <functional>
#include <istream>
#include <memory>
#include <vector>

namespace slac::ingest {

enum class DataFormat : std::uint8_t { Csv, Ndjson };

// From the file name, without a `.gz` or `.zst` after it: `.ndjson`/`.jsonl`
// are NDJSON, anything else CSV.
DataFormat formatOfPath(std::string_view path);

// How many threads parse: 1 is the calling thread alone; more cut the
// input into chunks of about `chunkBytes` at record boundaries, parse them
// on `threads` threads (a reading thread comes in addition) and give the
// same batches, errors and counts, in the same order, as one thread.
struct Parallelism {
  // 256 KiB: as fast as 1 MiB on two threads (docs/performance.md, "Peak
  // memory") with a quarter of the memory in flight; four of them are the
  // longest record.
  static constexpr std::size_t kDefaultChunkBytes = std::size_t{1} << 18;
  unsigned threads = 1;
  std::size_t chunkBytes = kDefaultChunkBytes;
  // The input's file, mapped: several threads read it there instead of
  // from the input stream, without copying it (uncompressed input only;
  // must outlive the reader).
  MappedFile* mapped = nullptr;
};

class StreamReader {
public:
  // `input` must outlive the reader. `fileName` is only used in errors.
  // With a `compression`, `input` holds the data compressed that way; data
  // that is corrupt or cut short stops reading with a `malformed_file`
  // error at the line reached.
  // `keptFields` (one per field of the stream; empty: all): the fields
  // whose values go to the batches. The cells of the others are checked as
  // any (a bad one rejects its record) and their columns left empty.
  StreamReader(const plan::Program& program, std::uint32_t stream, std::istream& input,
               std::string fileName, DataFormat format, Compression compression = Compression::None,
               Parallelism parallelism = {}, const std::vector<bool>& keptFields = {});
  ~StreamReader();
  StreamReader(const StreamReader&) = delete;
  StreamReader& operator=(const StreamReader&) = delete;

  // What to do with a rejected record: return true to skip it and go on,
  // false to stop reading (next() then returns false and failed() is true).
  using ErrorHandler = std::function<bool(const DataError&)>;

  // Clears `batch` and fills it with up to `maxRows` accepted records.
  // Returns false, with an empty batch, once nothing more can be read: the
  // input is exhausted or reading stopped on an error.
  bool next(RecordBatch& batch, std::size_t maxRows, const ErrorHandler& onError);

  // Who takes the records read (StreamReader::consume): a batch of them
  // from parser thread `worker` (0 to Parallelism::threads - 1; a worker's
  // calls come from one thread, one at a time) or from the thread that
  // called consume (`worker` == Parallelism::threads). Appends the rows it
  // refuses, in increasing order; returns false to stop reading (why is
  // the taker's to say).
  using RecordTaker =
      std::function<bool(unsigned worker, RecordBatch& rows, std::vector<RowRefusal>& refused)>;
  struct Consumer {
    RecordTaker take;
    // Every record rejected here or refused by `take`, on the calling
    // thread, in file order: what ErrorHandler returns, as for next().
    ErrorHandler onError;
    // After each batch or chunk, on the calling thread; may be empty.
    std::function<void()> progress;
    // Several threads: records are taken on the parser threads that read
    // them, in no order; otherwise on the calling thread, in file order.
    bool onParsers = true;
  };
  // Reads the whole input, instead of next(): every accepted record is
  // given once to `take`, in batches of up to `maxRows` (one thread) or a
  // chunk's records (several), and every rejected or refused one to
  // `onError` in file order, whatever the batches and the threads. Returns
  // false when reading stopped early: `onError` or `take` said so, or the
  // input failed (failed()).
  bool consume(std::size_t maxRows, const Consumer& consumer);

  bool failed() const;
  std::uint64_t recordsRead() const; // accepted and rejected
  std::uint64_t recordsRejected() const;

private:
  class Impl;
  class Parallel;
  std::unique_ptr<Impl> impl_;         // one thread
  std::unique_ptr<Parallel> parallel_; // or more
  unsigned callerWorker_ = 1;          // Parallelism::threads, at least 1
};

} // namespace slac::ingest
