// salond as a real process: stopped with SIGTERM or killed with kill -9 and
// restarted, it still has everything it acknowledged.
#include <signal.h>
#include <sys/wait.h>

#include <filesystem>

#include "tests/process/salond_process.h"

namespace salon::testing {
namespace {

using boost::beast::http::verb;

class RestartTest : public ::testing::Test {
 protected:
  RestartTest() {
    char tmpl[] = "/tmp/salon-proc-XXXXXX";
    dir_ = mkdtemp(tmpl);
  }
  ~RestartTest() override { std::filesystem::remove_all(dir_); }

  int LoadThenSignal(int sig);

  std::string dir_;
};

TEST_F(RestartTest, SigtermDrainsAndEverythingAcknowledgedIsThere) {
  LoadSalon s;
  std::vector<std::string> ids;
  {
    Salond p(dir_);
    ASSERT_NE(p.port(), 0);
    Client c(p.port());
    s = PrepareSalon(c);
    for (int i = 0; i < 20; ++i) {
      Reply r = Do(c, verb::post, s.base() + "/appointments", s.key, BookingBody(s, i));
      ASSERT_EQ(r.status, 201) << r.body;
      ids.push_back(r.Str("id"));
    }
    int status = p.Kill(SIGTERM);
    EXPECT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
  }
  Salond again(dir_);
  ExpectAllThere(again.port(), s, ids);
}

// Books from 8 connections until 200 bookings are acknowledged, then sends
// `sig` while writes are in flight; restarts and checks every acknowledged
// booking. Answers the exit status.
int RestartTest::LoadThenSignal(int sig) {
  LoadSalon s;
  std::vector<std::string> acked;
  int status = 0;
  {
    Salond p(dir_);
    EXPECT_NE(p.port(), 0);
    {
      Client c(p.port());
      s = PrepareSalon(c);
    }
    BookingLoad load(s, {p.port()}, 8);
    EXPECT_TRUE(load.WaitForMore(200)) << "the writers stopped early";
    status = p.Kill(sig);
    load.Stop();
    acked = load.Acknowledged();
  }
  Salond again(dir_);
  EXPECT_GE(acked.size(), 200u);
  ExpectAllThere(again.port(), s, acked);
  return status;
}

TEST_F(RestartTest, KillNineUnderLoadLosesNothingAcknowledged) {
  int status = LoadThenSignal(SIGKILL);
  EXPECT_TRUE(WIFSIGNALED(status));
}

TEST_F(RestartTest, SigtermUnderLoadDrainsExitsCleanlyAndLosesNothing) {
  int status = LoadThenSignal(SIGTERM);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace salon::testing
