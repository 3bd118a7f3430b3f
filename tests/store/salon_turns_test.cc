// A busy salon's writes wait for their turn in the process, holding no
// pooled connection (PgStore::WriteFor, store/postgres/salon_turns.h): while
// one salon's write holds its turn and others of that salon queue behind it,
// another salon's write still gets a connection and commits; and past the
// bound on waiting writes, the busy salon's next is refused at once.
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "store/postgres/pg_store.h"
#include "tests/support/postgres.h"
#include "tests/support/wait_until.h"

namespace salon {
namespace {

Record Client(const std::string& salon, const std::string& id) {
  Record r;
  r.id = id;
  r.salon_id = salon;
  r.data = "{}";
  return r;
}

TEST(SalonTurnsTest, ABusySalonsWaitingWritesLeaveThePoolToTheOthersAndAreBounded) {
  Metrics metrics;
  pg::PgConfig config;
  config.url = testing::FreshDatabase();
  config.pool = 2;
  config.acquire_timeout = std::chrono::milliseconds(2000);
  config.metrics = &metrics;
  config.salon_waiting = 2;
  pg::PgStore store(config);
  const Gauge& waiting = metrics.GaugeOf("salon_store_salon_turn_waits", "",
                                         "{engine=\"postgres\"}");

  // The busy salon's first write holds its turn (and its advisory lock)...
  std::promise<void> holding, release;
  std::thread first([&] {
    EXPECT_TRUE(store.WriteFor(SalonId{"sal_busy"}, [&](WriteTxn& txn) {
      txn.Put(Kind::kClient, Client("sal_busy", "cli_0"));
      (void)txn.Get(Kind::kClient, SalonId{"sal_busy"}, "cli_0");  // the lock is taken
      holding.set_value();
      release.get_future().wait();
      return Status::Ok();
    }).ok());
  });
  holding.get_future().wait();
  // ...and two more of its writes queue behind it.
  std::vector<std::thread> queued;
  for (int i = 1; i <= 2; ++i) {
    queued.emplace_back([&store, i] {
      EXPECT_TRUE(store.WriteFor(SalonId{"sal_busy"}, [i](WriteTxn& txn) {
        txn.Put(Kind::kClient, Client("sal_busy", "cli_" + std::to_string(i)));
        return Status::Ok();
      }).ok());
    });
  }
  ASSERT_TRUE(testing::WaitForGauge(waiting, 2));
  // A third would be one too many waiting: refused at once, not queued.
  EXPECT_EQ(store.WriteFor(SalonId{"sal_busy"}, [](WriteTxn&) { return Status::Ok(); }).code(),
            Code::kUnavailable);
  // Another salon's write is not held up by them.
  Status other = store.WriteFor(SalonId{"sal_other"}, [](WriteTxn& txn) {
    txn.Put(Kind::kClient, Client("sal_other", "cli_9"));
    return Status::Ok();
  });
  EXPECT_TRUE(other.ok()) << other.message();
  release.set_value();
  first.join();
  for (auto& t : queued) t.join();
  EXPECT_EQ(waiting.value(), 0);
  long long busy = 0;
  ASSERT_TRUE(store.Read([&](ReadTxn& txn) {
    busy = txn.Count(Kind::kClient, SalonId{"sal_busy"});
    return Status::Ok();
  }).ok());
  EXPECT_EQ(busy, 3);  // every queued write was made, in turn
}

}  // namespace
}  // namespace salon
