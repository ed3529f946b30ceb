// The kernel cache's files (jit/KernelCache.h): what is stored comes back
// byte for byte, anything altered, unsafe to run or stored for another key
// never does, and the least recently used files go past the size limit.
// That a changed program misses is shown end to end by
// tests/engine/kernel-cache.sh.

#include "jit/KernelCache.h"

#include <chrono>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace slac::jit {
namespace {

class KernelCacheTest : public ::testing::Test {
protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 fmt::format("slac-kernel-cache-test-{}-{}", getpid(),
                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  // Keys of the length real ones have (a few kilobytes), differing at the
  // end only.
  static std::string keyNumbered(int number) {
    return std::string(4000, 'k') + std::to_string(number);
  }
  std::filesystem::path fileOf(const std::string& key) const {
    return KernelCache(directory_).pathOf(key);
  }
  // Two streams: one compiled, one the interpreter keeps.
  static std::vector<CachedKernel> kernels(std::string object, std::uint64_t instructions) {
    return {{"slac_kernel_0", "", instructions, std::move(object)},
            {"", "reads a text field", 0, ""}};
  }

  std::filesystem::path directory_;
};

TEST_F(KernelCacheTest, GivesBackWhatWasStored) {
  KernelCache cache(directory_);
  std::string object("\x7f"
                     "ELF object bytes\0with a zero",
                     29);
  EXPECT_FALSE(cache.find(keyNumbered(1)));
  EXPECT_EQ(cache.store(keyNumbered(1), kernels(object, 797)), std::nullopt);
  auto found = cache.find(keyNumbered(1));
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 2U);
  EXPECT_EQ((*found)[0].function, "slac_kernel_0");
  EXPECT_EQ((*found)[0].interpreted, "");
  EXPECT_EQ((*found)[0].instructions, 797U);
  EXPECT_EQ((*found)[0].object, object);
  EXPECT_EQ((*found)[1].function, "");
  EXPECT_EQ((*found)[1].interpreted, "reads a text field");
  EXPECT_EQ((*found)[1].object, "");
  EXPECT_FALSE(cache.find(keyNumbered(2)));
  // Made for this user alone.
  auto permissions = std::filesystem::status(directory_).permissions();
  EXPECT_EQ(permissions & std::filesystem::perms::all, std::filesystem::perms::owner_all);
}

// The file is named by a hash of the key; what decides is the whole key it
// holds.
TEST_F(KernelCacheTest, AFileOfTheSameNameHoldingAnotherKeyIsAMiss) {
  KernelCache cache(directory_);
  ASSERT_EQ(cache.store(keyNumbered(1), kernels("object", 1)), std::nullopt);
  std::filesystem::rename(fileOf(keyNumbered(1)), fileOf(keyNumbered(2)));
  EXPECT_FALSE(cache.find(keyNumbered(2)));
  EXPECT_FALSE(cache.find(keyNumbered(1)));
  EXPECT_FALSE(cache.find(""));
  EXPECT_TRUE(cache.store("", kernels("object", 1)));
}

TEST_F(KernelCacheTest, NeverGivesBackAnAlteredOrShortenedFile) {
  KernelCache cache(directory_);
  const std::string object(2000, 'x');
  ASSERT_EQ(cache.store(keyNumbered(3), kernels(object, 12)), std::nullopt);
  std::string stored;
  {
    std::ifstream in(fileOf(keyNumbered(3)), std::ios::binary);
    stored.assign(std::istreambuf_iterator<char>(in), {});
  }
  // The magic (8), the key and its length (4,009), the stream count (8),
  // two streams (8 + 13, 8, 8, 8 + 2,000; 8, 8 + 18, 8, 8), the CRC-32 (4)
  // and the magic again (8).
  ASSERT_EQ(stored.size(), 8U + 4009 + 8 + 2045 + 50 + 4 + 8);
  for (std::size_t at = 0; at < stored.size(); at += 7) {
    std::string bytes = stored;
    bytes[at] = static_cast<char>(bytes[at] ^ 0x01);
    std::ofstream(fileOf(keyNumbered(3)), std::ios::binary) << bytes;
    EXPECT_FALSE(cache.find(keyNumbered(3))) << "byte " << at << " altered";
  }
  for (std::size_t size : {stored.size() - 1, stored.size() / 2, std::size_t{8}, std::size_t{0}}) {
    std::ofstream(fileOf(keyNumbered(3)), std::ios::binary) << stored.substr(0, size);
    EXPECT_FALSE(cache.find(keyNumbered(3))) << size << " bytes";
  }
  std::ofstream(fileOf(keyNumbered(3)), std::ios::binary) << stored;
  EXPECT_TRUE(cache.find(keyNumbered(3)));
}

TEST_F(KernelCacheTest, NeverRunsAFileOthersMayWrite) {
  KernelCache cache(directory_);
  ASSERT_EQ(cache.store(keyNumbered(4), kernels("object", 1)), std::nullopt);
  ASSERT_TRUE(cache.find(keyNumbered(4)));
  std::filesystem::permissions(fileOf(keyNumbered(4)), std::filesystem::perms::group_write,
                               std::filesystem::perm_options::add);
  EXPECT_FALSE(cache.find(keyNumbered(4)));
}

TEST_F(KernelCacheTest, NeverReadsAFileLargerThanTheWholeCache) {
  ASSERT_EQ(KernelCache(directory_).store(keyNumbered(6), kernels("object", 1)), std::nullopt);
  EXPECT_TRUE(KernelCache(directory_).find(keyNumbered(6)));
  EXPECT_FALSE(KernelCache(directory_, 4096).find(keyNumbered(6)));
}

TEST_F(KernelCacheTest, EvictsTheLeastRecentlyUsedPastItsLimit) {
  KernelCache cache(directory_, 8 * 10000);
  // Files of about 10,000 bytes: eight fit in 80,000.
  const std::string object(10000 - 4140, 'o');
  for (int key = 0; key < 8; ++key) {
    ASSERT_EQ(cache.store(keyNumbered(key), kernels(object, 1)), std::nullopt);
    // Distinct times, whatever the file system's resolution.
    std::filesystem::last_write_time(fileOf(keyNumbered(key)),
                                     std::filesystem::file_time_type::clock::now() -
                                         std::chrono::hours(8 - key));
  }
  for (int key = 0; key < 8; ++key)
    ASSERT_TRUE(std::filesystem::exists(fileOf(keyNumbered(key)))) << key;
  // Using the oldest makes it the newest.
  ASSERT_TRUE(cache.find(keyNumbered(0)));
  ASSERT_EQ(cache.store(keyNumbered(8), kernels(object, 1)), std::nullopt);
  cache.evictBeyondLimit();
  // 90,000 > 80,000: down to 60,000, the least recently used first.
  std::uintmax_t total = 0;
  for (const auto& file : std::filesystem::directory_iterator(directory_))
    total += file.file_size();
  EXPECT_LE(total, 60000U);
  for (int key : {1, 2, 3})
    EXPECT_FALSE(std::filesystem::exists(fileOf(keyNumbered(key)))) << key;
  for (int key : {0, 4, 5, 6, 7, 8})
    EXPECT_TRUE(std::filesystem::exists(fileOf(keyNumbered(key)))) << key;
}

TEST_F(KernelCacheTest, ADirectoryThatCannotBeMadeIsACacheThatMisses) {
  std::ofstream(directory_.string()) << "a file where the directory should be";
  KernelCache cache(directory_ / "kernels");
  auto problem = cache.store(keyNumbered(5), kernels("object", 1));
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("cannot make"), std::string::npos) << *problem;
  EXPECT_FALSE(cache.find(keyNumbered(5)));
  std::filesystem::remove(directory_);
}

} // namespace
} // namespace slac::jit
