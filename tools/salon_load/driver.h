// Driver: sends the requests of a scenario to one server on its schedule
// over a pool of keep-alive connections (Boost.Beast, one thread each), and
// records every answer against its scheduled time. A request due while every
// connection is busy waits for one, and that wait counts in its latency.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "tools/salon_load/histogram.h"
#include "tools/salon_load/open_model.h"

namespace salon::load {

struct HttpRequest {
  std::string kind;  // the label results are counted under, e.g. "pull_304"
  std::string method = "GET";
  std::string target;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Statuses that count as success for this request (e.g. 409 for a race).
  std::vector<int> expected = {200};
  // Called with the status and body of an answer, on the thread that sent it.
  std::function<void(int status, const std::string& body)> on_answer;
};

// Scenarios number their requests per thread; at most this many threads.
inline constexpr int kMaxDriverThreads = 16;

// What a run saw, per interval of the timeline and in all.
struct Interval {
  std::uint64_t sent = 0, ok = 0, errors = 0;
  Histogram latency;
};

struct RunResult {
  double seconds = 0;            // the scheduled duration
  double achieved_seconds = 0;   // until the last answer
  std::uint64_t scheduled = 0;
  std::map<std::string, std::map<int, std::uint64_t>> statuses;  // kind → status → n (0: no answer)
  std::map<std::string, Histogram> latency_by_kind;
  Histogram latency;             // every answered request
  std::vector<Interval> timeline;
  double interval_seconds = 1;
  std::uint64_t errors = 0;      // answers outside `expected`, and no answer
};

struct DriverConfig {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  int connections = 64;          // at most, per driver thread
  int threads = 1;               // each runs rate/threads with its own connections
  double rate = 100;             // requests per second, in all
  std::chrono::seconds duration{10};
  std::uint64_t seed = 1;
  std::chrono::seconds timeout{10};  // an answer later than this is an error
};

// Makes request number n (n counts from 0 per thread; `thread` says which).
using RequestMaker = std::function<HttpRequest(int thread, std::uint64_t n)>;

RunResult Drive(const DriverConfig& config, const RequestMaker& make);

}  // namespace salon::load
