// The process facts /metrics shows: they move with the process.
#include "ops/process_stats.h"

#include <gtest/gtest.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace salon {
namespace {

TEST(ProcessStats, OpenFdsCountsADescriptorOpenedAndClosed) {
  const double before = OpenFds();
  ASSERT_GE(before, 3);  // stdin, stdout, stderr
  const int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  EXPECT_EQ(OpenFds(), before + 1);
  close(fd);
  EXPECT_EQ(OpenFds(), before);
  EXPECT_GT(MaxFds(), before);
}

TEST(ProcessStats, ThreadsCountsAThreadStartedAndJoined) {
  const double before = Threads();
  ASSERT_GE(before, 1);
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  std::thread t([&] {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return done; });
  });
  EXPECT_EQ(Threads(), before + 1);
  {
    std::lock_guard lock(mu);
    done = true;
  }
  cv.notify_all();
  t.join();
  // The kernel may count a joined thread for a moment longer.
  for (int i = 0; i < 100 && Threads() != before; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(Threads(), before);
}

TEST(ProcessStats, ResidentMemoryIsSome) { EXPECT_GT(ResidentBytes(), 1e5); }

}  // namespace
}  // namespace salon
