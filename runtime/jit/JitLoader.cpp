#include "jit/JitLoader.h"

#include <dlfcn.h>
#include <filesystem>
#include <fmt/format.h>
#include <system_error>

namespace slac::jit {

namespace {

std::variant<const JitEntryPoints*, std::string> load() {
  std::error_code error;
  std::filesystem::path program = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error)
    return fmt::format("cannot find the program's own file: {}", error.message());
  std::filesystem::path module = (program.parent_path() / SLAC_JIT_MODULE).lexically_normal();
  // Never closed: compiled kernels and LLVM's static state live as long as
  // the process.
  void* handle = dlopen(module.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    return std::string(dlerror());
  void* entryPoints = dlsym(handle, kEntryPointsSymbol);
  if (!entryPoints)
    return std::string(dlerror());
  return static_cast<const JitEntryPoints*>(entryPoints);
}

} // namespace

std::variant<const JitEntryPoints*, std::string> loadJit() {
  static const std::variant<const JitEntryPoints*, std::string> loaded = load();
  return loaded;
}

} // namespace slac::jit
