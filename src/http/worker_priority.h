// The workers' CPU priority: lower than the I/O threads' and the store's
// writer's, so that under overload the one thread every SQLite write waits
// for, and the cheap answers of the I/O threads, run before the workers'
// searches and renders.
#pragma once

#include <boost/asio/thread_pool.hpp>

namespace salon::http {

// Lowers the priority of every thread of `pool` (which has `threads`) by
// `nice` from the one it was started with, at most to 19; nothing for 0.
// Returns once all are lowered. (A nice value belongs to a thread on Linux;
// lowering it needs no privilege.)
void LowerPriority(boost::asio::thread_pool& pool, int threads, int nice);

}  // namespace salon::http
