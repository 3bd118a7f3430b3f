// Marketing campaigns: one message to every client of a salon with
// marketing consent who matches an audience (visited within / not within N
// days, had a service of a category, at a branch). Creating one checks the
// monthly segment budget before anything is queued; the dispatcher then fans
// it out in chunks (a "fanout" job in the outbox whose cursor advances in the
// same transaction as the messages it adds, so a crash repeats nothing).
#pragma once

#include <boost/json.hpp>

#include <functional>
#include <optional>
#include <string>

#include "app/directory.h"
#include "store/store.h"

namespace salon {

struct Audience {
  std::string branch_id;         // "" = any; else clients who visited it
  std::string service_category;  // "" = any; else clients who had one
  std::optional<int> visited_within_days;
  std::optional<int> not_visited_within_days;
};

struct CampaignRequest {
  std::string name;
  std::string message;  // a template: {first_name}, {salon}
  Audience audience;
};

class Campaigns {
 public:
  Campaigns(Directory& directory, IdSource& ids, std::function<void()> queued)
      : directory_(directory), ids_(ids), queued_(std::move(queued)) {}

  // The campaign as the API shows it. kInvalid for a bad message or
  // audience, or one over the month's segment budget.
  Result<boost::json::object> Create(WriteTxn& txn, const SalonId& salon,
                                     const CampaignRequest& req, Instant now);
  Result<boost::json::object> Get(ReadTxn& txn, const SalonId& salon, const std::string& id);
  // Skips its queued messages. kConflict when it already ended.
  Result<boost::json::object> Cancel(WriteTxn& txn, const SalonId& salon,
                                     const std::string& id, Instant now);
  // Queues the next chunk of a fan-out job claimed by the dispatcher; the job
  // is done (status "sent") after the last one.
  Status FanOut(WriteTxn& txn, MessageRow job, Instant now);

  static constexpr int kChunk = 500;

 private:
  Directory& directory_;
  IdSource& ids_;
  std::function<void()> queued_;
};

// Reads a campaign request body (kMalformed / kInvalid).
Result<CampaignRequest> ParseCampaignRequest(const boost::json::value& body);

}  // namespace salon
