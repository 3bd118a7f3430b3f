#include "app/answered_write.h"

#include <utility>

#include "base/request_stages.h"
#include "codec/json_reader.h"

namespace salon {

namespace json = boost::json;

Result<Answer> WriteAnswered(Store& store, const Clock& clock,
                             const std::optional<SalonId>& salon, const std::string& key,
                             const std::string& fingerprint,
                             const std::function<Result<Answer>(WriteTxn&)>& work) {
  const std::string scope = salon ? salon->value : "admin";
  if (key.size() > 255) return Status::Invalid("Idempotency-Key is at most 255 characters");
  const long long now = UnixSeconds(clock.Now());
  std::optional<StoredResponse> stored;
  Result<Answer> answer = Status::Internal("the write did not run");
  auto write = [&](WriteTxn& txn) -> Status {
    if (!key.empty()) {
      stored = txn.GetResponse(scope, key);
      if (stored) return Status::Ok();
    }
    answer = work(txn);
    if (!answer.ok()) return answer.status();
    if (!key.empty()) {
      txn.PutResponse(scope, key,
                      {fingerprint, answer->code,
                       json::serialize(answer->replay_body.value_or(answer->body)), now});
    }
    return Status::Ok();
  };
  // The writer may be another thread: the request's stages go along.
  WriteStages timing;
  auto timed = [&](WriteTxn& txn) { return timing.Run(txn, write); };
  SALON_RETURN_IF_ERROR(salon ? store.WriteFor(*salon, timed) : store.Write(timed));
  timing.Committed();
  if (!stored) return answer;
  if (stored->request_hash != fingerprint) {
    return Status::Invalid("this Idempotency-Key was used with a different request");
  }
  json::value body;
  (void)ParseJson(stored->body, body);
  return Answer{stored->status, body.is_object() ? body.as_object() : json::object(),
                std::nullopt, true};
}

WrittenThen WrittenWait::Then() {
  // Kept by the continuation: answers the wait when the last copy goes
  // without a call.
  struct Promise {
    std::promise<Written> promise;
    bool kept = false;
    ~Promise() {
      if (kept) return;
      promise.set_value(Written::Failed(Status::Internal("the write's continuation was dropped")));
    }
  };
  auto shared = std::make_shared<Promise>();
  future_ = shared->promise.get_future();
  return [shared](Written written) {
    if (std::exchange(shared->kept, true)) return;
    shared->promise.set_value(std::move(written));
  };
}

}  // namespace salon
