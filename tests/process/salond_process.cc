#include "tests/process/salond_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <thread>

namespace salon::testing {

using boost::beast::http::verb;
namespace json = boost::json;

Salond::Salond(const std::string& data_dir, const std::string& store,
               const std::vector<std::string>& extra) {
  int out[2];
  EXPECT_EQ(pipe(out), 0);
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    std::vector<const char*> args{SALOND_PATH, "--data-dir", data_dir.c_str(), "--admin-key",
                                  "admin", "--threads", "2"};
    if (std::find(extra.begin(), extra.end(), "--listen") == extra.end()) {
      args.push_back("--listen");
      args.push_back("127.0.0.1:0");
    }
    // These tests load salond from one address, as benchmarks do; the
    // limits themselves are tested in-process (tests/http).
    if (std::find(extra.begin(), extra.end(), "--rate-limit") == extra.end()) {
      args.push_back("--rate-limit");
      args.push_back("0");
    }
    if (!store.empty()) {
      args.push_back("--store");
      args.push_back(store.c_str());
    }
    for (const std::string& flag : extra) args.push_back(flag.c_str());
    args.push_back(nullptr);
    execv(SALOND_PATH, const_cast<char* const*>(args.data()));
    _exit(127);
  }
  close(out[1]);
  FILE* f = fdopen(out[0], "r");
  char line[256];
  while (fgets(line, sizeof line, f) != nullptr) {
    std::string s(line);
    if (s.find("salond listening on ") == std::string::npos) continue;
    port_ = static_cast<unsigned short>(std::stoi(s.substr(s.rfind(':') + 1)));
    break;
  }
  stdout_ = f;
  // Whatever salond logs from now on is read and dropped: a full pipe would
  // block its logging threads.
  drain_ = std::thread([f] {
    char buffer[4096];
    while (fread(buffer, 1, sizeof buffer, f) > 0) {
    }
  });
}

// Runs scripts/pg-cluster.sh; answers what it prints.
std::string Cluster(const std::string& command, const std::string& dir) {
  const std::string line = std::string(SALON_SOURCE_DIR) + "/scripts/pg-cluster.sh " + command +
                           " " + dir + " 2>&1";
  std::string out;
  if (FILE* p = popen(line.c_str(), "r")) {
    char buf[512];
    while (fgets(buf, sizeof buf, p) != nullptr) out += buf;
    EXPECT_EQ(pclose(p), 0) << line << ": " << out;
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

unsigned short FreePort() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor a(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

Salond::~Salond() {
  if (pid_ > 0) Kill(SIGKILL);
  if (drain_.joinable()) drain_.join();  // ends at the end of the pipe
  if (stdout_) fclose(stdout_);
}

int Salond::Kill(int sig) {
  kill(pid_, sig);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return status;
}

Reply Do(Client& c, verb m, const std::string& path, const std::string& key,
         const std::string& body) {
  return c.Send(m, path, body, {{"Authorization", "Bearer " + key}});
}

LoadSalon PrepareSalon(Client& c, int staff) {
  LoadSalon s;
  Reply salon = Do(c, verb::post, "/v1/salons", "admin",
                   R"({"name":"P","currency":"EUR","country":"IE"})");
  s.salon = salon.Str("id");
  s.key = salon.Str("api_key");
  s.branch = Do(c, verb::post, s.base() + "/branches", s.key,
                R"({"name":"B","timezone":"Europe/Dublin"})").Str("id");
  s.service = Do(c, verb::post, s.base() + "/services", s.key,
                 R"({"name":"Cut","price":{"amount":100,"currency":"EUR"},"duration_minutes":15})")
                  .Str("id");
  json::object hours;
  for (const char* d : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
    hours[d] = json::array{json::value(json::array{"00:00", "24:00"})};
  }
  for (int i = 0; i < staff; ++i) {
    Reply r = Do(c, verb::post, s.base() + "/staff", s.key,
                 json::serialize(json::object{{"name", "S"}, {"branch_id", s.branch},
                                              {"hours", hours},
                                              {"service_ids", json::array{json::value(s.service)}}}));
    EXPECT_EQ(r.status, 201) << r.body;
    s.staff.push_back(r.Str("id"));
  }
  s.client = Do(c, verb::post, s.base() + "/clients", s.key,
                R"({"first_name":"C","phone":"+353871234567"})").Str("id");
  return s;
}

std::string BookingBody(const LoadSalon& s, int n) {
  const int per_slot = std::max<int>(1, int(s.staff.size()));
  Instant start = *ParseInstant("2027-01-04T00:00:00Z") + std::chrono::minutes(15 * (n / per_slot));
  return json::serialize(json::object{{"branch_id", s.branch}, {"client_id", s.client},
                                      {"start", FormatUtc(start)},
                                      {"items", json::array{json::object{{"service_id", s.service}}}}});
}

BookingLoad::BookingLoad(const LoadSalon& s, std::vector<unsigned short> ports, int writers)
    : s_(s) {
  running_ = writers;
  for (int w = 0; w < writers; ++w) {
    threads_.emplace_back([this, w, port = ports[w % ports.size()], writers] {
      Writer(w, port, writers);
    });
  }
}

void BookingLoad::Writer(int w, unsigned short port, int writers) {
  std::unique_ptr<Client> c;
  for (int n = w; !stop_; n += writers) {
    int status = 0;
    std::string id;
    try {
      if (!c) c = std::make_unique<Client>(port);
      Reply r = Do(*c, verb::post, s_.base() + "/appointments", s_.key, BookingBody(s_, n));
      status = r.status;
      id = r.Str("id");
    } catch (const std::exception&) {
      c.reset();  // the connection failed: the process is gone or going
    }
    std::lock_guard lock(mu_);
    statuses_[status]++;
    if (status == 201) {
      acked_.push_back(id);
      acked_count_++;
    }
    if (status == 0 && !c) {
      // Nobody listens any more (a killed process): this writer is done.
      try {
        Client probe(port);
      } catch (const std::exception&) {
        break;
      }
    }
  }
  running_--;
}

bool BookingLoad::WaitForMore(int n) {
  const int target = acked_count_ + n;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
  while (acked_count_ < target && running_ > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::yield();
  }
  return acked_count_ >= target;
}

void BookingLoad::Stop() {
  stop_ = true;
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
}

std::vector<std::string> BookingLoad::Acknowledged() {
  std::lock_guard lock(mu_);
  return acked_;
}

std::map<int, int> BookingLoad::StatusCounts() {
  std::lock_guard lock(mu_);
  return statuses_;
}

void ExpectAllThere(unsigned short port, const LoadSalon& s, const std::vector<std::string>& ids) {
  Client c(port);
  for (const std::string& id : ids) {
    EXPECT_EQ(Do(c, verb::get, s.base() + "/appointments/" + id, s.key).status, 200) << id;
  }
}

}  // namespace salon::testing
