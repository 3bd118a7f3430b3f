#include "http/worker_priority.h"

#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <cerrno>
#include <cstring>
#include <latch>
#include <memory>

namespace salon::http {

void LowerPriority(boost::asio::thread_pool& pool, int threads, int nice) {
  if (nice <= 0) return;
  // Each task waits for all the others, so each runs on a thread of its own.
  // Shared: a task may still be inside arrive_and_wait after the count has
  // reached zero here, so the latch lives until the last one is done with it.
  auto everyone = std::make_shared<std::latch>(threads);
  for (int i = 0; i < threads; ++i) {
    boost::asio::post(pool, [everyone, nice] {
      const int inherited = getpriority(PRIO_PROCESS, gettid());
      if (setpriority(PRIO_PROCESS, gettid(), std::min(19, inherited + nice)) != 0) {
        spdlog::warn("could not lower a worker's priority: {}", std::strerror(errno));
      }
      everyone->arrive_and_wait();
    });
  }
  everyone->wait();
}

}  // namespace salon::http
