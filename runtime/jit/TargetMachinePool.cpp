#include "jit/TargetMachinePool.h"

namespace slac::jit {

TargetMachinePool& TargetMachinePool::process() {
  static TargetMachinePool pool;
  return pool;
}

llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
TargetMachinePool::take(const llvm::orc::JITTargetMachineBuilder& builder) {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<llvm::TargetMachine> machine = std::move(idle_.back());
      idle_.pop_back();
      return machine;
    }
  }
  return llvm::orc::JITTargetMachineBuilder(builder).createTargetMachine();
}

void TargetMachinePool::giveBack(std::unique_ptr<llvm::TargetMachine> machine) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(machine));
}

} // namespace slac::jit
