#include "jit/PreservingHelpers.h"

#include "eval/RecordKernel.h"
#include "jit/CalendarCalls.h"

#include <type_traits>

// Each helper behind a trampoline in LLVM's `preserve_most` convention on
// x86-64: the callee keeps every general register but r11 and the one it
// returns in, so a kernel keeps its values in rdi, rsi, rdx, rcx, r8-r10
// across a call instead of saving and restoring them at every call site
// (7 registers at each of up to a dozen sites: a tenth of the kernels'
// machine code, 2-5 % of the work of compiling them). GCC cannot give a
// function that convention itself, so the trampoline saves what the C
// convention lets the helper clobber and calls it; every helper takes at
// most six integer arguments (all in registers) and returns nothing or one
// integer (in rax, which a void helper must keep too). The vector
// registers the convention leaves to the caller.
#if SLAC_HELPERS_PRESERVE_MOST

namespace {

// What a trampoline assumes of its helper: every argument an integer or a
// pointer, six at most (in registers, none on the stack), and a result in
// rax or none, as SLAC_PRESERVING's second argument says (below).
template <typename Result, typename... Arguments>
constexpr bool takesRegisters(Result (*)(Arguments...) noexcept) {
  return sizeof...(Arguments) <= 6 &&
         ((std::is_integral_v<Arguments> || std::is_pointer_v<Arguments>)&&...) &&
         (std::is_void_v<Result> || std::is_integral_v<Result> || std::is_pointer_v<Result>);
}
template <typename Result, typename... Arguments>
constexpr bool returns(Result (*)(Arguments...) noexcept) {
  return !std::is_void_v<Result>;
}

} // namespace

asm(R"(
  .pushsection .text
  .macro SLAC_PRESERVING name, returns
  .p2align 4
  .globl \name\()_preserving
  .hidden \name\()_preserving
  .type \name\()_preserving, @function
\name\()_preserving:
  .cfi_startproc
  pushq %rax
  .cfi_adjust_cfa_offset 8
  pushq %rcx
  .cfi_adjust_cfa_offset 8
  pushq %rdx
  .cfi_adjust_cfa_offset 8
  pushq %rsi
  .cfi_adjust_cfa_offset 8
  pushq %rdi
  .cfi_adjust_cfa_offset 8
  pushq %r8
  .cfi_adjust_cfa_offset 8
  pushq %r9
  .cfi_adjust_cfa_offset 8
  pushq %r10
  .cfi_adjust_cfa_offset 8
  subq $8, %rsp
  .cfi_adjust_cfa_offset 8
  call \name@PLT
  addq $8, %rsp
  .cfi_adjust_cfa_offset -8
  popq %r10
  .cfi_adjust_cfa_offset -8
  popq %r9
  .cfi_adjust_cfa_offset -8
  popq %r8
  .cfi_adjust_cfa_offset -8
  popq %rdi
  .cfi_adjust_cfa_offset -8
  popq %rsi
  .cfi_adjust_cfa_offset -8
  popq %rdx
  .cfi_adjust_cfa_offset -8
  popq %rcx
  .cfi_adjust_cfa_offset -8
  .if \returns
  popq %r11
  .else
  popq %rax
  .endif
  .cfi_adjust_cfa_offset -8
  ret
  .cfi_endproc
  .size \name\()_preserving, . - \name\()_preserving
  .endm
  .popsection
)");

// A helper's trampoline, `result` 1 if it returns a value, 0 if not.
#define SLAC_PRESERVING(name, result)                                                              \
  static_assert(takesRegisters(&name) && returns(&name) == (result != 0),                          \
                #name "'s trampoline does not fit it");                                            \
  asm(".pushsection .text\n SLAC_PRESERVING " #name ", " #result "\n .popsection");
SLAC_KERNEL_HELPERS(SLAC_PRESERVING)
#undef SLAC_PRESERVING
#endif
