// salond as a real child process, and a salon set up through its API for
// booking under load.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "tests/http/test_client.h"

namespace salon::testing {

// One salond process; its port is read from the line it prints when ready.
class Salond {
 public:
  // `store`: "" for SQLite in `data_dir`, else a PostgreSQL URL; `extra`
  // flags follow (with --listen, instead of any free port; rate limits are
  // off unless `extra` gives --rate-limit).
  explicit Salond(const std::string& data_dir, const std::string& store = "",
                  const std::vector<std::string>& extra = {});
  ~Salond();
  unsigned short port() const { return port_; }
  // Sends `sig` and answers the exit status.
  int Kill(int sig);
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  unsigned short port_ = 0;
  FILE* stdout_ = nullptr;
  std::thread drain_;
};

// Polls `done` (another process's state) until it holds or `limit` passes.
template <typename Pred>
bool WaitUntil(Pred done, std::chrono::seconds limit = std::chrono::seconds(60)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return done();
}

// A loopback port nothing listens on now.
unsigned short FreePort();

// Runs scripts/pg-cluster.sh `command` `dir` (start, stop, destroy): a
// PostgreSQL cluster of a test's own; answers what it prints (start: its URL).
std::string Cluster(const std::string& command, const std::string& dir);

// A salon with one branch, `staff` staff working around the clock, a 15
// minute service and a client; "admin" is the admin key.
struct LoadSalon {
  std::string salon, key, branch, service, client;
  std::vector<std::string> staff;
  std::string base() const { return "/v1/salons/" + salon; }
};

Reply Do(Client& c, boost::beast::http::verb m, const std::string& path, const std::string& key,
         const std::string& body = "");
LoadSalon PrepareSalon(Client& c, int staff = 4);
// A booking of the service: the n-th quarter hour slot from Monday
// 2027-01-04, one per staff member, so bookings n = 0, 1, 2… never collide.
std::string BookingBody(const LoadSalon& s, int n);

// Writers booking through their own connections until stopped, counting
// answers by status and keeping every acknowledged (201) appointment id.
class BookingLoad {
 public:
  // Each writer w books n = w, w + writers, … through ports[w % ports.size()].
  BookingLoad(const LoadSalon& s, std::vector<unsigned short> ports, int writers);
  ~BookingLoad() { Stop(); }
  int acknowledged() const { return acked_count_; }
  // Waits until `n` more bookings are acknowledged after the call; false if
  // every writer stopped first or a minute passed.
  bool WaitForMore(int n);
  void Stop();
  std::vector<std::string> Acknowledged();
  std::map<int, int> StatusCounts();  // 0: the connection failed

 private:
  void Writer(int w, unsigned short port, int writers);

  const LoadSalon s_;
  std::atomic<bool> stop_{false};
  std::atomic<int> acked_count_{0};
  std::atomic<int> running_{0};
  std::mutex mu_;
  std::vector<std::string> acked_;
  std::map<int, int> statuses_;
  std::vector<std::thread> threads_;
};

// Every id answers 200 through `port`.
void ExpectAllThere(unsigned short port, const LoadSalon& s, const std::vector<std::string>& ids);

}  // namespace salon::testing
