#pragma once

// The kernel cache's key for a program's kernels (KernelCache.h): the
// same key, the same kernels, byte for byte. Made without LLVM, so that a
// run whose kernels are cached never loads it.
//
// A kernel is decided by what its compiler reads, the KernelRequest but
// for its thread count and cache directory: the plan (as its complete text,
// plan/PlanPrinter.h), what it is told of each calendar and the routes of
// every stream; by the compiler, the files of the running slac and of the
// JIT module beside it (any rebuild misses, and so does another LLVM); and
// by the processor it is compiled for.

#include "eval/RecordKernel.h"

#include <string>

namespace slac::jit {

// Empty when slac's files cannot be told: then nothing may be cached.
std::string kernelCacheKey(const eval::KernelRequest& request);

// The files of the running program and of the JIT module, by path, size,
// time and inode; empty when one cannot be told.
const std::string& compilerIdentity();

// The processor as a compiler for "the host" sees it: its vendor, family,
// model and stepping, its features, and which registers the system saves.
const std::string& processorIdentity();

} // namespace slac::jit
