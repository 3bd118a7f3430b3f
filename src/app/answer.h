// How a write answers its caller, kept with the write: a use case runs in
// one durable transaction, and with the caller's Idempotency-Key its answer
// is stored in that same transaction, so a repeat of the request gets the
// same answer without running again. The caller (http/) says how a result
// is answered; the use case owns the transaction.
#pragma once

#include <boost/json.hpp>

#include <functional>
#include <optional>
#include <string>

namespace salon {

struct Answer {
  int code = 0;  // the caller's status code (HTTP's in the API)
  boost::json::object body;
  // What a repeat is answered instead, when `body` holds a secret shown
  // once (a new salon's key): stored answers keep no secret.
  std::optional<boost::json::object> replay_body = std::nullopt;
  bool replayed = false;  // true when this is the stored answer of a repeat
};

// The caller's side of a write: its key ("" for none), the fingerprint of
// its request (a repeat with another fingerprint is kInvalid), and how it
// answers the use case's result `T`.
template <typename T>
struct Answering {
  std::string key;
  std::string fingerprint;
  std::function<Answer(const T&)> answer;
};

// For callers that want the result itself rather than an answer (salonctl,
// seeding): keeps it in `out`, without a key.
template <typename T>
Answering<T> KeepIn(T& out) {
  return Answering<T>{"", "", [&out](const T& result) {
                        out = result;
                        return Answer{};
                      }};
}

}  // namespace salon
