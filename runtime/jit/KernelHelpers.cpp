#include "jit/KernelHelpers.h"

#include "eval/RecordKernel.h"
#include "jit/CalendarCalls.h"

namespace slac::jit {

namespace {

template <typename Function> const void* addressOf(Function* function) {
  return reinterpret_cast<const void*>(function);
}

} // namespace

std::span<const KernelHelper> kernelHelpers() {
  static const KernelHelper helpers[] = {
      {"slac_kernel_slow_record", addressOf(&slac_kernel_slow_record)},
      {"slac_kernel_locate", addressOf(&slac_kernel_locate)},
      {"slac_kernel_slow_route", addressOf(&slac_kernel_slow_route)},
      {"slac_kernel_locate_slice", addressOf(&slac_kernel_locate_slice)},
      {"slac_kernel_add_slice", addressOf(&slac_kernel_add_slice)},
      {"slac_kernel_add_value", addressOf(&slac_kernel_add_value)},
      {"slac_kernel_judge", addressOf(&slac_kernel_judge)},
      {"slac_calendar_stretch", addressOf(&slac_calendar_stretch)},
      {"slac_calendar_position", addressOf(&slac_calendar_position)},
      {"slac_calendar_reach", addressOf(&slac_calendar_reach)},
  };
  return helpers;
}

} // namespace slac::jit
