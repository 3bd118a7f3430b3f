// WorkBudget: a bound on the steps a search may take, and a way to end it
// early (a deadline passed, the client went away). A search takes one step
// per candidate it checks and gives up once Take() answers false. Pure: the
// stop condition is the caller's, polled every kPollEvery steps.
#pragma once

#include <functional>

namespace salon {

class WorkBudget {
 public:
  // A month of the worst visit found by probing (10 services, 30 staff)
  // takes 80 k steps; a spent budget costs about 0.2 s of one core.
  static constexpr long long kDefaultSteps = 1'000'000;
  static constexpr long long kPollEvery = 1024;

  explicit WorkBudget(long long steps = kDefaultSteps, std::function<bool()> stop = {})
      : left_(steps), stop_(std::move(stop)) {}

  // Takes one step: false once the budget is spent or stop() said so, and
  // from then on.
  bool Take() {
    if (exhausted_) return false;
    ++used_;
    if (--left_ < 0 || (stop_ && used_ % kPollEvery == 0 && stop_())) exhausted_ = true;
    return !exhausted_;
  }
  bool exhausted() const { return exhausted_; }
  long long used() const { return used_; }

 private:
  long long left_;
  long long used_ = 0;
  bool exhausted_ = false;
  std::function<bool()> stop_;
};

}  // namespace salon
