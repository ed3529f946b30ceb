#include "ingest/ChunkPipeline.h"

#include <algorithm>

namespace slac::ingest {

namespace {

// Read from the input at a time: the cutter looks at it while it is still
// in the core's cache.
constexpr std::size_t kReadBlock = 1 << 16;

// Light parsed chunks: as many may wait in all, and the taker is woken once
// this many are ready at the front (not once a chunk: a wake-up per chunk
// was a third of the context switches of a run on two threads).
constexpr std::size_t kMostLightSlots = 64;
constexpr std::size_t kTakenTogether = 8;

} // namespace

// In flight: two chunks per parser (one being parsed, one waiting to be
// parsed or taken, or being evaluated by the taker). Four per parser took
// 7-9 MB more on two threads for the same speed; one more took 0.4 MB more
// (the open tickets 15.3 MB, not under 15) for the speed of two per parser
// since the taker evaluates a chunk's records without copying them (the
// probes 2 % faster, the tickets and the cloud the same;
// docs/performance.md, "Peak memory").
ChunkPipeline::ChunkPipeline(std::streambuf& input, MappedFile* mapped, bool csv, char separator,
                             std::size_t chunkBytes, unsigned parsers, bool gateOpen,
                             bool parsersTake, Parse parse)
    : parse_(std::move(parse)), mapped_(mapped), parsersTake_(parsersTake),
      mostInFlight_(2 * std::size_t{parsers}),
      mostSlots_(parsersTake ? std::max(kMostLightSlots, mostInFlight_) : mostInFlight_),
      gateOpen_(gateOpen) {
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
  roomMade_.notify_all();
  workAdded_.notify_all();
  frontReady_.notify_all();
  for (std::thread& thread : threads_)
    thread.join();
}

void ChunkPipeline::openGate() {
  {
    std::lock_guard lock(mutex_);
    gateOpen_ = true;
  }
  workAdded_.notify_all();
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
      if ((mapped_ ? cutter.read(*mapped_, kReadBlock) : cutter.read(input, kReadBlock)) == 0) {
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
  workAdded_.notify_all();
  frontReady_.notify_one();
}

bool ChunkPipeline::hasRoom() const {
  return heavy_ < mostInFlight_ && slots_.size() < mostSlots_;
}

bool ChunkPipeline::takerMayGo() const {
  if (slots_.empty())
    return inputDone_;
  if (!slots_.front()->ready)
    return false;
  if (!parsersTake_ || draining_ || inputDone_ || slots_.front()->piece.chunk.sequential ||
      !hasRoom())
    return true;
  std::size_t readyRun = 0;
  for (const std::unique_ptr<Slot>& slot : slots_) {
    if (!slot->ready)
      return false;
    if (++readyRun == kTakenTogether)
      return true;
  }
  return false;
}

void ChunkPipeline::push(Chunk&& chunk) {
  std::unique_lock lock(mutex_);
  if (!hasRoom() && takerMayGo())
    frontReady_.notify_one(); // only the taker can make room
  roomMade_.wait(lock, [&] { return stopping_ || hasRoom(); });
  if (stopping_)
    return;
  auto slot = std::make_unique<Slot>();
  bool sequential = chunk.sequential;
  slot->ready = sequential;
  slot->piece.chunk = std::move(chunk);
  slots_.push_back(std::move(slot));
  ++heavy_;
  bool wakeTaker = sequential && takerMayGo();
  std::uint64_t taken = takenBefore_;
  lock.unlock();
  // A sequential chunk is the taker's; another is a parser's.
  if (!sequential)
    workAdded_.notify_one();
  else if (wakeTaker)
    frontReady_.notify_one();
  // Here, not by the taker, which evaluates the records.
  if (mapped_)
    mapped_->releaseBefore(taken);
}

void ChunkPipeline::parseChunks(unsigned worker) {
  std::unique_lock lock(mutex_);
  while (true) {
    workAdded_.wait(lock, [&] {
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
    // The records are out of the bytes: they need not wait with them until
    // the chunk is taken (a chunk's worth per parsed chunk in flight).
    std::string().swap(slot.piece.chunk.padded);
    lock.lock();
    slot.ready = true;
    const ParsedChunk& parsed = slot.piece.parsed;
    if (parsed.taken && parsed.rejections.empty() && parsed.refusals.empty()) {
      slot.heavy = false;
      --heavy_;
      roomMade_.notify_one();
    }
    if (takerMayGo())
      frontReady_.notify_one();
  }
}

std::unique_ptr<ChunkPiece> ChunkPipeline::take() {
  std::unique_lock lock(mutex_);
  if (slots_.empty() || !slots_.front()->ready)
    draining_ = false;
  frontReady_.wait(lock, [&] { return takerMayGo(); });
  if (slots_.empty())
    return nullptr;
  draining_ = true;
  std::unique_ptr<Slot> slot = std::move(slots_.front());
  slots_.pop_front();
  heavy_ -= slot->heavy ? 1 : 0;
  ++firstIndex_;
  nextToParse_ = std::max(nextToParse_, firstIndex_);
  // The chunks before this one are parsed, and read by the taker if
  // sequential (it takes the next one once done with one).
  takenBefore_ = slot->piece.chunk.fileOffset;
  lock.unlock();
  roomMade_.notify_one();
  return std::make_unique<ChunkPiece>(std::move(slot->piece));
}

} // namespace slac::ingest
