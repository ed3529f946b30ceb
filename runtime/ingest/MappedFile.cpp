#include "ingest/MappedFile.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <csignal>
#include <cstdint>
#include <fcntl.h>
#include <mutex>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace slac::ingest {

namespace {

// A mapping the handler answers for. Plain atomics only: the handler reads
// them at any point of any thread.
struct Watched {
  std::atomic<bool> taken{false};
  std::atomic<std::uintptr_t> begin{0}; // 0: nothing watched
  std::atomic<std::uintptr_t> end{0};
  std::atomic<std::size_t> damagedFrom{MappedFile::kNotDamaged};
};

// Files mapped at once, at most: one per stream read on several threads.
constexpr std::size_t kMostWatched = 16;
std::array<Watched, kMostWatched> watched;
std::size_t pageBytes = 0;
struct sigaction previousAction {};
std::once_flag handlerInstalled;

void onBusError(int signal, siginfo_t* info, void* context) {
  auto address = reinterpret_cast<std::uintptr_t>(info->si_addr);
  for (Watched& mapping : watched) {
    std::uintptr_t begin = mapping.begin.load(std::memory_order_acquire);
    if (begin == 0 || address < begin || address >= mapping.end.load(std::memory_order_acquire))
      continue;
    std::uintptr_t page = address & ~std::uintptr_t{pageBytes - 1};
    if (mmap(reinterpret_cast<void*>(page), pageBytes, PROT_READ,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
      break;
    std::size_t offset = page - begin;
    std::size_t seen = mapping.damagedFrom.load(std::memory_order_relaxed);
    while (offset < seen &&
           !mapping.damagedFrom.compare_exchange_weak(seen, offset, std::memory_order_release))
      ;
    return;
  }
  if ((previousAction.sa_flags & SA_SIGINFO) != 0) {
    previousAction.sa_sigaction(signal, info, context);
    return;
  }
  if (previousAction.sa_handler != SIG_DFL && previousAction.sa_handler != SIG_IGN) {
    previousAction.sa_handler(signal);
    return;
  }
  // The fault comes again on return, to the default action: the end the
  // process would have had without this handler (the kernel does not
  // ignore a fault's SIGBUS either).
  struct sigaction fallback {};
  fallback.sa_handler = SIG_DFL;
  sigemptyset(&fallback.sa_mask);
  sigaction(SIGBUS, &fallback, nullptr);
}

std::size_t wholePages(std::size_t bytes) {
  return (bytes + pageBytes - 1) & ~(pageBytes - 1);
}

// Memory is given back behind the chunks taken, but a page touched ahead
// maps its whole folio of the page cache, up to 2 MiB on Linux 6.18 with
// ext4 (the open tickets' peak went from 14.9 to 16.8 MB): the kernel maps
// a whole folio only when it lies in one mapping (VMA). Every other slab
// excluded from core dumps is a VMA of its own (the flags of neighbours
// differ), so that a fault maps at most a slab. Slabs grow with the file,
// so that there are never more than about 8,192 of them (the kernel
// allows 65,530 mappings to a process by default).
void splitIntoSlabs(char* at, std::size_t bytes) {
  constexpr std::size_t kSmallestSlab = std::size_t{256} << 10;
  constexpr std::size_t kMostSlabs = 8192;
  std::size_t slab = std::max(kSmallestSlab, wholePages(bytes / kMostSlabs));
  for (std::size_t offset = slab; offset < bytes; offset += 2 * slab)
    madvise(at + offset, std::min(slab, bytes - offset), MADV_DONTDUMP);
}

void installHandler() {
  pageBytes = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  struct sigaction action {};
  action.sa_sigaction = onBusError;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  sigaction(SIGBUS, &action, &previousAction);
}

} // namespace

std::unique_ptr<MappedFile> MappedFile::open(const std::string& path) {
  std::call_once(handlerInstalled, installHandler);
  int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0)
    return nullptr;
  struct stat status {};
  if (fstat(descriptor, &status) != 0 || !S_ISREG(status.st_mode) || status.st_size <= 0) {
    close(descriptor);
    return nullptr;
  }
  auto size = static_cast<std::size_t>(status.st_size);
  std::size_t readable = wholePages(size);
  unsigned slot = 0;
  for (bool expected = false; slot < kMostWatched; ++slot, expected = false)
    if (watched[slot].taken.compare_exchange_strong(expected, true))
      break;
  if (slot == kMostWatched) {
    close(descriptor);
    return nullptr;
  }
  void* at = mmap(nullptr, readable, PROT_READ, MAP_PRIVATE, descriptor, 0);
  if (at == MAP_FAILED) {
    close(descriptor);
    watched[slot].taken.store(false);
    return nullptr;
  }
  madvise(at, readable, MADV_SEQUENTIAL);
  splitIntoSlabs(static_cast<char*>(at), readable);
  Watched& mapping = watched[slot];
  mapping.damagedFrom.store(kNotDamaged, std::memory_order_relaxed);
  mapping.end.store(reinterpret_cast<std::uintptr_t>(at) + readable, std::memory_order_relaxed);
  mapping.begin.store(reinterpret_cast<std::uintptr_t>(at), std::memory_order_release);
  return std::unique_ptr<MappedFile>(
      new MappedFile(descriptor, static_cast<const char*>(at), size, readable, slot));
}

MappedFile::MappedFile(int descriptor, const char* begin, std::size_t size, std::size_t readable,
                       unsigned slot)
    : descriptor_(descriptor), begin_(begin), size_(size), readable_(readable), slot_(slot) {}

MappedFile::~MappedFile() {
  Watched& mapping = watched[slot_];
  mapping.begin.store(0, std::memory_order_release);
  munmap(const_cast<char*>(begin_), readable_);
  close(descriptor_);
  mapping.taken.store(false, std::memory_order_release);
}

void MappedFile::touch(std::size_t from, std::size_t to) const {
  std::size_t last = std::min(readable_, to + pageBytes);
  for (std::size_t offset = from & ~(pageBytes - 1); offset < last; offset += pageBytes)
    static_cast<void>(*static_cast<const volatile char*>(begin_ + offset));
}

std::size_t MappedFile::damagedFrom() const {
  return watched[slot_].damagedFrom.load(std::memory_order_acquire);
}

bool MappedFile::intact(std::size_t end) const {
  if (damagedFrom() < end)
    return false;
  struct stat status {};
  return fstat(descriptor_, &status) == 0 &&
         static_cast<std::size_t>(std::max<off_t>(status.st_size, 0)) >= std::min(end, size_);
}

void MappedFile::releaseBefore(std::size_t offset) {
  std::size_t end = std::min(offset, size_) & ~(pageBytes - 1);
  if (end <= released_)
    return;
  madvise(const_cast<char*>(begin_) + released_, end - released_, MADV_DONTNEED);
  released_ = end;
}

} // namespace slac::ingest
