#include "jit/KernelObject.h"

#include <cstring>
#include <elf.h>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <random>
#include <string>
#include <vector>

namespace slac::jit {
namespace {

std::string readFile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The sample's externals, which record what they were called with.
std::vector<long> calls;
long recordFirst(long x) {
  calls.push_back(x);
  return x * 10;
}
long recordSecond(long x, long y) {
  calls.push_back(x);
  calls.push_back(y);
  return x * 100 + y;
}

const void* resolveSample(std::string_view name) {
  if (name == "sample_first")
    return reinterpret_cast<const void*>(&recordFirst);
  if (name == "sample_second")
    return reinterpret_cast<const void*>(&recordSecond);
  return nullptr;
}

template <typename Function>
Function* functionIn(const LoadedObject& object, std::string_view name) {
  const void* address = object.symbol(name);
  EXPECT_NE(address, nullptr) << name;
  return reinterpret_cast<Function*>(const_cast<void*>(address));
}

// The error of a load, or "" when it loaded.
std::string errorOf(std::string_view object,
                    const std::function<const void*(std::string_view)>& resolve = resolveSample) {
  auto loaded = LoadedObject::load(object, resolve);
  return std::holds_alternative<std::string>(loaded) ? std::get<std::string>(loaded) : "";
}

TEST(KernelObject, LoadsAndRunsTheLargeCodeModel) {
  std::string object = readFile(SLAC_KERNEL_OBJECT_LARGE);
  auto loaded = LoadedObject::load(object, resolveSample);
  ASSERT_TRUE(std::holds_alternative<LoadedObject>(loaded)) << std::get<std::string>(loaded);
  const auto& sample = std::get<LoadedObject>(loaded);

  calls.clear();
  EXPECT_EQ(functionIn<long(long)>(sample, "sample_calls")(5), 50 + 502);
  EXPECT_EQ(calls, (std::vector<long>{5, 5, 2}));

  auto* sampleSwitch = functionIn<long(int, long)>(sample, "sample_switch");
  // kernel-object-sample.c's cases on 1234, worked by hand (1234 ^ 41 =
  // 0b10011010010 ^ 0b101001 = 0b10011111011 = 1275), and -1 outside them.
  const long byCase[] = {1245, 28382, 1197, 1275, 9872, 18, 27, -1235, 1267, 64};
  for (int k = -2; k <= 11; ++k)
    EXPECT_EQ(sampleSwitch(k, 1234), k >= 0 && k < 10 ? byCase[k] : -1) << k;

  const long table[] = {3, 1, 4, 1, 5, 9, 2, 6};
  auto* sampleTable = functionIn<long(unsigned)>(sample, "sample_table");
  for (unsigned i = 0; i < 16; ++i)
    EXPECT_EQ(sampleTable(i), table[i & 7]) << i;

  // counter starts at zero (.bss), accumulated at 100 (.data).
  auto* sampleCount = functionIn<long(long)>(sample, "sample_count");
  EXPECT_EQ(sampleCount(5), 1105);
  EXPECT_EQ(sampleCount(7), 2112);

  // Each load has writable data of its own.
  auto again = LoadedObject::load(object, resolveSample);
  ASSERT_TRUE(std::holds_alternative<LoadedObject>(again)) << std::get<std::string>(again);
  EXPECT_EQ(functionIn<long(long)>(std::get<LoadedObject>(again), "sample_count")(1), 1101);

  EXPECT_EQ(sample.symbol("kTable"), nullptr);       // local
  EXPECT_EQ(sample.symbol("sample_first"), nullptr); // undefined
  EXPECT_EQ(sample.symbol("sample"), nullptr);
}

TEST(KernelObject, MovedFromObjectsFindNothing) {
  auto loaded = LoadedObject::load(readFile(SLAC_KERNEL_OBJECT_LARGE), resolveSample);
  ASSERT_TRUE(std::holds_alternative<LoadedObject>(loaded)) << std::get<std::string>(loaded);
  LoadedObject moved = std::move(std::get<LoadedObject>(loaded));
  EXPECT_NE(moved.symbol("sample_calls"), nullptr);
  EXPECT_EQ(std::get<LoadedObject>(loaded).symbol("sample_calls"), nullptr);
}

TEST(KernelObject, AnUnknownExternalIsRefused) {
  std::string error = errorOf(readFile(SLAC_KERNEL_OBJECT_LARGE), [](std::string_view name) {
    return name == "sample_first" ? resolveSample(name) : nullptr;
  });
  EXPECT_NE(error.find("sample_second"), std::string::npos) << error;
}

// Its 32-bit relocations cannot reach this program's functions, nor an
// absolute address in a mapping above 2 GiB.
TEST(KernelObject, TheSmallCodeModelIsRefused) {
  std::string error = errorOf(readFile(SLAC_KERNEL_OBJECT_SMALL));
  EXPECT_NE(error.find("cannot reach"), std::string::npos) << error;
}

TEST(KernelObject, NotAnObjectIsRefused) {
  EXPECT_NE(errorOf("").find("past the end"), std::string::npos);
  EXPECT_NE(errorOf(std::string(100, 'x')).find("not an ELF object"), std::string::npos);
}

// The section headers come last: every prefix lacks some of them. Each is
// copied to an allocation of its own size, so that the sanitizers see any
// read past it.
TEST(KernelObject, EveryTruncationIsRefused) {
  std::string object = readFile(SLAC_KERNEL_OBJECT_LARGE);
  for (std::size_t length = 0; length < object.size(); ++length) {
    std::vector<char> prefix(object.begin(), object.begin() + length);
    EXPECT_NE(errorOf({prefix.data(), prefix.size()}), "") << length;
  }
}

TEST(KernelObject, CorruptedBytesLoadOrAreRefused) {
  std::string object = readFile(SLAC_KERNEL_OBJECT_LARGE);
  std::mt19937 random(20240611);
  std::uniform_int_distribution<std::size_t> position(0, object.size() - 1);
  std::uniform_int_distribution<int> byte(0, 255);
  int refused = 0;
  for (int round = 0; round < 3000; ++round) {
    std::vector<char> corrupted(object.begin(), object.end());
    corrupted[position(random)] = static_cast<char>(byte(random));
    // Loaded or not, nothing of it runs: the code may be anything.
    refused += errorOf({corrupted.data(), corrupted.size()}) != "";
  }
  EXPECT_GT(refused, 0);
}

TEST(KernelObject, AnUnsupportedRelocationIsNamed) {
  std::string object = readFile(SLAC_KERNEL_OBJECT_LARGE);
  Elf64_Ehdr header;
  std::memcpy(&header, object.data(), sizeof header);
  bool patched = false;
  for (std::size_t index = 0; index < header.e_shnum && !patched; ++index) {
    Elf64_Shdr section;
    std::memcpy(&section, object.data() + header.e_shoff + index * sizeof section, sizeof section);
    if (section.sh_type != SHT_RELA)
      continue;
    Elf64_Shdr target;
    std::memcpy(&target, object.data() + header.e_shoff + section.sh_info * sizeof target,
                sizeof target);
    if (!(target.sh_flags & SHF_EXECINSTR))
      continue;
    Elf64_Rela relocation;
    std::memcpy(&relocation, object.data() + section.sh_offset, sizeof relocation);
    relocation.r_info = ELF64_R_INFO(ELF64_R_SYM(relocation.r_info), R_X86_64_REX_GOTPCRELX);
    std::memcpy(object.data() + section.sh_offset, &relocation, sizeof relocation);
    patched = true;
  }
  ASSERT_TRUE(patched);
  std::string error = errorOf(object);
  EXPECT_NE(error.find("relocation type 42"), std::string::npos) << error;
}

} // namespace
} // namespace slac::jit
