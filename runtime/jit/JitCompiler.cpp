#include "jit/JitCompiler.h"

#include "jit/CalendarCalls.h"
#include "jit/KernelCache.h"
#include "jit/KernelCodegen.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <fmt/format.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/Bitcode/BitcodeWriter.h>
#include <llvm/Config/llvm-config.h>
#include <llvm/ExecutionEngine/Orc/CompileUtils.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/IR/Verifier.h>
#include <llvm/MC/TargetRegistry.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/SHA256.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>
#include <mutex>
#include <numeric>
#include <optional>
#include <system_error>
#include <thread>

namespace slac::jit {

namespace {

// Compile times are the compiling thread's CPU time: on a loaded machine
// the wall clock says more about the neighbours than about the compiler.
struct Clock {
  using time_point = double; // ms
  static double now() {
    timespec spec{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec);
    return static_cast<double>(spec.tv_sec) * 1e3 + static_cast<double>(spec.tv_nsec) / 1e6;
  }
};

double millisecondsSince(Clock::time_point start) {
  return Clock::now() - start;
}

void initializeLlvm() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
}

std::string message(llvm::Error error) {
  return llvm::toString(std::move(error));
}

// The host, without AVX-512: kernels are scalar code (the vectorizers are
// off, optimize() says why), and on a host that has AVX-512 the code
// generator's mask-register pass alone costs a tenth of a kernel's machine
// code for nothing (docs/performance.md, "Compile time").
llvm::Expected<llvm::orc::JITTargetMachineBuilder> kernelTarget() {
  auto builder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!builder)
    return builder.takeError();
  builder->getFeatures().AddFeature("avx512f", false);
  builder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Default);
  return builder;
}

// The module, verified and optimised at O2 for `machine`.
std::optional<std::string> optimize(llvm::Module& module, llvm::TargetMachine& machine) {
  module.setDataLayout(machine.createDataLayout());
  module.setTargetTriple(machine.getTargetTriple().str());
  std::string problems;
  llvm::raw_string_ostream stream(problems);
  if (llvm::verifyModule(module, &stream))
    return "the generated kernel is invalid LLVM IR: " + problems;
  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  llvm::CGSCCAnalysisManager sccs;
  llvm::ModuleAnalysisManager modules;
  // A kernel's loop calls into the core and the calendars on its rare
  // paths and touches counters through pointers: unrolling and the
  // vectorizers find nothing to do there but cost a third of the time.
  llvm::PipelineTuningOptions tuning;
  tuning.LoopUnrolling = false;
  tuning.LoopInterleaving = false;
  tuning.LoopVectorization = false;
  tuning.SLPVectorization = false;
  llvm::PassBuilder builder(&machine, tuning);
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(sccs);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, sccs, modules);
  // O2's function passes and its optimisation pipeline, without the
  // interprocedural ones around them (the inliner's call graph walk,
  // global optimisation, IPSCCP): a kernel is one function calling only
  // declarations, and skipping them saves 5-8 % of a compile with the
  // same kernels' speed (docs/performance.md, "Compile time").
  llvm::ModulePassManager passes;
  passes.addPass(
      llvm::createModuleToFunctionPassAdaptor(builder.buildFunctionSimplificationPipeline(
          llvm::OptimizationLevel::O2, llvm::ThinOrFullLTOPhase::None)));
  passes.addPass(builder.buildModuleOptimizationPipeline(llvm::OptimizationLevel::O2,
                                                         llvm::ThinOrFullLTOPhase::None));
  passes.run(module, modules);
  return std::nullopt;
}

