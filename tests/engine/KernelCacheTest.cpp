// The kernel cache's files (jit/KernelCache.h): what is stored comes back
// byte for byte, anything altered or unsafe to run never does, and the
// least recently used objects go past the size limit. That a changed
// program misses is shown end to end by tests/engine/kernel-cache.sh.

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

  static std::string keyNumbered(int number) {
    return std::string(63, 'a') + std::to_string(number % 10);
  }
  std::filesystem::path fileOf(const std::string& key) const { return directory_ / (key + ".o"); }

  std::filesystem::path directory_;
};

TEST_F(KernelCacheTest, GivesBackWhatWasStoredWithItsInstructionCount) {
  KernelCache cache(directory_);
  std::string object("\x7f"
                     "ELF object bytes\0with a zero",
                     29);
  EXPECT_FALSE(cache.find(keyNumbered(1)));
  EXPECT_EQ(cache.store(keyNumbered(1), object, 797), std::nullopt);
  auto found = cache.find(keyNumbered(1));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->object, object);
  EXPECT_EQ(found->instructions, 797U);
  EXPECT_FALSE(cache.find(keyNumbered(2)));
  // Made for this user alone.
  auto permissions = std::filesystem::status(directory_).permissions();
  EXPECT_EQ(permissions & std::filesystem::perms::all, std::filesystem::perms::owner_all);
}

TEST_F(KernelCacheTest, NeverGivesBackAnAlteredOrShortenedFile) {
  KernelCache cache(directory_);
  const std::string object(2000, 'x');
  for (std::size_t at : {std::size_t{0}, std::size_t{1000}, std::size_t{1999}, std::size_t{2003},
                         std::size_t{2009}, std::size_t{2019}}) {
    ASSERT_EQ(cache.store(keyNumbered(3), object, 12), std::nullopt);
    std::string bytes;
    {
      std::ifstream in(fileOf(keyNumbered(3)), std::ios::binary);
      bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    ASSERT_EQ(bytes.size(), 2020U); // the object, its count (8), CRC-32 (4) and magic (8)
    bytes[at] = static_cast<char>(bytes[at] ^ 0x01);
    std::ofstream(fileOf(keyNumbered(3)), std::ios::binary) << bytes;
    EXPECT_FALSE(cache.find(keyNumbered(3))) << "byte " << at << " altered";
  }
  ASSERT_EQ(cache.store(keyNumbered(3), object, 12), std::nullopt);
  std::filesystem::resize_file(fileOf(keyNumbered(3)), 2019);
  EXPECT_FALSE(cache.find(keyNumbered(3)));
  std::filesystem::resize_file(fileOf(keyNumbered(3)), 0);
  EXPECT_FALSE(cache.find(keyNumbered(3)));
}

TEST_F(KernelCacheTest, NeverRunsAFileOthersMayWrite) {
  KernelCache cache(directory_);
  ASSERT_EQ(cache.store(keyNumbered(4), "object", 1), std::nullopt);
  ASSERT_TRUE(cache.find(keyNumbered(4)));
  std::filesystem::permissions(fileOf(keyNumbered(4)), std::filesystem::perms::group_write,
                               std::filesystem::perm_options::add);
  EXPECT_FALSE(cache.find(keyNumbered(4)));
}

TEST_F(KernelCacheTest, EvictsTheLeastRecentlyUsedPastItsLimit) {
  // Objects of 980 bytes are files of 1000: eight fit in 8000.
  KernelCache cache(directory_, 8000);
  const std::string object(980, 'o');
  for (int key = 0; key < 8; ++key) {
    ASSERT_EQ(cache.store(keyNumbered(key), object, 1), std::nullopt);
    // Distinct times, whatever the file system's resolution.
    std::filesystem::last_write_time(fileOf(keyNumbered(key)),
                                     std::filesystem::file_time_type::clock::now() -
                                         std::chrono::hours(8 - key));
  }
  for (int key = 0; key < 8; ++key)
    ASSERT_TRUE(std::filesystem::exists(fileOf(keyNumbered(key)))) << key;
  // Using the oldest makes it the newest.
  ASSERT_TRUE(cache.find(keyNumbered(0)));
  ASSERT_EQ(cache.store(keyNumbered(8), object, 1), std::nullopt);
  cache.evictBeyondLimit();
  // 9000 > 8000: down to 6000, the least recently used first.
  std::uintmax_t total = 0;
  for (const auto& file : std::filesystem::directory_iterator(directory_))
    total += file.file_size();
  EXPECT_LE(total, 6000U);
  for (int key : {1, 2, 3})
    EXPECT_FALSE(std::filesystem::exists(fileOf(keyNumbered(key)))) << key;
  for (int key : {0, 4, 5, 6, 7, 8})
    EXPECT_TRUE(std::filesystem::exists(fileOf(keyNumbered(key)))) << key;
}

TEST_F(KernelCacheTest, ADirectoryThatCannotBeMadeIsACacheThatMisses) {
  std::ofstream(directory_.string()) << "a file where the directory should be";
  KernelCache cache(directory_ / "kernels");
  auto problem = cache.store(keyNumbered(5), "object", 1);
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("cannot make"), std::string::npos) << *problem;
  EXPECT_FALSE(cache.find(keyNumbered(5)));
  std::filesystem::remove(directory_);
}

} // namespace
} // namespace slac::jit
