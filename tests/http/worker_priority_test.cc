// The workers run below the priority of the thread that made them, each one
// of them, and lowering them leaves nothing behind (a latch destroyed under
// a waiting task once hung every shutdown that joined the pool).
#include "http/worker_priority.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <mutex>
#include <vector>

#include "http/each_thread.h"

namespace salon::http {
namespace {

// The nice value of each of the pool's `threads` threads.
std::vector<int> NiceOfEach(boost::asio::thread_pool& pool, int threads) {
  std::mutex mu;
  std::vector<int> seen;
  RunOnEachThread(pool, threads, [&] {
    std::lock_guard lock(mu);
    seen.push_back(getpriority(PRIO_PROCESS, gettid()));
  });
  return seen;
}

TEST(WorkerPriorityTest, EveryWorkerRunsLowerThanTheThreadThatMadeIt) {
  const int mine = getpriority(PRIO_PROCESS, gettid());
  boost::asio::thread_pool pool(6);
  LowerPriority(pool, 6, 3);
  EXPECT_EQ(NiceOfEach(pool, 6), std::vector<int>(6, std::min(19, mine + 3)));
  pool.join();
}

TEST(WorkerPriorityTest, NothingChangesForZero) {
  const int mine = getpriority(PRIO_PROCESS, gettid());
  boost::asio::thread_pool pool(3);
  LowerPriority(pool, 3, 0);
  EXPECT_EQ(NiceOfEach(pool, 3), std::vector<int>(3, mine));
  pool.join();
}

// Many pools made, lowered and joined in a row: none hangs, no memory error.
TEST(WorkerPriorityTest, PoolsLoweredThenJoinedAlwaysFinish) {
  for (int i = 0; i < 200; ++i) {
    boost::asio::thread_pool pool(8);
    LowerPriority(pool, 8, 1);
    pool.join();
  }
}

}  // namespace
}  // namespace salon::http
