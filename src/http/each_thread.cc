#include "http/each_thread.h"

#include <boost/asio/post.hpp>
#include <latch>
#include <memory>

namespace salon::http {

void RunOnEachThread(boost::asio::thread_pool& pool, int threads,
                     const std::function<void()>& fn) {
  // Shared: a task may still be inside arrive_and_wait after the count has
  // reached zero here, so the latch lives until the last one is done with it.
  auto everyone = std::make_shared<std::latch>(threads);
  for (int i = 0; i < threads; ++i) {
    boost::asio::post(pool, [everyone, &fn] {
      fn();
      everyone->arrive_and_wait();
    });
  }
  everyone->wait();
}

}  // namespace salon::http
