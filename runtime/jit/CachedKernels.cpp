#include "jit/CachedKernels.h"

#include "jit/KernelCache.h"
#include "jit/KernelCacheKey.h"
#include "jit/KernelHelpers.h"
#include "jit/KernelObject.h"
#include "jit/PerfJitDump.h"
#include "jit/ThreadCpuClock.h"

#include <algorithm>
#include <fmt/format.h>
#include <memory>
#include <vector>

namespace slac::jit {

namespace {

const void* helperNamed(std::string_view name) {
  for (const KernelHelper& helper : kernelHelpers())
    if (helper.name == name)
      return helper.address;
  return nullptr;
}

} // namespace

std::optional<eval::CompiledKernels> loadCachedKernels(const eval::KernelRequest& request) {
  if (request.cacheDirectory.empty())
    return std::nullopt;
  const double started = threadCpuMilliseconds();
  const std::string key = kernelCacheKey(request);
  auto found = KernelCache(request.cacheDirectory).find(key);
  if (!found || found->size() != request.program->streams.size())
    return std::nullopt;
  const double linking = threadCpuMilliseconds();
  eval::CompiledKernels compiled;
  auto objects = std::make_shared<std::vector<LoadedObject>>();
  std::size_t instructions = 0;
  for (const CachedKernel& kernel : *found) {
    compiled.interpreted.push_back(kernel.interpreted);
    if (kernel.function.empty()) {
      compiled.kernels.push_back(nullptr);
      continue;
    }
    auto loaded = LoadedObject::load(kernel.object, helperNamed);
    auto* object = std::get_if<LoadedObject>(&loaded);
    if (!object)
      return std::nullopt;
    const void* function = object->symbol(kernel.function);
    if (!function)
      return std::nullopt;
    announceToPerf(kernel.function, object->code());
    compiled.kernels.push_back(reinterpret_cast<eval::KernelFunction>(const_cast<void*>(function)));
    objects->push_back(std::move(*object));
    instructions += kernel.instructions;
  }
  const double finished = threadCpuMilliseconds();
  const auto streams = compiled.kernels.size();
  const auto fromCache = static_cast<std::size_t>(
      std::count_if(compiled.kernels.begin(), compiled.kernels.end(),
                    [](eval::KernelFunction kernel) { return kernel != nullptr; }));
  compiled.statistics = fmt::format(
      "engine: jit, {} of {} streams compiled ({} from the kernel cache, linked without LLVM), {} "
      "IR instructions after O2; CPU time: cache {:.2f} ms, link {:.2f} ms, total {:.2f} ms\n",
      fromCache, streams, fromCache, instructions, linking - started, finished - linking,
      finished - started);
  compiled.owner = std::move(objects);
  return compiled;
}

} // namespace slac::jit
