#pragma once

// The target machines the JIT's compiles have made, kept for the next
// compile of the process: making one, with its subtarget (feature
// parsing, the instruction and lowering tables), is about 3.1 M
// instructions, which every compiling thread of every compile paid: 2 %
// of distributor's compile on one thread, 4 % of each thread's share on
// two (docs/performance.md, "Compile time", twenty-fourth session). The
// first compile of a process makes them still. A target machine is used
// by one thread at a time: each compiling thread takes one and gives it
// back when its kernels are compiled.

#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/Target/TargetMachine.h>
#include <memory>
#include <mutex>
#include <vector>

namespace slac::jit {

class TargetMachinePool {
public:
  // The process's pool, of machines made for one target (kernelTarget()
  // in JitCompiler.cpp, the same in every compile of a process).
  static TargetMachinePool& process();

  // An idle machine, or a new one made by `builder`.
  llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
  take(const llvm::orc::JITTargetMachineBuilder& builder);
  void giveBack(std::unique_ptr<llvm::TargetMachine> machine);

private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<llvm::TargetMachine>> idle_;
};

} // namespace slac::jit
