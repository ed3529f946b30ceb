// A process that compiles again gives the same machine code: the second
// compile of a program takes the target machines the first one made from
// the process's pool (runtime/jit/TargetMachinePool.h), and whatever they
// kept from the first compile must not reach the code. Compared byte for
// byte through the kernel cache's files, with the kernels compiled on two
// threads, and again after other programs were compiled in between.
#include "compile/Compile.h"
#include "eval/Evaluator.h"
#include "jit/JitLoader.h"

#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <sstream>
#include <unistd.h>

namespace slac {
namespace {

class RepeatedCompileTest : public ::testing::Test {
protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            fmt::format("slac-repeated-compile-test-{}", getpid());
    std::filesystem::remove_all(root_);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  // Compiles the example's kernels into a kernel cache of their own and
  // returns the cache's files by name (a hash of the key) with their bytes.
  std::map<std::string, std::string> compiled(const std::string& example,
                                              const std::string& cache) {
    compile::Compilation compilation =
        compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/examples/" + example});
    EXPECT_TRUE(compilation.plan().has_value()) << example;
    if (!compilation.plan())
      return {};
    auto loaded = jit::loadJit();
    auto* jit = std::get_if<const jit::JitEntryPoints*>(&loaded);
    EXPECT_TRUE(jit) << std::get<std::string>(loaded);
    if (!jit)
      return {};
    eval::EvaluationOptions options;
    options.compiler = (*jit)->compiler;
    options.compileThreads = 2;
    options.kernelCache = (root_ / cache).string();
    auto created = eval::Evaluator::create(*compilation.plan(), options);
    EXPECT_EQ(created.index(), 0U);
    std::map<std::string, std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(root_ / cache)) {
      std::ifstream input(entry.path(), std::ios::binary);
      std::ostringstream bytes;
      bytes << input.rdbuf();
      files[entry.path().filename().string()] = bytes.str();
    }
    return files;
  }

  std::filesystem::path root_;
};

TEST_F(RepeatedCompileTest, GivesTheSameObjectCodeAsTheFirstCompile) {
  auto first = compiled("distributor.sla", "first");
  ASSERT_EQ(first.size(), 1U);
  EXPECT_EQ(compiled("distributor.sla", "second"), first);
  EXPECT_EQ(compiled("cloud-availability.sla", "other").size(), 1U);
  EXPECT_EQ(compiled("msp-support.sla", "another").size(), 1U);
  EXPECT_EQ(compiled("distributor.sla", "third"), first);
}

} // namespace
} // namespace slac