// The kernel cache's key for `module` before it is optimised (KernelCache.h):
// a SHA-256 of its bitcode, the target, LLVM's version and the running
// slac; empty when slac's files cannot be told.
std::string kernelCacheKey(const llvm::Module& module, const llvm::TargetMachine& machine) {
  const std::string& identity = KernelCache::compilerIdentity();
  if (identity.empty())
    return {};
  llvm::SHA256 hash;
  auto add = [&](llvm::StringRef part) {
    hash.update(part);
    hash.update(llvm::StringRef("\0", 1));
  };
  add("slac kernel cache 2");
  add(LLVM_VERSION_STRING);
  add(identity);
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

llvm::orc::ExecutorSymbolDef callable(const void* address) {
  return {llvm::orc::ExecutorAddr::fromPtr(address),
          llvm::JITSymbolFlags::Exported | llvm::JITSymbolFlags::Callable};
}

struct Compiled {
  std::unique_ptr<llvm::orc::LLJIT> jit;
};

// One stream's kernel on its way to machine code: generated by the calling
// thread, then optimised and compiled by one worker, in its own context.
struct StreamCompilation {
  std::uint32_t stream = 0;
  std::unique_ptr<llvm::LLVMContext> context;
  GeneratedKernel generated;
  std::size_t instructions = 0; // after O2
  std::unique_ptr<llvm::MemoryBuffer> object;
  std::string error;
  bool cached = false;      // the object came from the kernel cache
  std::string cacheProblem; // why it could not be kept there
  double optimizing = 0;    // ms of the worker's CPU
  double machineCode = 0;   // ms of the worker's CPU
  double caching = 0;       // ms of the worker's CPU: the key, the file
};

void compileToObject(StreamCompilation& compilation, llvm::orc::JITTargetMachineBuilder builder,
                     const KernelCache* cache) {
  auto machine = builder.createTargetMachine();
  if (!machine) {
    compilation.error = message(machine.takeError());
    return;
  }
  llvm::Module& module = *compilation.generated.module;
  std::string key;
  if (cache) {
    auto looking = Clock::now();
    key = kernelCacheKey(module, **machine);
    auto found = cache->find(key);
    compilation.caching = millisecondsSince(looking);
    if (found) {
      compilation.object =
          llvm::MemoryBuffer::getMemBufferCopy(found->object, "slac cached kernel");
      compilation.instructions = found->instructions;
      compilation.cached = true;
      return;
    }
  }
  auto started = Clock::now();
  if (auto problem = optimize(module, **machine)) {
    compilation.error = *problem;
    return;
  }
  compilation.instructions = module.getInstructionCount();
  auto optimized = Clock::now();
  compilation.optimizing = optimized - started;
  auto object = llvm::orc::SimpleCompiler(**machine)(module);
  compilation.machineCode = millisecondsSince(optimized);
  if (!object) {
    compilation.error = message(object.takeError());
    return;
  }
  compilation.object = std::move(*object);
  if (cache) {
    auto storing = Clock::now();
    if (auto problem = cache->store(key, compilation.object->getBuffer(), compilation.instructions))
      compilation.cacheProblem = *problem;
    compilation.caching += millisecondsSince(storing);
  }
}

// Compiles every stream on up to `threads` threads, the calling one among
// them, the largest kernels first so that the last to finish is a small
// one. Returns how many threads worked.
unsigned compileAll(std::vector<StreamCompilation>& compilations,
                    const llvm::orc::JITTargetMachineBuilder& builder, const KernelCache* cache,
                    unsigned threads) {
  std::vector<std::size_t> order(compilations.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::vector<std::size_t> sizes;
  for (const StreamCompilation& compilation : compilations)
    sizes.push_back(compilation.generated.module->getInstructionCount());
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return sizes[a] > sizes[b]; });
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t taken; (taken = next.fetch_add(1)) < order.size();)
      compileToObject(compilations[order[taken]], builder, cache);
  };
  std::vector<std::jthread> workers;
  const std::size_t wanted = std::min<std::size_t>(threads, compilations.size());
  for (std::size_t worker = 1; worker < wanted; ++worker) {
    try {
      workers.emplace_back(work);
    } catch (const std::system_error&) {
      break; // no thread to be had: the ones there are do the work
    }
  }
  work();
  return static_cast<unsigned>(workers.size() + 1);
}

} // namespace

