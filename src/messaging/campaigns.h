// Marketing campaigns (core/campaign.h) in the outbox. Creating one checks
// the monthly segment budget before anything is queued; the dispatcher then
// fans it out in chunks of clients (a "fanout" job in the outbox whose
// cursor advances in the same transaction as the messages it adds, each
// with an id of its own per campaign and client, so a crash repeats
// nothing). The audience is judged at the campaign's creation and computed
// once per campaign in each process: creating one remembers it for the
// fan-out, and a process that fans out a campaign it did not create (or
// after a restart) reads the visits once and remembers them until the
// fan-out ends.
#pragma once

#include <boost/json.hpp>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "app/directory.h"
#include "codec/campaign_json.h"
#include "core/campaign.h"
#include "store/store.h"

namespace salon {

class Campaigns {
 public:
  Campaigns(Directory& directory, IdSource& ids, std::function<void()> queued)
      : directory_(directory), ids_(ids), queued_(std::move(queued)) {}

  // The campaign as the API shows it (CampaignViewJson). kInvalid for an
  // unknown branch, or one over the month's segment budget.
  Result<boost::json::object> Create(WriteTxn& txn, const SalonId& salon,
                                     const CampaignRequest& req, Instant now);
  Result<boost::json::object> Get(ReadTxn& txn, const SalonId& salon, const std::string& id);
  // Skips its queued messages. kConflict when it already ended.
  Result<boost::json::object> Cancel(WriteTxn& txn, const SalonId& salon,
                                     const std::string& id, Instant now);
  // Queues the next chunk of a fan-out job claimed by the dispatcher; the job
  // is done (status sent) after the last one.
  Status FanOut(WriteTxn& txn, MessageRow job, Instant now);

  static constexpr int kChunk = 500;
  // Campaigns whose audience a process remembers at most (the oldest goes
  // first; one forgotten is computed again if its fan-out still runs here).
  static constexpr size_t kRemembered = 8;

 private:
  using Rule = std::shared_ptr<const AudienceRule>;
  // Reads the visits `audience` needs, at `at` (one pass over the salon's
  // appointments in its VisitWindow), into its rule.
  Result<Rule> BuildRule(ReadTxn& txn, const SalonId& salon, const CampaignAudience& audience,
                         Instant at);
  // The campaign's rule: remembered, else built and remembered.
  Result<Rule> RuleOf(ReadTxn& txn, const Campaign& c);
  void Remember(const std::string& key, Rule rule);
  void Forget(const std::string& key);

  Directory& directory_;
  IdSource& ids_;
  std::function<void()> queued_;

  std::mutex mu_;
  std::map<std::string, Rule> rules_;  // by "salon/campaign"
  std::deque<std::string> remembered_;   // their keys, oldest first
};

}  // namespace salon
