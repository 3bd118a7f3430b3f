// salond as a real process: stopped with SIGTERM or killed with kill -9 and
// restarted, it still has everything it acknowledged.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "tests/http/test_client.h"

namespace salon::testing {
namespace {

using boost::beast::http::verb;
namespace json = boost::json;

// One salond process; its port is read from the line it prints when ready.
class Salond {
 public:
  explicit Salond(const std::string& data_dir) {
    int out[2];
    EXPECT_EQ(pipe(out), 0);
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      execl(SALOND_PATH, SALOND_PATH, "--listen", "127.0.0.1:0", "--data-dir", data_dir.c_str(),
            "--admin-key", "admin", "--threads", "2", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out[1]);
    FILE* f = fdopen(out[0], "r");
    char line[256];
    while (fgets(line, sizeof line, f) != nullptr) {
      std::string s(line);
      auto at = s.find("salond listening on ");
      if (at == std::string::npos) continue;
      port_ = static_cast<unsigned short>(std::stoi(s.substr(s.rfind(':') + 1)));
      break;
    }
    stdout_ = f;
  }
  ~Salond() {
    if (pid_ > 0) Kill(SIGKILL);
    if (stdout_) fclose(stdout_);
  }
  unsigned short port() const { return port_; }
  // Sends `sig` and answers the exit status.
  int Kill(int sig) {
    kill(pid_, sig);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }

 private:
  pid_t pid_ = -1;
  unsigned short port_ = 0;
  FILE* stdout_ = nullptr;
};

class RestartTest : public ::testing::Test {
 protected:
  RestartTest() {
    char tmpl[] = "/tmp/salon-proc-XXXXXX";
    dir_ = mkdtemp(tmpl);
  }
  ~RestartTest() override { std::filesystem::remove_all(dir_); }

  struct Setup {
    std::string salon, key, branch, service, client;
  };
  static Reply Do(Client& c, verb m, const std::string& path, const std::string& key,
                  const std::string& body = "") {
    return c.Send(m, path, body, {{"Authorization", "Bearer " + key}});
  }
  Setup Prepare(Client& c) {
    Setup s;
    Reply salon = Do(c, verb::post, "/v1/salons", "admin", R"({"name":"P","currency":"EUR","country":"IE"})");
    s.salon = salon.Str("id");
    s.key = salon.Str("api_key");
    const std::string base = "/v1/salons/" + s.salon;
    s.branch = Do(c, verb::post, base + "/branches", s.key, R"({"name":"B","timezone":"Europe/Dublin"})").Str("id");
    s.service = Do(c, verb::post, base + "/services", s.key,
                   R"({"name":"Cut","price":{"amount":100,"currency":"EUR"},"duration_minutes":15})").Str("id");
    json::object hours;
    for (const char* d : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
      hours[d] = json::array{json::array{"00:00", "24:00"}};
    }
    for (int i = 0; i < 4; ++i) {
      EXPECT_EQ(Do(c, verb::post, base + "/staff", s.key,
                   json::serialize(json::object{{"name", "S"}, {"branch_id", s.branch}, {"hours", hours},
                                                {"service_ids", json::array{json::value(s.service)}}}))
                    .status, 201);
    }
    s.client = Do(c, verb::post, base + "/clients", s.key,
                  R"({"first_name":"C","phone":"+353871234567"})").Str("id");
    return s;
  }
  static std::string BookingBody(const Setup& s, int n) {
    // Quarter hours from Monday 2027-01-04 on, 4 staff: never a conflict.
    Instant start = *ParseInstant("2027-01-04T00:00:00Z") + std::chrono::minutes(15 * (n / 4));
    return json::serialize(json::object{{"branch_id", s.branch}, {"client_id", s.client},
                                        {"start", FormatUtc(start)},
                                        {"items", json::array{json::object{{"service_id", s.service}}}}});
  }
  // Every acknowledged appointment id is in the restarted process.
  void ExpectAll(unsigned short port, const Setup& s, const std::vector<std::string>& ids) {
    Client c(port);
    for (const std::string& id : ids) {
      EXPECT_EQ(Do(c, verb::get, "/v1/salons/" + s.salon + "/appointments/" + id, s.key).status, 200)
          << id;
    }
  }

  int LoadThenSignal(int sig);

  std::string dir_;
};

TEST_F(RestartTest, SigtermDrainsAndEverythingAcknowledgedIsThere) {
  Setup s;
  std::vector<std::string> ids;
  {
    Salond p(dir_);
    ASSERT_NE(p.port(), 0);
    Client c(p.port());
    s = Prepare(c);
    for (int i = 0; i < 20; ++i) {
      Reply r = Do(c, verb::post, "/v1/salons/" + s.salon + "/appointments", s.key, BookingBody(s, i));
      ASSERT_EQ(r.status, 201) << r.body;
      ids.push_back(r.Str("id"));
    }
    int status = p.Kill(SIGTERM);
    EXPECT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
  }
  Salond again(dir_);
  ExpectAll(again.port(), s, ids);
}

// Books from 8 connections until 200 bookings are acknowledged, then sends
// `sig` while writes are in flight; restarts and checks every acknowledged
// booking. Answers the exit status.
int RestartTest::LoadThenSignal(int sig) {
  Setup s;
  std::vector<std::vector<std::string>> acked(8);
  int status = 0;
  {
    Salond p(dir_);
    EXPECT_NE(p.port(), 0);
    {
      Client c(p.port());
      s = Prepare(c);
    }
    std::atomic<int> total{0};
    std::atomic<bool> signalled{false};
    std::atomic<int> running{8};
    std::vector<std::thread> writers;
    for (int w = 0; w < 8; ++w) {
      writers.emplace_back([&, w] {
        struct Done {
          std::atomic<int>& n;
          ~Done() { n--; }
        } done{running};
        try {
          Client c(p.port());
          for (int i = 0; !signalled; ++i) {
            Reply r = Do(c, verb::post, "/v1/salons/" + s.salon + "/appointments", s.key,
                         BookingBody(s, w + 8 * i));
            if (r.status != 201) break;
            acked[w].push_back(r.Str("id"));
            total++;
          }
        } catch (const std::exception&) {
          // The connection closed with the process: expected.
        }
      });
    }
    // Signal once enough bookings are acknowledged, while writes are in flight.
    while (total < 200 && running > 0) std::this_thread::yield();
    const bool enough = total >= 200;
    status = p.Kill(sig);
    signalled = true;
    for (auto& t : writers) t.join();
    EXPECT_TRUE(enough) << "the writers stopped early";
  }
  Salond again(dir_);
  std::vector<std::string> all;
  for (auto& v : acked) all.insert(all.end(), v.begin(), v.end());
  EXPECT_GE(all.size(), 200u);
  ExpectAll(again.port(), s, all);
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
