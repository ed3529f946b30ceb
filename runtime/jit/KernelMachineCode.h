#pragma once

// The code generator a kernel's optimised module goes through: LLVM's own
// for the host at O2, as ORC's SimpleCompiler and `llc` build it, without
// the passes that cost a kernel's compile and add nothing its records
// execute (docs/performance.md, "Compile time").

#include <optional>
#include <string>

namespace llvm {
class Module;
class TargetMachine;
class raw_pwrite_stream;
enum class CodeGenFileType;
} // namespace llvm

namespace slac::jit {

// Writes `module`'s machine code for `machine` to `out`, as an object file
// or as assembly text; returns why it could not.
std::optional<std::string> emitMachineCode(llvm::Module& module, llvm::TargetMachine& machine,
                                           llvm::raw_pwrite_stream& out,
                                           llvm::CodeGenFileType type);

} // namespace slac::jit
