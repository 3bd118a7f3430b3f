#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "base/random_pool.h"

namespace salon {
namespace {

// Ids and secrets come from per-thread pools of random bytes: across pool
// refills and threads, none may repeat.
TEST(RandomIds, NoIdOrSecretRepeatsAcrossRefillsAndThreads) {
  RandomIdSource ids;
  std::vector<std::vector<std::string>> drawn(4);
  std::vector<std::thread> threads;
  for (auto& mine : drawn) {
    threads.emplace_back([&ids, &mine] {
      for (int i = 0; i < 2000; ++i) {
        mine.push_back(ids.NewId("apt").substr(4 + 11));       // the random part
        mine.push_back(ids.NewSecret(i % 3 == 0 ? 600 : 32));  // some beyond a pool
      }
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> seen;
  for (const auto& mine : drawn) {
    for (const std::string& s : mine) EXPECT_TRUE(seen.insert(s).second) << s;
  }
  EXPECT_EQ(seen.size(), 4u * 4000u);
}

// A secret drawn from the pool leaves no copy of itself behind there.
TEST(RandomIds, BytesHandedOutAreWipedFromThePool) {
  RandomPool pool;
  std::array<unsigned char, 40> first{}, second{};
  pool.Take(first.data(), first.size());
  pool.Take(second.data(), second.size());
  const auto zero = [](auto bytes) {
    return std::all_of(bytes.begin(), bytes.end(), [](unsigned char b) { return b == 0; });
  };
  EXPECT_TRUE(zero(pool.bytes().first(80)));
  EXPECT_FALSE(zero(pool.bytes().subspan(80)));  // not handed out yet
  EXPECT_FALSE(zero(std::span(first)));
  EXPECT_NE(first, second);
}

TEST(RandomIds, AnIdIsItsPrefixTimeAndFortyEightRandomBits) {
  RandomIdSource ids;
  const std::string id = ids.NewId("msg");
  ASSERT_EQ(id.size(), 4u + 11u + 12u) << id;
  EXPECT_EQ(id.substr(0, 4), "msg_");
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef", 4), std::string::npos) << id;
  EXPECT_EQ(ids.NewSecret(32).size(), 64u);
}

}  // namespace
}  // namespace salon
