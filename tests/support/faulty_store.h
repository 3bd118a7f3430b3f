// FaultyStore: a Store that fails the Nth call a write transaction makes
// (as LevelDB's fault_injection_test and Beast's failMatrix do), to show that
// a use case failing at any point leaves nothing partial behind. The call
// after the last is the commit: failing it makes the write answer an error
// having kept nothing. Reads pass through untouched.
#pragma once

#include <memory>

#include "store/store.h"

namespace salon::testing {

class FaultyStore final : public Store {
 public:
  explicit FaultyStore(Store& real) : real_(real) {}

  // Fails write call number `n` (from 1) of the writes to come, then no
  // more; 0 fails nothing.
  void FailCall(int n) {
    fail_at_ = n;
    calls_ = 0;
  }
  // Whether the failure was injected (false: the writes made fewer calls).
  bool failed() const { return failed_; }

  Status Read(const std::function<Status(ReadTxn&)>& fn) override { return real_.Read(fn); }
  Status Write(const std::function<Status(WriteTxn&)>& fn) override;
  Status Ready() override { return real_.Ready(); }
  bool CommitsConcurrentWritesTogether() const override {
    return real_.CommitsConcurrentWritesTogether();
  }

  // Counts a call; throws when it is the one to fail.
  void Tick();

 private:
  Store& real_;
  int fail_at_ = 0;
  int calls_ = 0;
  bool failed_ = false;
};

}  // namespace salon::testing
