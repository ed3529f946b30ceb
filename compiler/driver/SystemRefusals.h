#pragma once

namespace slac::driver {

// From now on, memory or a thread the system refuses (a limit on the
// address space, `ulimit -v`; on processes, `ulimit -u`) ends the process
// with one line on stderr and exit code 1 (kErrorsFound, as `--max-memory`
// does), from whichever thread asked for it, instead of an abort: without
// a word from mimalloc, or with libstdc++'s "terminate called after
// throwing an instance of 'std::system_error'". The report of a run that
// could not go on would be of a part of its data: there is nothing to
// unwind to. `slac` calls it before its static objects are made
// (compiler/driver/main.cpp).
void stopOnSystemRefusals();

} // namespace slac::driver
