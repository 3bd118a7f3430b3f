// salond as a real process: stopped with SIGTERM or killed with kill -9 and
// restarted, it still has everything it acknowledged.
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <filesystem>

#include "server/admin_key.h"
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

int Mode(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? int(st.st_mode & 0777) : -1;
}

// Salon data is readable by the service's user alone, from the start: a new
// data directory is 0700 and its files 0600 whatever the umask salond was
// started with, and one made before (0755, a 0644 database) is narrowed.
TEST_F(RestartTest, DataIsPrivateFromTheStart) {
  const mode_t old_umask = ::umask(022);
  const std::string fresh = dir_ + "/fresh";
  {
    Salond p(fresh);
    ASSERT_NE(p.port(), 0);
    Client c(p.port());
    PrepareSalon(c);  // the WAL has content
    EXPECT_EQ(Mode(fresh), 0700);
    EXPECT_EQ(Mode(fresh + "/salon.db"), 0600);
    EXPECT_EQ(Mode(fresh + "/salon.db-wal"), 0600);
  }
  const std::string older = dir_ + "/older";
  std::filesystem::create_directories(older);
  std::filesystem::copy_file(fresh + "/salon.db", older + "/salon.db");
  ::chmod(older.c_str(), 0755);
  ::chmod((older + "/salon.db").c_str(), 0644);
  {
    Salond p(older);
    ASSERT_NE(p.port(), 0);
    EXPECT_EQ(Mode(older), 0700);
    EXPECT_EQ(Mode(older + "/salon.db"), 0600);
  }
  // The admin key is never readable by others, not even for a moment:
  // created 0600, not chmod-ed after.
  RandomIdSource ids;
  AdminKey made = ResolveAdminKey("", dir_ + "/keyed", ids);
  EXPECT_TRUE(made.generated);
  EXPECT_EQ(Mode(dir_ + "/keyed"), 0700);
  EXPECT_EQ(Mode(dir_ + "/keyed/admin.key"), 0600);
  EXPECT_EQ(ResolveAdminKey("", dir_ + "/keyed", ids).key, made.key);
  ::umask(old_umask);
}

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
