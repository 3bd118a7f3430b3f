#include "http/worker_priority.h"

#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "http/each_thread.h"

namespace salon::http {

void LowerPriority(boost::asio::thread_pool& pool, int threads, int nice) {
  if (nice <= 0) return;
  RunOnEachThread(pool, threads, [nice] {
    const int inherited = getpriority(PRIO_PROCESS, gettid());
    if (setpriority(PRIO_PROCESS, gettid(), std::min(19, inherited + nice)) != 0) {
      spdlog::warn("could not lower a worker's priority: {}", std::strerror(errno));
    }
  });
}

}  // namespace salon::http
