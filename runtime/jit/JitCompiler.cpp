#include "jit/JitCompiler.h"

#include "jit/CalendarCalls.h"
#include "jit/KernelCodegen.h"

#include <ctime>
#include <fmt/format.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/IR/Verifier.h>
#include <llvm/MC/TargetRegistry.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>
#include <mutex>

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
  builder.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O2).run(module, modules);
  return std::nullopt;
}

llvm::orc::ExecutorSymbolDef callable(const void* address) {
  return {llvm::orc::ExecutorAddr::fromPtr(address),
          llvm::JITSymbolFlags::Exported | llvm::JITSymbolFlags::Callable};
}

struct Compiled {
  std::unique_ptr<llvm::orc::LLJIT> jit;
};

} // namespace

std::variant<eval::CompiledKernels, std::string>
JitCompiler::compile(const eval::KernelRequest& request) const {
  initializeLlvm();
  auto started = Clock::now();
  auto context = std::make_unique<llvm::LLVMContext>();
  GeneratedKernels generated = generateKernels(request, *context);
  double generating = millisecondsSince(started);

  auto machineBuilder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!machineBuilder)
    return message(machineBuilder.takeError());
  machineBuilder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Default);
  auto machine = machineBuilder->createTargetMachine();
  if (!machine)
    return message(machine.takeError());
  auto optimizing = Clock::now();
  if (auto problem = optimize(*generated.module, **machine))
    return *problem;
  double optimized = millisecondsSince(optimizing);

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
  std::size_t instructions = generated.module->getInstructionCount();
  if (auto error = (*jit)->addIRModule(
          llvm::orc::ThreadSafeModule(std::move(generated.module), std::move(context))))
    return message(std::move(error));

  eval::CompiledKernels compiled;
  std::size_t count = 0;
  for (const std::string& function : generated.functions) {
    if (function.empty()) {
      compiled.kernels.push_back(nullptr);
      continue;
    }
    auto address = (*jit)->lookup(function);
    if (!address)
      return message(address.takeError());
    compiled.kernels.push_back(address->toPtr<eval::KernelFunction>());
    ++count;
  }
  compiled.interpreted = std::move(generated.interpreted);
  compiled.statistics = fmt::format(
      "engine: jit, {} of {} streams compiled, {} IR instructions after O2; CPU time: generate "
      "{:.2f} ms, optimise {:.2f} ms, machine code {:.2f} ms, total {:.2f} ms\n",
      count, compiled.kernels.size(), instructions, generating, optimized,
      millisecondsSince(linking), millisecondsSince(started));
  compiled.owner = std::make_shared<Compiled>(Compiled{std::move(*jit)});
  return compiled;
}

std::variant<std::string, std::string> emitKernels(const eval::KernelRequest& request, Emit emit) {
  initializeLlvm();
  llvm::LLVMContext context;
  GeneratedKernels generated = generateKernels(request, context);
  auto machineBuilder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!machineBuilder)
    return std::variant<std::string, std::string>(std::in_place_index<1>,
                                                  message(machineBuilder.takeError()));
  auto machine = machineBuilder->createTargetMachine();
  if (!machine)
    return std::variant<std::string, std::string>(std::in_place_index<1>,
                                                  message(machine.takeError()));
  if (auto problem = optimize(*generated.module, **machine))
    return std::variant<std::string, std::string>(std::in_place_index<1>, *problem);
  std::string text;
  for (std::size_t stream = 0; stream < generated.functions.size(); ++stream)
    if (generated.functions[stream].empty())
      text +=
          fmt::format("; stream {} is interpreted: {}\n", stream, generated.interpreted[stream]);
  llvm::raw_string_ostream out(text);
  if (emit == Emit::Llvm) {
    generated.module->print(out, nullptr);
    return std::variant<std::string, std::string>(std::in_place_index<0>, std::move(text));
  }
  llvm::SmallVector<char, 0> assembly;
  llvm::raw_svector_ostream assemblyOut(assembly);
  llvm::legacy::PassManager passes;
  if ((*machine)->addPassesToEmitFile(passes, assemblyOut, nullptr,
                                      llvm::CodeGenFileType::AssemblyFile))
    return std::variant<std::string, std::string>(std::in_place_index<1>,
                                                  "LLVM cannot emit assembly for this host");
  passes.run(*generated.module);
  out << std::string_view(assembly.data(), assembly.size());
  return std::variant<std::string, std::string>(std::in_place_index<0>, std::move(text));
}

} // namespace slac::jit
