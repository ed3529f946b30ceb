#include "jit/PerfJitDump.h"

#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <elf.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <mutex>
#include <string>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace slac::jit {

namespace {

// The layout of tools/perf/Documentation/jitdump-specification.txt
// (version 1): a file header, then a record per function loaded.
struct FileHeader {
  std::uint32_t magic = 0x4A695444; // "JiTD", in the writer's byte order
  std::uint32_t version = 1;
  std::uint32_t totalSize = sizeof(FileHeader);
  std::uint32_t elfMachine = EM_X86_64;
  std::uint32_t padding = 0;
  std::uint32_t pid = 0;
  std::uint64_t timestamp = 0;
  std::uint64_t flags = 0;
};

struct CodeLoad {
  std::uint32_t id = 0; // JIT_CODE_LOAD
  std::uint32_t totalSize = 0;
  std::uint64_t timestamp = 0;
  std::uint32_t pid = 0;
  std::uint32_t tid = 0;
  std::uint64_t virtualAddress = 0;
  std::uint64_t codeAddress = 0;
  std::uint64_t codeSize = 0;
  std::uint64_t codeIndex = 0;
  // Then the name, NUL-terminated, and the code's bytes.
};

// perf matches records to samples by time: `perf record -k mono`.
std::uint64_t monotonicNanoseconds() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<std::uint64_t>(now.tv_sec) * 1'000'000'000 +
         static_cast<std::uint64_t>(now.tv_nsec);
}

class JitDump {
public:
  // The file is jit-PID.dump, and perf finds it because the process maps it
  // executable: the mapping is the marker, never used.
  JitDump() {
    const char* directory = std::getenv("SLAC_PERF_JITDUMP");
    if (!directory || !*directory)
      return;
    std::string path = fmt::format("{}/jit-{}.dump", directory, getpid());
    file_ = open(path.c_str(), O_CREAT | O_TRUNC | O_RDWR, 0600);
    if (file_ < 0)
      return;
    auto pageBytes = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    if (mmap(nullptr, pageBytes, PROT_READ | PROT_EXEC, MAP_PRIVATE, file_, 0) == MAP_FAILED) {
      close(file_);
      file_ = -1;
      return;
    }
    FileHeader header;
    header.pid = static_cast<std::uint32_t>(getpid());
    header.timestamp = monotonicNanoseconds();
    write(&header, sizeof header);
  }

  void announce(std::string_view name, std::string_view code) {
    if (file_ < 0)
      return;
    std::lock_guard lock(mutex_);
    CodeLoad load;
    load.totalSize = static_cast<std::uint32_t>(sizeof load + name.size() + 1 + code.size());
    load.timestamp = monotonicNanoseconds();
    load.pid = static_cast<std::uint32_t>(getpid());
    load.tid = static_cast<std::uint32_t>(syscall(SYS_gettid));
    load.virtualAddress = reinterpret_cast<std::uintptr_t>(code.data());
    load.codeAddress = load.virtualAddress;
    load.codeSize = code.size();
    load.codeIndex = index_++;
    write(&load, sizeof load);
    write(name.data(), name.size());
    write("", 1);
    write(code.data(), code.size());
  }

private:
  // Best effort: a profile with a kernel missing is still a profile.
  void write(const void* bytes, std::size_t size) {
    while (size > 0) {
      ssize_t written = ::write(file_, bytes, size);
      if (written <= 0)
        return;
      bytes = static_cast<const char*>(bytes) + written;
      size -= static_cast<std::size_t>(written);
    }
  }

  int file_ = -1;
  std::mutex mutex_;
  std::uint64_t index_ = 0;
};

} // namespace

void announceToPerf(std::string_view name, std::string_view code) {
  static JitDump dump;
  dump.announce(name, code);
}

} // namespace slac::jit
