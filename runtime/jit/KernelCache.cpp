#include "jit/KernelCache.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <dlfcn.h>
#include <fmt/format.h>
#include <fstream>
#include <llvm/ADT/StringExtras.h>
#include <llvm/Bitcode/BitcodeWriter.h>
#include <llvm/Config/llvm-config.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/SHA256.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace slac::jit {

namespace {

// What follows the object in its file: the IR instructions after
// optimisation (8 bytes, little-endian), a SHA-256 of the object and that
// count (32), and the magic (8).
constexpr std::string_view kMagic = "slacko01";
constexpr std::size_t kChecksumBytes = 32;
constexpr std::size_t kTrailerBytes = 8 + kChecksumBytes + kMagic.size();

std::array<std::uint8_t, kChecksumBytes> checksumOf(llvm::StringRef objectAndCount) {
  llvm::SHA256 hash;
  hash.update(objectAndCount);
  return hash.final();
}

std::string fileIdentity(const char* path) {
  struct stat status {};
  if (stat(path, &status) != 0)
    return {};
  return fmt::format("{} {} {}.{} {}:{}", path, status.st_size, status.st_mtim.tv_sec,
                     status.st_mtim.tv_nsec, status.st_dev, status.st_ino);
}

// The executable and, when the JIT is a library of its own, that library:
// any rebuild changes one of them. Empty when neither can be told, and
// then nothing is cached, for a rebuilt slac could change the kernels'
// frame layout under the same IR.
const std::string& compilerIdentity() {
  static const std::string identity = [] {
    std::string executable = fileIdentity("/proc/self/exe");
    if (executable.empty())
      return std::string();
    Dl_info info{};
    if (dladdr(reinterpret_cast<const void*>(&fileIdentity), &info) != 0 && info.dli_fname)
      executable += "\n" + fileIdentity(info.dli_fname);
    return executable;
  }();
  return identity;
}

} // namespace

KernelCache::KernelCache(std::filesystem::path directory, std::uint64_t mostBytes)
    : directory_(std::move(directory)), mostBytes_(mostBytes) {}

std::string KernelCache::keyOf(const llvm::Module& module, const llvm::TargetMachine& machine) {
  if (compilerIdentity().empty())
    return {};
  llvm::SHA256 hash;
  auto add = [&](llvm::StringRef part) {
    hash.update(part);
    hash.update(llvm::StringRef("\0", 1));
  };
  add(kMagic);
  add(LLVM_VERSION_STRING);
  add(compilerIdentity());
  add(machine.getTargetTriple().str());
  add(machine.getTargetCPU());
  add(machine.getTargetFeatureString());
  add(std::to_string(static_cast<int>(machine.getOptLevel())));
  llvm::SmallVector<char, 0> bitcode;
  llvm::raw_svector_ostream out(bitcode);
  llvm::WriteBitcodeToFile(module, out);
  add(llvm::StringRef(bitcode.data(), bitcode.size()));
  return llvm::toHex(hash.final(), /*LowerCase=*/true);
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
  auto file = llvm::MemoryBuffer::getFile(path.string(), /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false);
  if (!file)
    return std::nullopt;
  llvm::StringRef bytes = (*file)->getBuffer();
  if (bytes.size() <= kTrailerBytes || !bytes.ends_with(kMagic))
    return std::nullopt;
  llvm::StringRef objectAndCount = bytes.drop_back(kChecksumBytes + kMagic.size());
  auto checksum = checksumOf(objectAndCount);
  if (std::memcmp(checksum.data(), objectAndCount.end(), kChecksumBytes) != 0)
    return std::nullopt;
  Entry entry;
  const char* count = objectAndCount.end() - 8;
  for (std::size_t byte = 0; byte < 8; ++byte)
    entry.instructions |= std::uint64_t{static_cast<std::uint8_t>(count[byte])} << (8 * byte);
  entry.object = objectAndCount.drop_back(8).str();
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
  for (std::size_t byte = 0; byte < 8; ++byte)
    content.push_back(static_cast<char>(instructions >> (8 * byte)));
  auto checksum = checksumOf(content);
  content.append(checksum.begin(), checksum.end());
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
  evictBeyondLimit();
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
