#include "jit/JitLoader.h"

#include "jit/CachedKernels.h"

#include <atomic>
#include <dlfcn.h>
#include <fmt/format.h>
#include <system_error>

namespace slac::jit {

namespace {

std::variant<const JitEntryPoints*, std::string> load() {
  auto module = jitModulePath();
  if (!module)
    return std::string("cannot find the program's own file");
  // Never closed: compiled kernels and LLVM's static state live as long as
  // the process.
  void* handle = dlopen(module->c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    return std::string(dlerror());
  void* entryPoints = dlsym(handle, kEntryPointsSymbol);
  if (!entryPoints)
    return std::string(dlerror());
  return static_cast<const JitEntryPoints*>(entryPoints);
}

std::atomic<bool> moduleTried{false};

class CachedOrCompiled final : public eval::KernelCompiler {
public:
  std::variant<eval::CompiledKernels, std::string>
  compile(const eval::KernelRequest& request) const override {
    if (auto cached = loadCachedKernels(request))
      return std::move(*cached);
    moduleTried = true;
    auto loaded = loadJit();
    if (auto* reason = std::get_if<std::string>(&loaded))
      return fmt::format("the JIT engine cannot be loaded: {}", *reason);
    return std::get<const JitEntryPoints*>(loaded)->compiler->compile(request);
  }
};

} // namespace

std::optional<std::filesystem::path> jitModulePath() {
  std::error_code error;
  std::filesystem::path program = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error)
    return std::nullopt;
  return (program.parent_path() / SLAC_JIT_MODULE).lexically_normal();
}

std::variant<const JitEntryPoints*, std::string> loadJit() {
  static const std::variant<const JitEntryPoints*, std::string> loaded = load();
  return loaded;
}

const eval::KernelCompiler& kernelCompiler() {
  static const CachedOrCompiled compiler;
  return compiler;
}

std::optional<std::string> jitModuleFailure() {
  if (!moduleTried)
    return std::nullopt;
  auto loaded = loadJit();
  if (auto* reason = std::get_if<std::string>(&loaded))
    return *reason;
  return std::nullopt;
}

} // namespace slac::jit
