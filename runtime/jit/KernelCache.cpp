#include "jit/KernelCache.h"

#include <algorithm>
#include <chrono>
#include <dlfcn.h>
#include <fmt/format.h>
#include <fstream>
#include <random>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>
#include <zlib.h>

namespace slac::jit {

namespace {

// What follows the object in its file: the IR instructions after
// optimisation (8 bytes, little-endian), a CRC-32 of the object and that
// count (4), and the magic (8).
constexpr std::string_view kMagic = "slacko02";
constexpr std::size_t kChecksumBytes = 4;
constexpr std::size_t kTrailerBytes = 8 + kChecksumBytes + kMagic.size();

std::uint32_t checksumOf(std::string_view objectAndCount) {
  uLong crc = crc32_z(0L, Z_NULL, 0);
  return static_cast<std::uint32_t>(
      crc32_z(crc, reinterpret_cast<const Bytef*>(objectAndCount.data()), objectAndCount.size()));
}

void appendLittleEndian(std::string& to, std::uint64_t value, std::size_t bytes) {
  for (std::size_t byte = 0; byte < bytes; ++byte)
    to.push_back(static_cast<char>(value >> (8 * byte)));
}

std::uint64_t readLittleEndian(const char* from, std::size_t bytes) {
  std::uint64_t value = 0;
  for (std::size_t byte = 0; byte < bytes; ++byte)
    value |= std::uint64_t{static_cast<std::uint8_t>(from[byte])} << (8 * byte);
  return value;
}

std::string fileIdentity(const char* path) {
  struct stat status {};
  if (stat(path, &status) != 0)
    return {};
  return fmt::format("{} {} {}.{} {}:{}", path, status.st_size, status.st_mtim.tv_sec,
                     status.st_mtim.tv_nsec, status.st_dev, status.st_ino);
}

} // namespace

KernelCache::KernelCache(std::filesystem::path directory, std::uint64_t mostBytes)
    : directory_(std::move(directory)), mostBytes_(mostBytes) {}

// The executable and, when the JIT is a library of its own, that library:
// any rebuild changes one of them.
const std::string& KernelCache::compilerIdentity() {
  static const std::string identity = [] {
    std::string executable = fileIdentity("/proc/self/exe");
    if (executable.empty())
      return std::string();
    Dl_info info{};
    if (dladdr(reinterpret_cast<const void*>(&fileIdentity), &info) != 0 && info.dli_fname)
      executable += fmt::format("\n{}", fileIdentity(info.dli_fname));
    return executable;
  }();
  return identity;
}

std::filesystem::path KernelCache::pathOf(const std::string& key) const {
  return directory_ / (key + ".o");
}

std::optional<KernelCache::Entry> KernelCache::find(const std::string& key) const {
  if (key.empty())
    return std::nullopt;
  std::filesystem::path path = pathOf(key);
  // Code is run from here: only a file of this user that no one else may
  // write.
  struct stat status {};
  if (stat(path.c_str(), &status) != 0 || status.st_uid != geteuid() ||
      (status.st_mode & (S_IWGRP | S_IWOTH)) != 0)
    return std::nullopt;
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
    if (in.bad())
      return std::nullopt;
  }
  if (bytes.size() <= kTrailerBytes || !std::string_view(bytes).ends_with(kMagic))
    return std::nullopt;
  const std::size_t objectAndCount = bytes.size() - kChecksumBytes - kMagic.size();
  if (checksumOf(std::string_view(bytes).substr(0, objectAndCount)) !=
      readLittleEndian(bytes.data() + objectAndCount, kChecksumBytes))
    return std::nullopt;
  Entry entry;
  entry.instructions = readLittleEndian(bytes.data() + objectAndCount - 8, 8);
  bytes.resize(objectAndCount - 8);
  entry.object = std::move(bytes);
  // Recently used: the last to go.
  std::error_code ignored;
  std::filesystem::last_write_time(path, std::filesystem::file_time_type::clock::now(), ignored);
  return entry;
}

std::optional<std::string> KernelCache::store(const std::string& key, std::string_view object,
                                              std::uint64_t instructions) const {
  if (key.empty())
    return "the file of the running slac cannot be told";
  std::error_code error;
  if (std::filesystem::create_directories(directory_, error))
    std::filesystem::permissions(directory_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace, error);
  if (error)
    return fmt::format("cannot make {}: {}", directory_.string(), error.message());
  std::string content(object);
  appendLittleEndian(content, instructions, 8);
  appendLittleEndian(content, checksumOf(content), kChecksumBytes);
  content.append(kMagic);
  // Written aside and renamed: a reader sees the whole file or none.
  std::filesystem::path temporary =
      directory_ / fmt::format("{}.{}.{}.tmp", key, getpid(), std::random_device{}());
  {
    std::ofstream out(temporary, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) {
      std::filesystem::remove(temporary, error);
      return fmt::format("cannot write {}", temporary.string());
    }
  }
  std::filesystem::rename(temporary, pathOf(key), error);
  if (error) {
    std::string problem = fmt::format("cannot write {}: {}", pathOf(key).string(), error.message());
    std::filesystem::remove(temporary, error);
    return problem;
  }
  return std::nullopt;
}

void KernelCache::evictBeyondLimit() const {
  struct Kept {
    std::filesystem::path path;
    std::uint64_t bytes;
    std::filesystem::file_time_type used;
  };
  std::vector<Kept> kept;
  std::uint64_t total = 0;
  const auto now = std::filesystem::file_time_type::clock::now();
  std::error_code error;
  for (const auto& file : std::filesystem::directory_iterator(directory_, error)) {
    std::error_code problem;
    if (!file.is_regular_file(problem))
      continue;
    auto used = file.last_write_time(problem);
    if (problem)
      continue;
    const std::string extension = file.path().extension().string();
    if (extension == ".tmp") {
      // Left by a run that stopped while writing.
      if (now - used > std::chrono::hours(1))
        std::filesystem::remove(file.path(), problem);
      continue;
    }
    if (extension != ".o")
      continue;
    std::uint64_t bytes = file.file_size(problem);
    if (problem)
      continue;
    kept.push_back({file.path(), bytes, used});
    total += bytes;
  }
  if (total <= mostBytes_)
    return;
  std::sort(kept.begin(), kept.end(), [](const Kept& a, const Kept& b) { return a.used < b.used; });
  // Down to three quarters, so that the next runs do not each evict one.
  for (const Kept& file : kept) {
    if (total <= mostBytes_ / 4 * 3)
      break;
    std::error_code problem;
    if (std::filesystem::remove(file.path, problem))
      total -= file.bytes;
  }
}

} // namespace slac::jit
