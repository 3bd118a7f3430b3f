// LiveCalendar: the changes to branches' calendar days as they commit, for
// the front desk's live stream (Server-Sent Events, API.md "Live calendar").
// Every committed change to a day — in this process (CalendarVersions) or in
// another sharing the database (Store::Watch) — is published as an event
// with an increasing id; subscribers of that branch receive it at once. The
// last kKept events are kept, so a subscriber that reconnects with the id it
// saw last is sent what it missed, or told to reset when that is gone (or
// the id is another process's). A change to a whole branch (staff, hours)
// resets its subscribers too. Streams are bounded per process; a
// subscriber that falls far behind is reset instead of queued without
// end. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/ids.h"
#include "base/result.h"
#include "ops/metrics.h"

namespace salon {

struct CalendarEvent {
  std::uint64_t id = 0;
  std::vector<std::string> dates;              // YYYY-MM-DD
  std::map<std::string, long long> versions;   // of the dates, when known
  bool reset = false;  // the whole branch, or what was missed: reload everything
};

class LiveCalendar {
 public:
  static constexpr std::size_t kKept = 4096;        // events kept for reconnects
  static constexpr std::size_t kMaxQueued = 1000;   // per subscriber, then a reset

  LiveCalendar(int max_streams, Metrics& metrics);
  ~LiveCalendar();

  class Subscription {
   public:
    ~Subscription();
    // Sets what is called (on any thread) when events wait to be taken.
    void OnReady(std::function<void()> wake);
    // The events waiting, oldest first.
    std::vector<CalendarEvent> Take();

   private:
    friend class LiveCalendar;
    Subscription(LiveCalendar& hub, BranchId branch) : hub_(hub), branch_(std::move(branch)) {}
    void Push(CalendarEvent event);  // under hub_.mu_

    LiveCalendar& hub_;
    const BranchId branch_;
    std::mutex mu_;
    std::vector<CalendarEvent> queued_;
    std::function<void()> wake_;
  };

  // Subscribes to `branch`'s events after `last_id` (none: from now).
  // kUnavailable when the process holds its most streams already.
  Result<std::shared_ptr<Subscription>> Subscribe(const BranchId& branch,
                                                  std::optional<std::uint64_t> last_id);
  // A committed change to `day` of `branch` ("" = the whole branch), at
  // `version` when known.
  void Publish(const BranchId& branch, const std::string& day, std::optional<long long> version);
  // Changes may have been missed (another process's were lost): every
  // subscriber resets.
  void ResetAll();

 private:
  struct Kept {
    BranchId branch;
    CalendarEvent event;
  };
  void Remove(Subscription* s);

  const int max_streams_;
  Gauge& open_;
  Counter& published_;
  std::mutex mu_;
  std::uint64_t next_id_;
  std::vector<Kept> kept_;  // a ring of the last kKept events
  std::size_t kept_start_ = 0;
  std::map<BranchId, std::set<Subscription*>> subscribers_;
  int streams_ = 0;
};

}  // namespace salon
