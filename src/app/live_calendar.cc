#include "app/live_calendar.h"

#include <chrono>

namespace salon {

LiveCalendar::LiveCalendar(int max_streams, Metrics& metrics)
    : max_streams_(max_streams),
      open_(metrics.GaugeOf("salon_sse_streams_open", "Live calendar streams open now")),
      published_(metrics.CounterOf("salon_sse_events_total",
                                   "Calendar changes published to the live streams")),
      // Ids start from this process's start in milliseconds (times 10^6), so
      // an id of another process is out of this one's range: it resets.
      next_id_(std::uint64_t(std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count()) *
                   1'000'000 +
               1) {}

LiveCalendar::~LiveCalendar() = default;

Result<std::shared_ptr<LiveCalendar::Subscription>> LiveCalendar::Subscribe(
    const BranchId& branch, std::optional<std::uint64_t> last_id) {
  std::lock_guard lock(mu_);
  if (streams_ >= max_streams_) {
    return Status::Unavailable("this process holds its most live streams; retry shortly");
  }
  // Made only once counted: its destructor uncounts it.
  std::shared_ptr<Subscription> s(new Subscription(*this, branch));
  ++streams_;
  open_.Add(1);
  subscribers_[branch].insert(s.get());
  if (last_id) {
    const std::uint64_t oldest = kept_.empty() ? next_id_ : kept_[kept_start_].event.id;
    if (*last_id + 1 < oldest || *last_id >= next_id_) {
      CalendarEvent reset;
      reset.id = next_id_ - 1;
      reset.reset = true;
      s->Push(std::move(reset));
    } else {
      for (std::size_t i = 0; i < kept_.size(); ++i) {
        const Kept& k = kept_[(kept_start_ + i) % kept_.size()];
        if (k.event.id > *last_id && k.branch == branch) s->Push(k.event);
      }
    }
  }
  return s;
}

void LiveCalendar::Publish(const BranchId& branch, const std::string& day,
                           std::optional<long long> version) {
  std::vector<std::function<void()>> wakes;
  {
    std::lock_guard lock(mu_);
    CalendarEvent e;
    e.id = next_id_++;
    if (day.empty()) {
      e.reset = true;
    } else {
      e.dates.push_back(day);
      if (version) e.versions[day] = *version;
    }
    if (kept_.size() < kKept) {
      kept_.push_back({branch, e});
    } else {
      kept_[kept_start_] = {branch, e};
      kept_start_ = (kept_start_ + 1) % kKept;
    }
    auto it = subscribers_.find(branch);
    if (it != subscribers_.end()) {
      for (Subscription* s : it->second) {
        s->Push(e);
        std::lock_guard sl(s->mu_);
        if (s->wake_) wakes.push_back(s->wake_);
      }
    }
  }
  published_.Add();
  for (auto& wake : wakes) wake();
}

void LiveCalendar::ResetAll() {
  std::vector<std::function<void()>> wakes;
  {
    std::lock_guard lock(mu_);
    CalendarEvent e;
    e.id = next_id_++;
    e.reset = true;
    kept_.clear();  // what was kept may miss what was lost
    kept_start_ = 0;
    for (auto& [branch, subs] : subscribers_) {
      for (Subscription* s : subs) {
        s->Push(e);
        std::lock_guard sl(s->mu_);
        if (s->wake_) wakes.push_back(s->wake_);
      }
    }
  }
  for (auto& wake : wakes) wake();
}

void LiveCalendar::Remove(Subscription* s) {
  std::lock_guard lock(mu_);
  auto it = subscribers_.find(s->branch_);
  if (it != subscribers_.end()) {
    it->second.erase(s);
    if (it->second.empty()) subscribers_.erase(it);
  }
  --streams_;
  open_.Add(-1);
}

LiveCalendar::Subscription::~Subscription() { hub_.Remove(this); }

void LiveCalendar::Subscription::OnReady(std::function<void()> wake) {
  bool waiting = false;
  {
    std::lock_guard lock(mu_);
    wake_ = wake;
    waiting = !queued_.empty();
  }
  if (waiting && wake) wake();
}

std::vector<CalendarEvent> LiveCalendar::Subscription::Take() {
  std::lock_guard lock(mu_);
  return std::exchange(queued_, {});
}

void LiveCalendar::Subscription::Push(CalendarEvent event) {
  std::lock_guard lock(mu_);
  if (queued_.size() >= kMaxQueued) {  // far behind: one reset instead
    queued_.clear();
    event.reset = true;
    event.dates.clear();
    event.versions.clear();
  }
  queued_.push_back(std::move(event));
}

}  // namespace salon
