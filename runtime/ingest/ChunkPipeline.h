#pragma once

// The threads of a parallel read: one reads the input (a file, a pipe,
// decompressed data) and cuts it into chunks (ChunkCutter), N parse the
// chunks, and the thread that asks for them takes them back in file order.
// At most a few chunks per parser are in flight, so that memory stays
// bounded however long the input is and however slow the taker.

#include "ingest/ChunkCutter.h"
#include "ingest/RecordBatch.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <streambuf>
#include <thread>
#include <vector>

namespace slac::ingest {

// What a parser made of a chunk: its accepted records, and its rejected
// ones with how many accepted records of the chunk came before each; and,
// when the parser also took the records (StreamReader::consume), those it
// refused then and whether reading goes on.
struct ParsedChunk {
  struct Rejection {
    std::size_t acceptedBefore = 0;
    DataError error;
  };
  RecordBatch rows; // empty when the parser took them
  std::vector<Rejection> rejections;
  std::size_t accepted = 0;
  bool taken = false;
  bool goesOn = true;
  std::vector<RowRefusal> refusals; // rows increasing
};

struct ChunkPiece {
  Chunk chunk;
  ParsedChunk parsed; // empty for a sequential chunk
};

class ChunkPipeline {
public:
  // Parses `chunk` into `parsed` on parser thread `worker` (0 to parsers-1).
  using Parse = std::function<void(const Chunk& chunk, unsigned worker, ParsedChunk& parsed)>;

  // Starts reading `input` (which must outlive the pipeline) at once, or
  // `mapped` instead when not null (which then must; its pages are given
  // back as the chunks on them are taken). The
  // parsers wait for openGate() (a CSV header) unless `gateOpen`.
  // `parsersTake`: the parsers take a chunk's records (ParsedChunk::taken),
  // so a parsed chunk without errors keeps nothing of its input: many such
  // chunks may wait, and the taker is woken for several at once. A chunk
  // with errors holds them (up to a rejected record's text each) and
  // counts as one in flight until it is taken.
  ChunkPipeline(std::streambuf& input, MappedFile* mapped, bool csv, char separator,
                std::size_t chunkBytes, unsigned parsers, bool gateOpen, bool parsersTake,
                Parse parse);
  // Stops the threads; a read already started on a pipe finishes first.
  ~ChunkPipeline();
  ChunkPipeline(const ChunkPipeline&) = delete;
  ChunkPipeline& operator=(const ChunkPipeline&) = delete;

  void openGate();
  // The next chunk in file order, parsed unless sequential; null after
  // the last.
  std::unique_ptr<ChunkPiece> take();

private:
  struct Slot {
    ChunkPiece piece;
    bool ready = false;
    bool heavy = true; // holds its input's bytes, its records or its errors
  };

  void read(std::streambuf& input, bool csv, char separator, std::size_t chunkBytes);
  void push(Chunk&& chunk);
  void parseChunks(unsigned worker);
  // With mutex_ held:
  bool hasRoom() const;
  bool takerMayGo() const;

  Parse parse_;
  MappedFile* mapped_;
  bool parsersTake_;
  std::size_t mostInFlight_; // heavy slots
  std::size_t mostSlots_;
  std::size_t heavy_ = 0;
  bool draining_ = false; // the taker takes the ready chunks at the front one after the other
  std::mutex mutex_;
  // One for each kind of waiter, so that a change wakes only a thread it
  // concerns: the reader waits for room, the parsers for chunks to parse,
  // the taker for the first chunk to be ready. (One for all woke every
  // thread at every change: most went back to sleep.)
  std::condition_variable roomMade_;
  std::condition_variable workAdded_;
  std::condition_variable frontReady_;
  std::deque<std::unique_ptr<Slot>> slots_;
  std::uint64_t firstIndex_ = 0;  // of slots_.front()
  std::uint64_t nextToParse_ = 0; // the next chunk a parser takes
  // In a mapped file: where the last chunk taken starts (the reader gives
  // the pages before it back).
  std::uint64_t takenBefore_ = 0;
  bool inputDone_ = false;
  bool stopping_ = false;
  bool gateOpen_;
  std::vector<std::thread> threads_;
};

} // namespace slac::ingest
