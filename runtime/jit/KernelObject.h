#pragma once

// A relocatable x86-64 ELF object loaded into executable memory, without
// LLVM: a kernel found in the cache (KernelCache.h) can then run in a
// program that never loads the JIT module, and so never pays its startup.
//
// It links what the JIT's code generator writes for kernels (large code
// model: absolute R_X86_64_64 relocations against external functions and
// section symbols) and the little more a C compiler writes for the tests;
// anything else is refused with a reason, never guessed at. The bytes come
// from a file on disk, so they are checked as untrusted: whatever they
// hold, loading either succeeds or says why not.
//
// Unwind tables are not loaded: nothing ever unwinds through a kernel.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace slac::jit {

class LoadedObject {
public:
  // `resolve` gives the address of an undefined symbol by name, or nullptr
  // when it is unknown (which refuses the object). Returns the loaded
  // object, or why it cannot be loaded.
  static std::variant<LoadedObject, std::string>
  load(std::string_view object, const std::function<const void*(std::string_view)>& resolve);

  // The address of a defined global (or weak) symbol, or nullptr.
  const void* symbol(std::string_view name) const;
  // The loaded code, every executable section (for a profiler: PerfJitDump.h).
  std::string_view code() const;

  LoadedObject(LoadedObject&& other) noexcept;
  LoadedObject& operator=(LoadedObject&& other) noexcept;
  LoadedObject(const LoadedObject&) = delete;
  LoadedObject& operator=(const LoadedObject&) = delete;
  ~LoadedObject();

private:
  LoadedObject() = default;

  void* mapping_ = nullptr;
  std::size_t mappingBytes_ = 0;
  std::size_t codeBytes_ = 0;
  // A kernel object defines a handful of globals: a vector searched in
  // order is as fast as a map and smaller.
  std::vector<std::pair<std::string, const void*>> globals_;
};

} // namespace slac::jit
