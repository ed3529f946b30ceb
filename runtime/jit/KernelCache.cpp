#include "jit/KernelCache.h"

#include <algorithm>
#include <chrono>
#include <fmt/format.h>
#include <fstream>
#include <random>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>
#include <zlib.h>

namespace slac::jit {

namespace {

// A file: the magic, then the key, the number of streams and each stream's
// function, reason, instruction count and object, every text preceded by
// its length (8 bytes, little-endian); then a CRC-32 of all that (4) and
// the magic again (8).
constexpr std::string_view kMagic = "slacks03";
constexpr std::size_t kChecksumBytes = 4;
constexpr std::string_view kExtension = ".kernels";

std::uint32_t checksumOf(std::string_view bytes) {
  uLong crc = crc32_z(0L, Z_NULL, 0);
  return static_cast<std::uint32_t>(
      crc32_z(crc, reinterpret_cast<const Bytef*>(bytes.data()), bytes.size()));
}

void appendLittleEndian(std::string& to, std::uint64_t value, std::size_t bytes) {
  for (std::size_t byte = 0; byte < bytes; ++byte)
    to.push_back(static_cast<char>(value >> (8 * byte)));
}

void appendText(std::string& to, std::string_view text) {
  appendLittleEndian(to, text.size(), 8);
  to.append(text);
}

std::uint64_t readLittleEndian(const char* from, std::size_t bytes) {
  std::uint64_t value = 0;
  for (std::size_t byte = 0; byte < bytes; ++byte)
    value |= std::uint64_t{static_cast<std::uint8_t>(from[byte])} << (8 * byte);
  return value;
}

// Reads what appendLittleEndian and appendText wrote, failing once past
// the end.
class Reader {
public:
  explicit Reader(std::string_view bytes) : rest_(bytes) {}

  std::optional<std::uint64_t> number() {
    if (rest_.size() < 8)
      return std::nullopt;
    std::uint64_t value = readLittleEndian(rest_.data(), 8);
    rest_.remove_prefix(8);
    return value;
  }
  std::optional<std::string_view> text() {
    auto size = number();
    if (!size || *size > rest_.size())
      return std::nullopt;
    std::string_view text = rest_.substr(0, *size);
    rest_.remove_prefix(*size);
    return text;
  }
  bool atEnd() const { return rest_.empty(); }

private:
  std::string_view rest_;
};

// FNV-1a: the file's name only; the key inside decides.
std::uint64_t nameHash(std::string_view key) {
  std::uint64_t hash = 0xcbf29ce484222325;
  for (char byte : key)
    hash = (hash ^ static_cast<std::uint8_t>(byte)) * 0x100000001b3;
  return hash;
}

std::optional<std::vector<CachedKernel>> parse(std::string_view bytes, std::string_view key) {
  const std::size_t trailer = kChecksumBytes + kMagic.size();
  if (bytes.size() < kMagic.size() + trailer || !bytes.starts_with(kMagic) ||
      !bytes.ends_with(kMagic))
    return std::nullopt;
  std::string_view content = bytes.substr(0, bytes.size() - trailer);
  if (checksumOf(content) != readLittleEndian(bytes.data() + content.size(), kChecksumBytes))
    return std::nullopt;
  Reader reader(content.substr(kMagic.size()));
  auto storedKey = reader.text();
  auto streams = reader.number();
  if (!storedKey || *storedKey != key || !streams)
    return std::nullopt;
  std::vector<CachedKernel> kernels;
  for (std::uint64_t stream = 0; stream < *streams; ++stream) {
    auto function = reader.text();
    auto interpreted = reader.text();
    auto instructions = reader.number();
    auto object = reader.text();
    if (!function || !interpreted || !instructions || !object)
      return std::nullopt;
    kernels.push_back(
        {std::string(*function), std::string(*interpreted), *instructions, std::string(*object)});
  }
  if (!reader.atEnd())
    return std::nullopt;
  return kernels;
}

} // namespace

KernelCache::KernelCache(std::filesystem::path directory, std::uint64_t mostBytes)
    : directory_(std::move(directory)), mostBytes_(mostBytes) {}

std::filesystem::path KernelCache::pathOf(std::string_view key) const {
  return directory_ / fmt::format("{:016x}{}", nameHash(key), kExtension);
}

std::optional<std::vector<CachedKernel>> KernelCache::find(std::string_view key) const {
  if (key.empty())
    return std::nullopt;
  std::filesystem::path path = pathOf(key);
  // Code is run from here: only a file of this user that no one else may
  // write, and none larger than the whole cache may be (read whole).
  struct stat status {};
  if (stat(path.c_str(), &status) != 0 || status.st_uid != geteuid() ||
      (status.st_mode & (S_IWGRP | S_IWOTH)) != 0 ||
      static_cast<std::uint64_t>(status.st_size) > mostBytes_)
    return std::nullopt;
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
    if (in.bad())
      return std::nullopt;
  }
  auto kernels = parse(bytes, key);
  if (!kernels)
    return std::nullopt;
  // Recently used: the last to go.
  std::error_code ignored;
  std::filesystem::last_write_time(path, std::filesystem::file_time_type::clock::now(), ignored);
  return kernels;
}

std::optional<std::string> KernelCache::store(std::string_view key,
                                              const std::vector<CachedKernel>& kernels) const {
  if (key.empty())
    return "the files of the running slac cannot be told";
  std::error_code error;
  if (std::filesystem::create_directories(directory_, error))
    std::filesystem::permissions(directory_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace, error);
  if (error)
    return fmt::format("cannot make {}: {}", directory_.string(), error.message());
  std::string content(kMagic);
  appendText(content, key);
  appendLittleEndian(content, kernels.size(), 8);
  for (const CachedKernel& kernel : kernels) {
    appendText(content, kernel.function);
    appendText(content, kernel.interpreted);
    appendLittleEndian(content, kernel.instructions, 8);
    appendText(content, kernel.object);
  }
  appendLittleEndian(content, checksumOf(content), kChecksumBytes);
  content.append(kMagic);
  const std::filesystem::path path = pathOf(key);
  // Written aside and renamed: a reader sees the whole file or none.
  std::filesystem::path temporary =
      fmt::format("{}.{}.{}.tmp", path.string(), getpid(), std::random_device{}());
  {
    std::ofstream out(temporary, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) {
      std::filesystem::remove(temporary, error);
      return fmt::format("cannot write {}", temporary.string());
    }
  }
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::string problem = fmt::format("cannot write {}: {}", path.string(), error.message());
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
    if (extension != kExtension)
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