std::variant<eval::CompiledKernels, std::string>
JitCompiler::compile(const eval::KernelRequest& request) const {
  initializeLlvm();
  auto wallStarted = std::chrono::steady_clock::now();
  auto started = Clock::now();
  eval::CompiledKernels compiled;
  std::vector<StreamCompilation> compilations;
  const auto streams = static_cast<std::uint32_t>(request.program->streams.size());
  compiled.kernels.assign(streams, nullptr);
  for (std::uint32_t stream = 0; stream < streams; ++stream) {
    auto context = std::make_unique<llvm::LLVMContext>();
    GeneratedKernel generated = generateKernel(request, stream, *context);
    compiled.interpreted.push_back(generated.interpreted);
    if (generated.module) {
      StreamCompilation& compilation = compilations.emplace_back();
      compilation.stream = stream;
      compilation.context = std::move(context);
      compilation.generated = std::move(generated);
    }
  }
  double generating = millisecondsSince(started);

  auto machineBuilder = kernelTarget();
  if (!machineBuilder)
    return message(machineBuilder.takeError());
  const unsigned threads =
      request.threads != 0 ? request.threads : std::max(1U, std::thread::hardware_concurrency());
  std::optional<KernelCache> cache;
  if (!request.cacheDirectory.empty())
    cache.emplace(request.cacheDirectory);
  const unsigned used =
      compileAll(compilations, *machineBuilder, cache ? &*cache : nullptr, threads);
  double optimizing = 0;
  double machineCode = 0;
  double caching = 0;
  std::size_t instructions = 0;
  std::size_t cached = 0;
  std::string cacheProblem;
  for (const StreamCompilation& compilation : compilations) {
    if (!compilation.error.empty())
      return compilation.error;
    optimizing += compilation.optimizing;
    machineCode += compilation.machineCode;
    caching += compilation.caching;
    instructions += compilation.instructions;
    cached += compilation.cached ? 1 : 0;
    if (cacheProblem.empty())
      cacheProblem = compilation.cacheProblem;
  }
  if (cache && cached < compilations.size()) {
    auto evicting = Clock::now();
    cache->evictBeyondLimit();
    caching += millisecondsSince(evicting);
  }

  auto linking = Clock::now();
  auto jit =
      llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(std::move(*machineBuilder)).create();
  if (!jit)
    return message(jit.takeError());
  auto& runtime = (*jit)->getExecutionSession().createBareJITDylib("slac_runtime");
  llvm::orc::SymbolMap symbols;
  auto define = [&](const char* name, const void* address) {
    symbols[(*jit)->mangleAndIntern(name)] = callable(address);
  };
  define("slac_kernel_slow_record", reinterpret_cast<const void*>(&slac_kernel_slow_record));
  define("slac_kernel_locate", reinterpret_cast<const void*>(&slac_kernel_locate));
  define("slac_kernel_slow_route", reinterpret_cast<const void*>(&slac_kernel_slow_route));
  define("slac_kernel_locate_slice", reinterpret_cast<const void*>(&slac_kernel_locate_slice));
  define("slac_kernel_add_value", reinterpret_cast<const void*>(&slac_kernel_add_value));
  define("slac_calendar_stretch", reinterpret_cast<const void*>(&slac_calendar_stretch));
  define("slac_calendar_position", reinterpret_cast<const void*>(&slac_calendar_position));
  define("slac_calendar_reach", reinterpret_cast<const void*>(&slac_calendar_reach));
  if (auto error = runtime.define(llvm::orc::absoluteSymbols(std::move(symbols))))
    return message(std::move(error));
  (*jit)->getMainJITDylib().addToLinkOrder(runtime);
  for (StreamCompilation& compilation : compilations)
    if (auto error = (*jit)->addObjectFile(std::move(compilation.object)))
      return message(std::move(error));
  for (const StreamCompilation& compilation : compilations) {
    auto address = (*jit)->lookup(compilation.generated.function);
    if (!address)
      return message(address.takeError());
    compiled.kernels[compilation.stream] = address->toPtr<eval::KernelFunction>();
  }
  double linked = millisecondsSince(linking);
  std::chrono::duration<double, std::milli> wall = std::chrono::steady_clock::now() - wallStarted;
  std::string fromCache;
  std::string cacheTime;
  if (cache) {
    fromCache = fmt::format(" ({} from the kernel cache)", cached);
    cacheTime = fmt::format(", cache {:.2f} ms", caching);
  }
  compiled.statistics = fmt::format(
      "engine: jit, {} of {} streams compiled{}, {} IR instructions after O2; CPU time: generate "
      "{:.2f} ms, optimise {:.2f} ms, machine code {:.2f} ms{}, link {:.2f} ms, total {:.2f} ms; "
      "wall time {:.2f} ms on {} thread{}\n",
      compilations.size(), streams, fromCache, instructions, generating, optimizing, machineCode,
      cacheTime, linked, generating + optimizing + machineCode + caching + linked, wall.count(),
      used, used == 1 ? "" : "s");
  if (!cacheProblem.empty())
    compiled.statistics += fmt::format("kernel cache: {}\n", cacheProblem);
  compiled.owner = std::make_shared<Compiled>(Compiled{std::move(*jit)});
  return compiled;
}

std::variant<std::string, std::string> emitKernels(const eval::KernelRequest& request, Emit emit) {
  auto failed = [](std::string problem) {
    return std::variant<std::string, std::string>(std::in_place_index<1>, std::move(problem));
  };
  initializeLlvm();
  llvm::LLVMContext context;
  std::vector<GeneratedKernel> generated;
  for (std::uint32_t stream = 0; stream < request.program->streams.size(); ++stream)
    generated.push_back(generateKernel(request, stream, context));
  auto machineBuilder = kernelTarget();
  if (!machineBuilder)
    return failed(message(machineBuilder.takeError()));
  auto machine = machineBuilder->createTargetMachine();
  if (!machine)
    return failed(message(machine.takeError()));
  std::string text;
  for (std::size_t stream = 0; stream < generated.size(); ++stream)
    if (!generated[stream].module)
      text +=
          fmt::format("; stream {} is interpreted: {}\n", stream, generated[stream].interpreted);
  llvm::raw_string_ostream out(text);
  for (GeneratedKernel& kernel : generated) {
    if (!kernel.module)
      continue;
    if (auto problem = optimize(*kernel.module, **machine))
      return failed(*problem);
    if (emit == Emit::Llvm) {
      kernel.module->print(out, nullptr);
      continue;
    }
    llvm::SmallVector<char, 0> assembly;
    llvm::raw_svector_ostream assemblyOut(assembly);
    llvm::legacy::PassManager passes;
    if ((*machine)->addPassesToEmitFile(passes, assemblyOut, nullptr,
                                        llvm::CodeGenFileType::AssemblyFile))
      return failed("LLVM cannot emit assembly for this host");
    passes.run(*kernel.module);
    out << std::string_view(assembly.data(), assembly.size());
  }
  return std::variant<std::string, std::string>(std::in_place_index<0>, std::move(text));
}

} // namespace slac::jit
