// Runs a use case's write with its answer kept under an Idempotency-Key
// (answer.h). For the use cases of app/ only.
#pragma once

#include <future>
#include <memory>
#include <optional>
#include <string>

#include "app/answer.h"
#include "base/clock.h"
#include "base/request_stages.h"
#include "base/result.h"
#include "store/store.h"

namespace salon {

// A request's write, timed in its stages (RequestStages) wherever the
// store runs it: waiting for the writer ("write_queue"), the work ("write",
// with the request's stages installed on the writer's thread meanwhile)
// and the commit ("commit"). Made on the request's thread.
class WriteStages {
 public:
  using Clock = RequestStages::Clock;
  // Runs `work(txn)`, timed.
  template <typename Work>
  auto Run(WriteTxn& txn, Work& work) {
    const Clock::time_point started = Clock::now();
    RequestStages::Installed here(stages_);
    auto result = work(txn);
    worked_ = Clock::now();
    if (stages_) {
      stages_->Add("write_queue", started - asked_);
      stages_->Add("write", worked_ - started);
    }
    asked_ = worked_;  // a retried transaction waits afresh from here
    return result;
  }
  void Committed() {
    if (stages_) stages_->Add("commit", Clock::now() - worked_);
  }
  RequestStages* stages() const { return stages_; }

 private:
  RequestStages* stages_ = RequestStages::Current();
  Clock::time_point asked_ = Clock::now(), worked_ = asked_;
};

// Runs `work` in one durable write transaction of `store`: one of `salon`'s
// (Store::WriteFor), or the platform admin's when none. With a key, the
// answer is stored in the same transaction under (the salon or "admin",
// key), and a repeat answers the stored one (replayed) instead of running
// `work`.
Result<Answer> WriteAnswered(Store& store, const Clock& clock,
                             const std::optional<SalonId>& salon, const std::string& key,
                             const std::string& fingerprint,
                             const std::function<Result<Answer>(WriteTxn&)>& work);

// The same for a use case answering `T`, answered as `how` says. Without a
// key nothing is stored, so the answer is rendered after the commit, off
// the store's writer (on SQLite one thread runs every salon's writes).
template <typename T, typename Work>
Result<Answer> WriteAnswered(Store& store, const Clock& clock,
                             const std::optional<SalonId>& salon, const Answering<T>& how,
                             Work&& work) {
  std::optional<T> unanswered;
  auto write = [&](WriteTxn& txn) -> Result<Answer> {
    SALON_ASSIGN_OR_RETURN(T result, work(txn));
    if (!how.key.empty()) return how.answer(result);
    unanswered = std::move(result);
    return Answer{};
  };
  SALON_ASSIGN_OR_RETURN(Answer answer,
                         WriteAnswered(store, clock, salon, how.key, how.fingerprint, write));
  if (unanswered) return how.answer(*unanswered);
  return answer;
}

// A write's outcome handed on once it is committed or refused: `status` is
// the write's own (kConflict, say, for a retry to tell), and `answer`
// answers what WriteAnswered would have. `answer` renders: call it off the
// store's writer.
struct Written {
  Status status;
  std::function<Result<Answer>()> answer;

  // The outcome of a write that failed with `status`, answered as such.
  static Written Failed(const Status& status) {
    return {status, [status]() -> Result<Answer> { return status; }};
  }
};
using WrittenThen = std::function<void(Written)>;

// A caller's wait for a write answered later: Then() is the continuation
// to hand on (once), Wait() what it was given. A continuation dropped
// without being called (a defect) answers kInternal rather than hanging.
class WrittenWait {
 public:
  WrittenThen Then();
  Written Wait() { return future_.get(); }

 private:
  std::future<Written> future_;
};

// Whether WriteAnsweredLater answers after it returns: a write without an
// Idempotency-Key (its check and stored answer stay synchronous) on an
// engine that writes asynchronously.
inline bool AnswersLater(const Store& store, const std::string& key) {
  return key.empty() && store.WritesAsynchronously();
}

// WriteAnswered without waiting for the commit, when AnswersLater: `work`
// runs in one of `store`'s asynchronous writes (Store::WriteAsync) and
// `then` is called once with the outcome, as a rule on the store's writer
// (it must not block; it may start another write this way, never a waiting
// one), on this thread when the store refuses it at once. Otherwise this is
// WriteAnswered, here and now, and `then` is called before this returns.
template <typename T, typename Work>
void WriteAnsweredLater(Store& store, const Clock& clock, const SalonId& salon,
                        const Answering<T>& how, Work work, WrittenThen then) {
  if (!AnswersLater(store, how.key)) {
    Result<Answer> answer = WriteAnswered(store, clock, salon, how, work);
    Status status = answer.status();
    return then({std::move(status), [answer = std::move(answer)] { return answer; }});
  }
  // Kept for the writer: the work's result, how it is answered, its timing.
  struct State {
    std::optional<T> result;
    std::function<Answer(const T&)> answer;
    WriteStages timing;
  };
  auto state = std::make_shared<State>();
  state->answer = how.answer;
  store.WriteAsync(
      [state, work = std::move(work)](WriteTxn& txn) mutable -> Status {
        Result<T> result = state->timing.Run(txn, work);
        if (!result.ok()) return result.status();
        state->result = std::move(*result);
        return Status::Ok();
      },
      [state, then = std::move(then)](Status status) {
        // A write `then` starts (a retry) is timed with the same request.
        RequestStages::Installed request(state->timing.stages());
        if (!status.ok()) return then(Written::Failed(status));
        state->timing.Committed();
        then({Status::Ok(), [state] { return Result<Answer>(state->answer(*state->result)); }});
      });
}

}  // namespace salon
