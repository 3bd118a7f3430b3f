#include "base/thread_name.h"

#include <gtest/gtest.h>
#include <pthread.h>

#include <latch>
#include <string>
#include <thread>

namespace salon {
namespace {

// The name a thread has after it called NameThisThread(name), read while it
// still runs.
std::string NameAfter(std::string_view name) {
  std::latch named(1), read(1);
  std::thread t([&] {
    NameThisThread(name);
    named.count_down();
    read.wait();
  });
  named.wait();
  char got[16] = {};
  pthread_getname_np(t.native_handle(), got, sizeof got);
  read.count_down();
  t.join();
  return got;
}

TEST(ThreadName, AThreadIsNamedAndALongNameCutTo15Characters) {
  EXPECT_EQ(NameAfter("sqlite-writer"), "sqlite-writer");
  EXPECT_EQ(NameAfter("a-name-longer-than-fifteen"), "a-name-longer-t");
}

}  // namespace
}  // namespace salon
