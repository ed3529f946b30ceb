#include "jit/JitCompiler.h"

#include "jit/KernelCache.h"
#include "jit/KernelCacheKey.h"
#include "jit/KernelCodegen.h"
#include "jit/KernelHelpers.h"
#include "jit/KernelMachineCode.h"
#include "jit/TargetMachinePool.h"
#include "jit/ThreadCpuClock.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fmt/format.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/IR/Verifier.h>
#include <llvm/MC/TargetRegistry.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/SmallVectorMemoryBuffer.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/Transforms/InstCombine/InstCombine.h>
#include <llvm/Transforms/Scalar/CorrelatedValuePropagation.h>
#include <llvm/Transforms/Scalar/EarlyCSE.h>
#include <llvm/Transforms/Scalar/JumpThreading.h>
#include <llvm/Transforms/Scalar/LICM.h>
#include <llvm/Transforms/Scalar/LoopInstSimplify.h>
#include <llvm/Transforms/Scalar/LoopPassManager.h>
#include <llvm/Transforms/Scalar/LoopRotation.h>
#include <llvm/Transforms/Scalar/LoopSimplifyCFG.h>
#include <llvm/Transforms/Scalar/MemCpyOptimizer.h>
#include <llvm/Transforms/Scalar/Reassociate.h>
#include <llvm/Transforms/Scalar/SROA.h>
#include <llvm/Transforms/Scalar/SimpleLoopUnswitch.h>
#include <llvm/Transforms/Scalar/SimplifyCFG.h>
#include <mutex>
#include <numeric>
#include <optional>
#include <system_error>
#include <thread>

namespace slac::jit {

namespace {

struct Clock {
  using time_point = double; // ms
  static double now() { return threadCpuMilliseconds(); }
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

// The host, without AVX-512: kernels are scalar code (optimize() runs no
// vectorizer, and says why), and on a host that has AVX-512 the code
// generator's mask-register pass alone costs a tenth of a kernel's machine
// code for nothing (docs/performance.md, "Compile time").
llvm::Expected<llvm::orc::JITTargetMachineBuilder> kernelTarget() {
  auto builder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!builder)
    return builder.takeError();
  builder->getFeatures().AddFeature("avx512f", false);
  builder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Default);
  // As ORC's compiler asks: the JIT registers DWARF unwind tables.
  builder->getOptions().MCOptions.EmitDwarfUnwind = llvm::EmitDwarfUnwindType::Always;
  return builder;
}

// O2's function simplification pipeline, the heart of O2, without the
// passes that do nothing for a kernel or nothing worth their time
// (docs/performance.md, "eighteenth session"). O2's interprocedural passes
// find nothing in one function that calls only declarations; its
// optimisation pipeline is vectorizers and unrolling, and kernels are
// scalar loops that call the core on their rare paths. Of the
// simplification pipeline, half the passes changed no example's machine
// code; GVN found nothing EarlyCSE with MemorySSA does not; the loop
// canonicalisation (induction variables, idioms, deletion), dead store
// elimination, two of the four InstCombines and the second value
// propagation changed code but not the instructions a record executes.
// What is gone was a fifth of each example's compile.
llvm::FunctionPassManager kernelPipeline(const llvm::PipelineTuningOptions& tuning) {
  auto simplifyCfg = [] { return llvm::SimplifyCFGOptions().convertSwitchRangeToICmp(true); };
  auto licm = [&](bool speculating) {
    return llvm::LICMPass(tuning.LicmMssaOptCap, tuning.LicmMssaNoAccForPromotionCap, speculating);
  };
  llvm::LoopPassManager loop;
  loop.addPass(llvm::LoopInstSimplifyPass());
  loop.addPass(llvm::LoopSimplifyCFGPass());
  loop.addPass(licm(false));
  loop.addPass(llvm::LoopRotatePass(/*EnableHeaderDuplication=*/true, /*PrepareForLTO=*/false));
  loop.addPass(licm(true));
  loop.addPass(llvm::SimpleLoopUnswitchPass(/*NonTrivial=*/false, /*Trivial=*/true));

  llvm::FunctionPassManager pipeline;
  pipeline.addPass(llvm::SROAPass(llvm::SROAOptions::ModifyCFG));
  pipeline.addPass(llvm::EarlyCSEPass(/*UseMemorySSA=*/true));
  pipeline.addPass(llvm::JumpThreadingPass());
  pipeline.addPass(llvm::CorrelatedValuePropagationPass());
  pipeline.addPass(llvm::InstCombinePass());
  pipeline.addPass(llvm::SimplifyCFGPass(simplifyCfg()));
  pipeline.addPass(llvm::ReassociatePass());
  pipeline.addPass(llvm::createFunctionToLoopPassAdaptor(std::move(loop), /*UseMemorySSA=*/true,
                                                         /*UseBlockFrequencyInfo=*/true));
  pipeline.addPass(llvm::EarlyCSEPass(/*UseMemorySSA=*/true));
  pipeline.addPass(llvm::InstCombinePass());
  // Threading jumps again after the loop passes saved the tickets' kernel
  // 6 of its 190 instructions a ticket.
  pipeline.addPass(llvm::JumpThreadingPass());
  pipeline.addPass(llvm::MemCpyOptPass());
  pipeline.addPass(
      llvm::SimplifyCFGPass(simplifyCfg().hoistCommonInsts(true).sinkCommonInsts(true)));
  return pipeline;
}

// The module, verified and optimised for `machine` by kernelPipeline().
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
  llvm::PipelineTuningOptions tuning;
  llvm::PassBuilder builder(&machine, tuning);
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(sccs);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, sccs, modules);
  llvm::ModulePassManager passes;
  passes.addPass(llvm::createModuleToFunctionPassAdaptor(kernelPipeline(tuning)));
  passes.run(module, modules);
  return std::nullopt;
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
  double optimizing = 0;  // ms of the worker's CPU
  double machineCode = 0; // ms of the worker's CPU
};

