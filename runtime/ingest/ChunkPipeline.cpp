#include "ingest/ChunkPipeline.h"

namespace slac::ingest {

namespace {

// Read from the input at a time: the cutter looks at it while it is still
// in the core's cache.
constexpr std::size_t kReadBlock = 1 << 16;

} // namespace

// In flight: two chunks per parser (one being parsed, one waiting to be
// taken) and two for the reader and the taker. Four per parser took 7-9 MB
// more on two threads for the same speed (docs/performance.md, "Peak
// memory").
ChunkPipeline::ChunkPipeline(std::streambuf& input, bool csv, char separator,
                             std::size_t chunkBytes, unsigned parsers, bool gateOpen, Parse parse)
    : parse_(std::move(parse)), mostInFlight_(2 * std::size_t{parsers} + 2), gateOpen_(gateOpen) {
  threads_.emplace_back(
      [this, &input, csv, separator, chunkBytes] { read(input, csv, separator, chunkBytes); });
  for (unsigned worker = 0; worker < parsers; ++worker)
    threads_.emplace_back([this, worker] { parseChunks(worker); });
}

ChunkPipeline::~ChunkPipeline() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  for (std::thread& thread : threads_)
    thread.join();
}

void ChunkPipeline::openGate() {
  {
    std::lock_guard lock(mutex_);
    gateOpen_ = true;
  }
  changed_.notify_all();
}

void ChunkPipeline::read(std::streambuf& input, bool csv, char separator, std::size_t chunkBytes) {
  ChunkCutter cutter(csv, separator, chunkBytes, [this](Chunk&& chunk) { push(std::move(chunk)); });
  try {
    while (true) {
      {
        std::lock_guard lock(mutex_);
        if (stopping_)
          break;
      }
      if (cutter.read(input, kReadBlock) == 0) {
        cutter.finish();
        break;
      }
    }
  } catch (const DecompressionError& error) {
    cutter.fail(error);
  }
  {
    std::lock_guard lock(mutex_);
    inputDone_ = true;
  }
  changed_.notify_all();
}

void ChunkPipeline::push(Chunk&& chunk) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return stopping_ || slots_.size() < mostInFlight_; });
  if (stopping_)
    return;
  auto slot = std::make_unique<Slot>();
  slot->ready = chunk.sequential;
  slot->piece.chunk = std::move(chunk);
  slots_.push_back(std::move(slot));
  lock.unlock();
  changed_.notify_all();
}

void ChunkPipeline::parseChunks(unsigned worker) {
  std::unique_lock lock(mutex_);
  while (true) {
    changed_.wait(lock, [&] {
      return stopping_ || (inputDone_ && nextToParse_ >= firstIndex_ + slots_.size()) ||
             (gateOpen_ && nextToParse_ < firstIndex_ + slots_.size());
    });
    if (stopping_ || nextToParse_ >= firstIndex_ + slots_.size())
      return;
    Slot& slot = *slots_[nextToParse_ - firstIndex_];
    ++nextToParse_;
    if (slot.ready)
      continue; // sequential: the taker reads it
    lock.unlock();
    parse_(slot.piece.chunk, worker, slot.piece.parsed);
    lock.lock();
    slot.ready = true;
    changed_.notify_all();
  }
}

std::unique_ptr<ChunkPiece> ChunkPipeline::take() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] {
    return (!slots_.empty() && slots_.front()->ready) || (slots_.empty() && inputDone_);
  });
  if (slots_.empty())
    return nullptr;
  std::unique_ptr<Slot> slot = std::move(slots_.front());
  slots_.pop_front();
  ++firstIndex_;
  nextToParse_ = std::max(nextToParse_, firstIndex_);
  lock.unlock();
  changed_.notify_all();
  return std::make_unique<ChunkPiece>(std::move(slot->piece));
}

} // namespace slac::ingest
