#include "OutOfMemory.h"

#include "driver/Commands.h"

#include <cerrno>
#include <cstdlib>
#include <string_view>
#include <unistd.h>

#if defined(SLAC_WITH_MIMALLOC)
#include <mimalloc.h>
#endif

namespace slac::driver {

namespace {

// Runs where nothing may be allocated: the message is written as it is.
[[maybe_unused]] [[noreturn]] void outOfMemory() {
  constexpr std::string_view kMessage =
      "error: out of memory: the system refused this process more memory (is its address space "
      "limited, `ulimit -v`?)\n";
  for (std::size_t written = 0; written < kMessage.size();) {
    ssize_t count = ::write(STDERR_FILENO, kMessage.data() + written, kMessage.size() - written);
    if (count <= 0)
      break;
    written += static_cast<std::size_t>(count);
  }
  std::_Exit(kErrorsFound);
}

} // namespace

void stopWhenOutOfMemory() {
#if defined(SLAC_WITH_MIMALLOC)
  // mimalloc reports every refusal here first, `operator new`'s and
  // `malloc`'s alike. Its `operator new` would then abort: it does not see
  // a `std::new_handler` (it looks for one through a weak symbol of its
  // own, which wins). The sanitizer builds, without mimalloc, report it
  // themselves.
  mi_register_error(
      [](int error, void*) {
        if (error == ENOMEM)
          outOfMemory();
      },
      nullptr);
#endif
}

} // namespace slac::driver
