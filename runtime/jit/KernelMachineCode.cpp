#include "jit/KernelMachineCode.h"

#include <llvm/CodeGen/AsmPrinter.h>
#include <llvm/CodeGen/MachineModuleInfo.h>
#include <llvm/CodeGen/Passes.h>
#include <llvm/CodeGen/TargetPassConfig.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/IR/Module.h>
#include <llvm/MC/MCStreamer.h>
#include <llvm/MC/TargetRegistry.h>
#include <llvm/Support/Error.h>
#include <llvm/Target/TargetMachine.h>

namespace slac::jit {

std::optional<std::string> emitMachineCode(llvm::Module& module, llvm::TargetMachine& machine,
                                           llvm::raw_pwrite_stream& out,
                                           llvm::CodeGenFileType type) {
  // What LLVMTargetMachine::addPassesToEmitMC does, with a hand on the
  // pass configuration before it adds its passes. These six of the host's
  // machine passes are 8 % of an example's compile and add no
  // instruction a record executes in the benchmarks' kernels: the
  // scheduler only orders instructions that out-of-order cores reorder
  // anyway; CSE, copy propagation, dead instruction elimination, stack
  // slot colouring and loop-invariant code motion after register
  // allocation (MachineLICMID; the one before it stays) find little after
  // the optimiser (docs/performance.md, "nineteenth session").
  auto& target = static_cast<llvm::LLVMTargetMachine&>(machine);
  llvm::legacy::PassManager passes;
  auto* machineModule = new llvm::MachineModuleInfoWrapperPass(&target);
  llvm::TargetPassConfig* configuration = target.createPassConfig(passes);
  configuration->setDisableVerify(true);
  for (llvm::AnalysisID pass :
       {&llvm::MachineSchedulerID, &llvm::MachineCopyPropagationID, &llvm::MachineCSEID,
        &llvm::StackSlotColoringID, &llvm::MachineLICMID, &llvm::DeadMachineInstructionElimID})
    configuration->disablePass(pass);
  passes.add(configuration);
  passes.add(machineModule);
  if (configuration->addISelPasses())
    return "LLVM has no instruction selector for this host";
  configuration->addMachinePasses();
  configuration->setInitialized();
  auto streamer = target.createMCStreamer(out, nullptr, type, machineModule->getMMI().getContext());
  if (!streamer)
    return "LLVM cannot write machine code for this host: " + llvm::toString(streamer.takeError());
  llvm::AsmPrinter* printer = target.getTarget().createAsmPrinter(target, std::move(*streamer));
  if (!printer)
    return "LLVM has no code printer for this host";
  passes.add(printer);
  passes.add(llvm::createFreeMachineFunctionPass());
  passes.run(module);
  return std::nullopt;
}

} // namespace slac::jit
