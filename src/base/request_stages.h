// Where a request's time went: named stages (queue, parse, store_read,
// plan, write_queue, write, commit, render…) with their durations, so that
// a slow request can explain itself in its log line. `sql` is the part of
// store_read and write spent in the database's statements (the rest: the
// wait for a connection, locks, parsing, the use case's own work). The
// server installs a RequestStages for the thread running a handler
// (Installed); code beneath marks a stage with StageTimer, which adds to the
// current request's and does nothing when there is none (a test, salonctl).
// Work that hops to another thread (the store's writer) takes Current()
// along and Adds to it.
// One request's stages are added by one thread at a time; not thread-safe.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace salon {

class RequestStages {
 public:
  using Clock = std::chrono::steady_clock;

  // Adds `d` to `stage` (a literal: stages are a fixed set of names).
  void Add(const char* stage, Clock::duration d) {
    for (auto& [name, total] : stages_) {
      if (std::string_view(name) == stage) {
        total += d;
        return;
      }
    }
    stages_.emplace_back(stage, d);
  }
  // "queue=0.1ms parse=0.0ms store_read=412.3ms …", in the order first seen.
  std::string Summary() const {
    std::string out;
    char buf[64];
    for (const auto& [name, total] : stages_) {
      std::snprintf(buf, sizeof buf, "%s%s=%.1fms", out.empty() ? "" : " ", name,
                    std::chrono::duration<double, std::milli>(total).count());
      out += buf;
    }
    return out;
  }

  // The stages of the request this thread works on, or null.
  static RequestStages* Current() { return current_; }

  // Makes `stages` this thread's current request for its lifetime.
  class Installed {
   public:
    explicit Installed(RequestStages* stages) : previous_(std::exchange(current_, stages)) {}
    ~Installed() { current_ = previous_; }
    Installed(const Installed&) = delete;
    Installed& operator=(const Installed&) = delete;

   private:
    RequestStages* previous_;
  };

 private:
  std::vector<std::pair<const char*, Clock::duration>> stages_;
  static inline thread_local RequestStages* current_ = nullptr;
};

// Times a scope as `stage` of the current request (if any).
class StageTimer {
 public:
  explicit StageTimer(const char* stage)
      : stages_(RequestStages::Current()), stage_(stage),
        start_(stages_ ? RequestStages::Clock::now() : RequestStages::Clock::time_point()) {}
  ~StageTimer() {
    if (stages_) stages_->Add(stage_, RequestStages::Clock::now() - start_);
  }
  StageTimer(const StageTimer&) = delete;
  StageTimer& operator=(const StageTimer&) = delete;

 private:
  RequestStages* stages_;
  const char* stage_;
  RequestStages::Clock::time_point start_;
};

}  // namespace salon
