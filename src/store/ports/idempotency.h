// The idempotency port: responses stored under an Idempotency-Key.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace salon {

// A response stored for an Idempotency-Key.
struct StoredResponse {
  std::string request_hash;
  int status = 0;
  std::string body;
  long long created_at = 0;
};

class ResponseReader {
 public:
  virtual ~ResponseReader() = default;
  virtual std::optional<StoredResponse> GetResponse(std::string_view scope,
                                                    std::string_view key) = 0;
};

class ResponseWriter {
 public:
  virtual ~ResponseWriter() = default;
  virtual void PutResponse(std::string_view scope, std::string_view key,
                           const StoredResponse& r) = 0;
  // Forgets responses stored before `before` (unix seconds); answers how many.
  virtual long long PurgeResponses(long long before) = 0;
};

}  // namespace salon
