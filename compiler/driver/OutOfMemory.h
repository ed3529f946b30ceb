#pragma once

namespace slac::driver {

// From now on, memory the system refuses ends the process with a message on
// stderr and exit code 1 (kErrorsFound, as `--max-memory` does), from
// whichever thread asked for it, instead of an abort without a word (under
// a limit on the address space, `ulimit -v`, mimalloc aborted so). The
// report of a run that could not keep its data would be of a part of it:
// there is nothing to unwind to.
void stopWhenOutOfMemory();

} // namespace slac::driver
