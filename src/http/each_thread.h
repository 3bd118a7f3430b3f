// Running something once on every thread of a pool (asio gives a task to
// whichever thread is free).
#pragma once

#include <boost/asio/thread_pool.hpp>
#include <functional>

namespace salon::http {

// Runs `fn` once on each of the `threads` threads of `pool` and returns when
// all have: each task waits for all the others, so no thread takes two.
// The pool must be otherwise idle enough to give every task a thread.
void RunOnEachThread(boost::asio::thread_pool& pool, int threads,
                     const std::function<void()>& fn);

}  // namespace salon::http
