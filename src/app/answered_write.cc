#include "app/answered_write.h"

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

}  // namespace salon
