#include "SystemRefusals.h"

#include "driver/Commands.h"

#include <cerrno>
#include <cstdlib>
#include <exception>
#include <string_view>
#include <system_error>
#include <unistd.h>

#if defined(SLAC_WITH_MIMALLOC)
#include <mimalloc.h>
#endif

namespace slac::driver {

namespace {

// Runs where nothing may be allocated: the message is written as it is.
[[noreturn]] void stop(std::string_view message) {
  for (std::size_t written = 0; written < message.size();) {
    ssize_t count = ::write(STDERR_FILENO, message.data() + written, message.size() - written);
    if (count <= 0)
      break;
    written += static_cast<std::size_t>(count);
  }
  std::_Exit(kErrorsFound);
}

#if defined(SLAC_WITH_MIMALLOC)
[[noreturn]] void outOfMemory() {
  stop("error: out of memory: the system refused this process more memory (is its address space "
       "limited, `ulimit -v`?)\n");
}
#endif

std::terminate_handler previousTerminate = nullptr;

// std::thread throws std::system_error when the system refuses a thread;
// nothing catches it, so it ends here, still the current exception. Any
// other way here is a bug, which keeps the usual message and abort.
[[noreturn]] void terminateOnRefusal() {
  if (std::exception_ptr current = std::current_exception()) {
    try {
      std::rethrow_exception(current);
    } catch (const std::system_error& error) {
      if (error.code() == std::errc::resource_unavailable_try_again)
        stop("error: the system refused this process a thread (is its address space or its "
             "number of processes limited, `ulimit -v` or `ulimit -u`?); `--threads 1` asks "
             "for fewer\n");
    } catch (...) {
    }
  }
  if (previousTerminate)
    previousTerminate();
  std::abort();
}

} // namespace

void stopOnSystemRefusals() {
  previousTerminate = std::set_terminate(terminateOnRefusal);
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
