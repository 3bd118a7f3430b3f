// Writes known by name, for the tests of the lines writes wait in
// (store/postgres/salon_turns.h, writer_slots.h) without a database: each
// is answered ok unless told otherwise; `write()` writes a group of them as
// one transaction, records the group's names, and can be held until
// released, throw for a named write, or leave one out.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/postgres/salon_turns.h"

namespace salon::testing {

class NamedWrites {
 public:
  using Names = std::vector<std::string>;

  // The write named `name`: only its address matters.
  const pg::SalonTurns::WriteFn& Fn(const std::string& name) {
    std::lock_guard lock(mu_);
    const pg::SalonTurns::WriteFn* fn = &fns_[name];
    names_[fn] = name;
    results_.try_emplace(name, Status::Ok());
    return *fn;
  }
  // The write named `name` is answered `result` when written.
  void Answer(const std::string& name, Status result) {
    std::lock_guard lock(mu_);
    results_.insert_or_assign(name, std::move(result));
  }
  // The first transaction the write named `name` is in leaves it out, as
  // one whose salon is locked elsewhere (Queued::left_out).
  void LeaveOutOnce(std::string name) { leave_out_ = std::move(name); }
  // A transaction with the write named `name` throws.
  void ThrowFor(std::string name) { throw_for_ = std::move(name); }
  // The next transaction's writing, or the next with the write named
  // `name`, waits until Release (one hold at a time).
  void HoldNext() { Hold(""); }
  void HoldTransactionOf(std::string name) { Hold(std::move(name)); }
  void WaitUntilHeld() {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [&] { return holding_; });
  }
  void Release() {
    std::lock_guard lock(mu_);
    holding_ = false;
    changed_.notify_all();
  }
  // The names of each transaction's writes, in the order written.
  std::vector<Names> Transactions() {
    std::lock_guard lock(mu_);
    return transactions_;
  }
  const pg::SalonTurns::WriteTogether& write() const { return write_; }

 private:
  void Hold(std::string name) {
    std::lock_guard lock(mu_);
    hold_ = std::move(name);
  }
  pg::SalonTurns::WriteTogether write_ = [this](std::span<pg::SalonTurns::Queued* const> writes) {
    Names transaction;
    {
      std::unique_lock lock(mu_);
      for (auto* w : writes) {
        const std::string& name = names_.at(w->fn);
        if (name == leave_out_) {
          leave_out_.clear();
          w->left_out = true;
          w->result = Status::Unavailable("left out");
          continue;
        }
        transaction.push_back(name);
        w->result = results_.at(name);
      }
      transactions_.push_back(transaction);
      if (hold_ &&
          (hold_->empty() || std::ranges::find(transaction, *hold_) != transaction.end())) {
        hold_.reset();
        holding_ = true;
        changed_.notify_all();
        changed_.wait(lock, [&] { return !holding_; });
      }
    }
    for (const auto& name : transaction) {
      if (name == throw_for_) throw std::runtime_error("the database went away");
    }
  };
  std::mutex mu_;
  std::map<std::string, pg::SalonTurns::WriteFn> fns_;  // nodes stay put
  std::map<const pg::SalonTurns::WriteFn*, std::string> names_;
  std::map<std::string, Status> results_;
  std::vector<Names> transactions_;
  std::string throw_for_;
  std::string leave_out_;
  std::optional<std::string> hold_;  // "": the next transaction
  bool holding_ = false;
  std::condition_variable changed_;  // of holding_
};

}  // namespace salon::testing