void compileToObject(StreamCompilation& compilation, llvm::TargetMachine& machine) {
  llvm::Module& module = *compilation.generated.module;
  auto started = Clock::now();
  if (auto problem = optimize(module, machine)) {
    compilation.error = *problem;
    return;
  }
  compilation.instructions = module.getInstructionCount();
  auto optimized = Clock::now();
  compilation.optimizing = optimized - started;
  llvm::SmallVector<char, 0> object;
  llvm::raw_svector_ostream out(object);
  auto problem = emitMachineCode(module, machine, out, llvm::CodeGenFileType::ObjectFile);
  compilation.machineCode = millisecondsSince(optimized);
  if (problem) {
    compilation.error = *problem;
    return;
  }
  compilation.object = std::make_unique<llvm::SmallVectorMemoryBuffer>(
      std::move(object), module.getModuleIdentifier() + "-jitted-objectbuffer",
      /*RequiresNullTerminator=*/false);
}

// Compiles every stream on up to `threads` threads, the calling one among
// them, the largest kernels first so that the last to finish is a small
// one. Returns how many threads worked.
unsigned compileAll(std::vector<StreamCompilation>& compilations,
                    const llvm::orc::JITTargetMachineBuilder& builder, unsigned threads) {
  std::vector<std::size_t> order(compilations.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::vector<std::size_t> sizes;
  for (const StreamCompilation& compilation : compilations)
    sizes.push_back(compilation.generated.module->getInstructionCount());
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return sizes[a] > sizes[b]; });
  std::atomic<std::size_t> next{0};
  // One target machine per thread, for all the kernels it compiles, from
  // the process's pool (TargetMachinePool.h).
  auto work = [&] {
    std::unique_ptr<llvm::TargetMachine> machine;
    for (std::size_t taken; (taken = next.fetch_add(1)) < order.size();) {
      StreamCompilation& compilation = compilations[order[taken]];
      if (!machine) {
        auto made = TargetMachinePool::process().take(builder);
        if (!made) {
          compilation.error = message(made.takeError());
          continue;
        }
        machine = std::move(*made);
      }
      compileToObject(compilation, *machine);
    }
    if (machine)
      TargetMachinePool::process().giveBack(std::move(machine));
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

// Stores the program's kernels in the request's cache, for the runs after
// this one to link without LLVM; returns why they could not be kept.
std::optional<std::string> keep(const eval::KernelRequest& request,
                                const std::vector<std::string>& interpreted,
                                const std::vector<StreamCompilation>& compilations) {
  std::vector<CachedKernel> kernels(interpreted.size());
  for (std::size_t stream = 0; stream < interpreted.size(); ++stream)
    kernels[stream].interpreted = interpreted[stream];
  for (const StreamCompilation& compilation : compilations) {
    CachedKernel& kernel = kernels[compilation.stream];
    kernel.function = compilation.generated.function;
    kernel.instructions = compilation.instructions;
    kernel.object = compilation.object->getBuffer().str();
  }
  KernelCache cache(request.cacheDirectory);
  auto problem = cache.store(kernelCacheKey(request), kernels);
  if (!problem)
    cache.evictBeyondLimit();
  return problem;
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
  const unsigned used = compileAll(compilations, *machineBuilder, threads);
  double optimizing = 0;
  double machineCode = 0;
  std::size_t instructions = 0;
  for (const StreamCompilation& compilation : compilations) {
    if (!compilation.error.empty())
      return compilation.error;
    optimizing += compilation.optimizing;
    machineCode += compilation.machineCode;
    instructions += compilation.instructions;
  }
  double caching = 0;
  std::optional<std::string> cacheProblem;
  if (!request.cacheDirectory.empty()) {
    auto storing = Clock::now();
    cacheProblem = keep(request, compiled.interpreted, compilations);
    caching = millisecondsSince(storing);
  }

  auto linking = Clock::now();
  auto jit = llvm::orc::LLJITBuilder()
                 .setJITTargetMachineBuilder(std::move(*machineBuilder))
                 // It links objects only: its IR compiler, which would make a
                 // target machine up front, makes one only if ever asked.
                 .setCompileFunctionCreator(
                     [](llvm::orc::JITTargetMachineBuilder target)
                         -> llvm::Expected<std::unique_ptr<llvm::orc::IRCompileLayer::IRCompiler>> {
                       return std::make_unique<llvm::orc::ConcurrentIRCompiler>(std::move(target));
                     })
                 .create();
  if (!jit)
    return message(jit.takeError());
  auto& runtime = (*jit)->getExecutionSession().createBareJITDylib("slac_runtime");
  llvm::orc::SymbolMap symbols;
  for (const KernelHelper& helper : kernelHelpers())
    symbols[(*jit)->mangleAndIntern(helper.name)] = callable(helper.address);
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
  if (!request.cacheDirectory.empty()) {
    fromCache = " (0 from the kernel cache)";
    cacheTime = fmt::format(", cache {:.2f} ms", caching);
  }
  compiled.statistics = fmt::format(
      "engine: jit, {} of {} streams compiled{}, {} IR instructions after O2; CPU time: generate "
      "{:.2f} ms, optimise {:.2f} ms, machine code {:.2f} ms{}, link {:.2f} ms, total {:.2f} ms; "
      "wall time {:.2f} ms on {} thread{}\n",
      compilations.size(), streams, fromCache, instructions, generating, optimizing, machineCode,
      cacheTime, linked, generating + optimizing + machineCode + caching + linked, wall.count(),
      used, used == 1 ? "" : "s");
  if (cacheProblem)
    compiled.statistics += fmt::format("kernel cache: {}\n", *cacheProblem);
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
    if (auto problem = emitMachineCode(*kernel.module, **machine, assemblyOut,
                                       llvm::CodeGenFileType::AssemblyFile))
      return failed(*problem);
    out << std::string_view(assembly.data(), assembly.size());
  }
  return std::variant<std::string, std::string>(std::in_place_index<0>, std::move(text));
}

} // namespace slac::jit
