// An operator's `top -H` on salond names each thread by its part.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "tests/process/salond_process.h"
#include "tests/support/postgres.h"
#include "tests/support/thread_names.h"

namespace salon::testing {
namespace {

TEST(ThreadNamesTest, EveryThreadOfSalondSaysWhatItIs) {
  char tmpl[] = "/tmp/salon-names-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  {
    Salond p(dir);
    ASSERT_NE(p.port(), 0);
    // Each thread names itself once it runs, which may be just after the
    // port opens: until then it has the program's name.
    std::map<std::string, int> names;
    auto named = [&] {
      names = ThreadNames(p.pid());
      return names.count("salond") && names.at("salond") == 1 && names.count("maintenance");
    };
    EXPECT_TRUE(WaitUntil(named)) << ::testing::PrintToString(names);
    for (const char* part : {"http-io", "http-write", "http-read", "sqlite-writer", "sqlite-ckpt",
                             "dispatcher", "maintenance"}) {
      EXPECT_GT(names.count(part), 0u) << part;
    }
    // Only the main thread keeps the program's name.
    EXPECT_EQ(names.count("salond") ? names.at("salond") : 0, 1) << ::testing::PrintToString(names);
  }
  std::filesystem::remove_all(dir);
}

// On PostgreSQL the thread listening for other processes' changes has its
// name, and no SQLite thread runs. (kannel-send threads live only while a
// batch of messages goes out: tests/messaging/kannel_provider_test.cc.)
TEST(ThreadNamesTest, OnPostgreSQLTheListenerSaysWhatItIs) {
  char tmpl[] = "/tmp/salon-names-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  {
    Salond p(dir, FreshDatabase());
    ASSERT_NE(p.port(), 0);
    std::map<std::string, int> names;
    EXPECT_TRUE(WaitUntil([&] {
      names = ThreadNames(p.pid());
      return names.count("salond") && names.at("salond") == 1;
    })) << ::testing::PrintToString(names);
    EXPECT_EQ(names.count("pg-listener") ? names.at("pg-listener") : 0, 1)
        << ::testing::PrintToString(names);
    EXPECT_EQ(names.count("sqlite-writer"), 0u);
    EXPECT_EQ(names.count("salond") ? names.at("salond") : 0, 1) << ::testing::PrintToString(names);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace salon::testing
