// The kernel cache's key (jit/KernelCacheKey.h) tells apart every request
// whose kernels could differ: a change to any member the kernel compiler
// reads changes it, and only those the compiler does not read leave it
// alone. A key that missed a member would hand one program's kernels to
// another, a wrong report with nothing to show it.
#include "jit/KernelCacheKey.h"

#include "compile/Compile.h"

#include <functional>
#include <gtest/gtest.h>
#include <string>

namespace slac::jit {
namespace {

class KernelCacheKeyTest : public testing::Test {
protected:
  void SetUp() override {
    compile::Options options;
    options.roots.root = SLAC_SOURCE_DIR;
    compilation_ = std::make_unique<compile::Compilation>(compile::compileFiles(
        {std::string(SLAC_SOURCE_DIR) + "/examples/msp-support.sla"}, options));
    ASSERT_TRUE(compilation_->plan().has_value());
    request_.program = &*compilation_->plan();
    request_.calendars = {{10, 20, false, 7, 0}, {10, 20, true, 10, 8}};
    eval::KernelRoute route;
    route.agreement = 0;
    route.objective = 1;
    route.grouped = true;
    route.groupColumns = {2};
    route.leaves = {3, 4};
    route.sliceLeaves = {{}, {5}};
    route.effectiveStart = 100;
    route.effectiveEnd = 200;
    request_.routes = {{route}};
  }

  // Whether changing the request as `change` does changes its key.
  bool changesTheKey(const std::function<void(eval::KernelRequest&)>& change) const {
    eval::KernelRequest changed = request_;
    change(changed);
    return kernelCacheKey(changed) != kernelCacheKey(request_);
  }

  std::unique_ptr<compile::Compilation> compilation_;
  eval::KernelRequest request_;
};

TEST_F(KernelCacheKeyTest, IsTheSameForTheSameRequest) {
  ASSERT_FALSE(kernelCacheKey(request_).empty());
  EXPECT_EQ(kernelCacheKey(request_), kernelCacheKey(eval::KernelRequest(request_)));
}

TEST_F(KernelCacheKeyTest, ChangesWithWhatTheCompilerIsToldOfACalendar) {
  EXPECT_TRUE(changesTheKey([](auto& r) { r.calendars[1].rangeStart = 11; }));
  EXPECT_TRUE(changesTheKey([](auto& r) { r.calendars[1].rangeEnd = 21; }));
  EXPECT_TRUE(changesTheKey([](auto& r) { r.calendars[1].openThroughout = false; }));
  EXPECT_TRUE(changesTheKey([](auto& r) { r.calendars[1].totalOpen = 9; }));
  EXPECT_TRUE(changesTheKey([](auto& r) { r.calendars[1].businessDay = 9; }));
  EXPECT_TRUE(changesTheKey([](auto& r) { std::swap(r.calendars[0], r.calendars[1]); }));
  EXPECT_TRUE(changesTheKey([](auto& r) { r.calendars.pop_back(); }));
}

TEST_F(KernelCacheKeyTest, ChangesWithEveryMemberOfARoute) {
  auto route = [](eval::KernelRequest& r) -> eval::KernelRoute& { return r.routes[0][0]; };
  EXPECT_TRUE(changesTheKey([&](auto& r) { route(r).agreement = 1; }));
  EXPECT_TRUE(changesTheKey([&](auto& r) { route(r).objective = 2; }));
  EXPECT_TRUE(changesTheKey([&](auto& r) { route(r).grouped = false; }));
  EXPECT_TRUE(changesTheKey([&](auto& r) { route(r).groupColumns = {1}; }));
  EXPECT_TRUE(changesTheKey([&](auto& r) { route(r).groupColumns = {2, 1}; }));
  EXPECT_TRUE(changesTheKey([&](auto& r) { route(r).leaves = {4, 3}; }));
  // The same numbers, nested otherwise.
  EXPECT_TRUE(changesTheKey([&](auto& r) { route(r).sliceLeaves = {{5}, {}}; }));
  EXPECT_TRUE(changesTheKey([&](auto& r) { route(r).effectiveStart = 101; }));
  EXPECT_TRUE(changesTheKey([&](auto& r) { route(r).effectiveEnd = 199; }));
  // The same route read by another stream.
  EXPECT_TRUE(changesTheKey(
      [&](auto& r) { r.routes.insert(r.routes.begin(), std::vector<eval::KernelRoute>()); }));
  EXPECT_TRUE(changesTheKey([&](auto& r) { r.routes[0].push_back(route(r)); }));
}

TEST_F(KernelCacheKeyTest, ChangesWithThePlan) {
  compile::Options options;
  options.roots.root = SLAC_SOURCE_DIR;
  compile::Compilation other =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/examples/distributor.sla"}, options);
  ASSERT_TRUE(other.plan().has_value());
  EXPECT_TRUE(changesTheKey([&](auto& r) { r.program = &*other.plan(); }));
}

TEST_F(KernelCacheKeyTest, IgnoresWhatTheCompilerDoesNotRead) {
  EXPECT_FALSE(changesTheKey([](auto& r) { r.threads = 7; }));
  EXPECT_FALSE(changesTheKey([](auto& r) { r.cacheDirectory = "/elsewhere"; }));
}

} // namespace
} // namespace slac::jit
