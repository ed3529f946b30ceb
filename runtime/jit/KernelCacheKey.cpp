#include "jit/KernelCacheKey.h"

#include "jit/JitLoader.h"
#include "plan/PlanPrinter.h"

#include <cpuid.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sys/stat.h>

namespace slac::jit {

namespace {

// Bumped when the key's layout changes.
constexpr std::string_view kKeyVersion = "slac kernel cache key 3";

std::string fileIdentity(const char* path) {
  struct stat status {};
  if (stat(path, &status) != 0)
    return {};
  return fmt::format("{} {} {}.{} {}:{}", path, status.st_size, status.st_mtim.tv_sec,
                     status.st_mtim.tv_nsec, status.st_dev, status.st_ino);
}

// Each member of the request the compiler reads, by name: a member added to
// KernelRequest, KernelCalendar or KernelRoute stops this from compiling
// until it is written here too.
std::string requestText(const eval::KernelRequest& request) {
  const auto& [program, calendars, routes, threads /* not read */, cacheDirectory /* not read */] =
      request;
  std::string text = plan::printPlan(*program);
  for (std::size_t index = 0; index < calendars.size(); ++index) {
    const auto& [rangeStart, rangeEnd, openThroughout, totalOpen, businessDay] = calendars[index];
    text += fmt::format(
        "prepared calendar #{} from {} to {} open throughout {} open {} business day {}\n", index,
        rangeStart, rangeEnd, openThroughout, totalOpen, businessDay);
  }
  for (std::size_t stream = 0; stream < routes.size(); ++stream)
    for (const eval::KernelRoute& route : routes[stream]) {
      const auto& [agreement, objective, grouped, groupColumns, leaves, sliceLeaves, effectiveStart,
                   effectiveEnd] = route;
      text += fmt::format("route of stream#{}: agreement#{} objective#{} grouped {} by {} "
                          "leaves {} slices {} effective {} to {}\n",
                          stream, agreement, objective, grouped, groupColumns, leaves, sliceLeaves,
                          effectiveStart, effectiveEnd);
    }
  return text;
}

} // namespace

const std::string& compilerIdentity() {
  static const std::string identity = [] {
    std::string program = fileIdentity("/proc/self/exe");
    auto module = jitModulePath();
    std::string jit = module ? fileIdentity(module->c_str()) : std::string();
    if (program.empty() || jit.empty())
      return std::string();
    return fmt::format("{}\n{}", program, jit);
  }();
  return identity;
}

// The cpuid leaves LLVM's host detection reads (llvm/lib/TargetParser/
// Host.cpp), whole but for what differs between the cores of one machine
// (the APIC id in leaf 1, the core count in 0x80000008).
const std::string& processorIdentity() {
  static const std::string identity = [] {
    std::string text;
    auto leaf = [&](unsigned number, unsigned subleaf, unsigned mask[4]) {
      unsigned registers[4] = {0, 0, 0, 0};
      if (__get_cpuid_count(number, subleaf, &registers[0], &registers[1], &registers[2],
                            &registers[3]) == 0)
        return;
      text += fmt::format("cpuid {:x}.{}: {:08x} {:08x} {:08x} {:08x}\n", number, subleaf,
                          registers[0] & mask[0], registers[1] & mask[1], registers[2] & mask[2],
                          registers[3] & mask[3]);
    };
    unsigned whole[4] = {~0U, ~0U, ~0U, ~0U};
    unsigned noApicId[4] = {~0U, 0x00ffffffU, ~0U, ~0U};
    unsigned featuresOnly[4] = {0, ~0U, 0, 0};
    leaf(0, 0, whole);
    leaf(1, 0, noApicId);
    leaf(7, 0, whole);
    leaf(7, 1, whole);
    leaf(0xd, 1, whole);
    leaf(0x14, 0, whole);
    leaf(0x19, 0, whole);
    leaf(0x24, 0, whole);
    leaf(0x80000000, 0, whole);
    leaf(0x80000001, 0, whole);
    leaf(0x80000008, 0, featuresOnly);
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    constexpr unsigned kOsSavesRegisters = 1U << 27; // OSXSAVE
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) != 0 && (ecx & kOsSavesRegisters) != 0) {
      unsigned low = 0, high = 0;
      __asm__("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
      text += fmt::format("xcr0: {:08x}{:08x}\n", high, low);
    }
    return text;
  }();
  return identity;
}

std::string kernelCacheKey(const eval::KernelRequest& request) {
  const std::string& compiler = compilerIdentity();
  if (compiler.empty())
    return {};
  return fmt::format("{}\n{}\n{}{}", kKeyVersion, compiler, processorIdentity(),
                     requestText(request));
}

} // namespace slac::jit
