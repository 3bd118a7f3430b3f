// The dispatcher: takes due messages from the outbox in batches (a claim
// marks them "sending" and in doubt after `in_doubt`), runs campaign fan-out
// jobs, decides each message again at the moment of sending — consent,
// expiry, quiet hours for marketing — hands the rest to the provider, and
// records every outcome: sent, retried with exponential backoff, failed
// after `max_attempts`, expired, skipped or deferred.
//
// Exactly once in effect: an outcome is recorded only on a message still
// "sending" (a delivery report may have overtaken it); a crash between the
// provider's acceptance and the record leaves the message in doubt, and a
// delivery report arriving meanwhile settles it; only a message with none
// by `in_doubt` is sent again.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "app/directory.h"
#include "messaging/campaigns.h"
#include "messaging/provider.h"
#include "ops/metrics.h"

namespace salon {

struct DispatcherConfig {
  int batch = 500;
  int max_attempts = 6;
  std::chrono::seconds in_doubt{300};
  std::chrono::seconds first_retry{30};  // doubled per attempt
  std::chrono::seconds last_retry{3600};
  std::chrono::milliseconds idle_poll{1000};  // for work queued by other processes
  // Rounds run at once: one batch is handed over while the next is claimed
  // and decided (claims never overlap).
  int workers = 2;
};

class Dispatcher {
 public:
  // Reads the quiet hours of marketing's salons through `directory`'s cache.
  Dispatcher(Store& store, Directory& directory, Campaigns& campaigns, SmsProvider& provider,
             const Clock& clock, Metrics& metrics, DispatcherConfig config);
  ~Dispatcher() { Stop(); }

  // One round at the clock's time; answers how many messages and jobs it
  // claimed (0: nothing was due).
  Result<int> RunOnce();

  // Runs rounds on `workers` threads until Stop, each resting when nothing
  // is due until Wake or `idle_poll`.
  void Start();
  void Stop();
  void Wake();

 private:
  struct Decision;
  std::vector<Decision> Decide(const std::vector<MessageRow>& claimed, Instant now);
  void Loop();

  Store& store_;
  Directory& directory_;
  Campaigns& campaigns_;
  SmsProvider& provider_;
  const Clock& clock_;
  DispatcherConfig config_;
  Counter& claimed_;
  Metrics& metrics_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::uint64_t wakes_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace salon
