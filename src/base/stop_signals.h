// The signals that stop a long-running process (SIGTERM, SIGINT), taken
// synchronously (sigwait, sigtimedwait) rather than by a handler.
#pragma once

#include <signal.h>

namespace salon {

// Blocks SIGTERM and SIGINT in the calling thread (and so in every thread it
// starts afterwards: call it before any thread starts), ignores SIGPIPE, and
// returns the set to wait on.
sigset_t BlockStopSignals();

}  // namespace salon
