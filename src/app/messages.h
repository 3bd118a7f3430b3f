// Messages and campaigns as a salon sees them: its text messages (read and
// listed by status, kind, client, appointment or campaign) and its
// marketing campaigns (create, read, list, cancel). Each use case owns its
// transaction. Thread-safe; no state of its own.
#pragma once

#include <boost/json.hpp>

#include <optional>
#include <string>

#include "app/answer.h"
#include "app/page.h"
#include "base/clock.h"
#include "core/message_kind.h"
#include "core/message_status.h"
#include "messaging/campaigns.h"

namespace salon {

struct MessageFilter {
  std::optional<MessageStatus> status;  // none: any
  std::optional<MessageKind> kind;
  ClientId client_id;  // empty ids: any
  AppointmentId appointment_id;
  CampaignId campaign_id;
  PageRequest page;
};

class Messages {
 public:
  Messages(Store& store, const Clock& clock, Campaigns& campaigns)
      : store_(store), clock_(clock), campaigns_(campaigns) {}

  Result<Page<MessageRow>> List(const SalonId& salon, const MessageFilter& filter);
  Result<MessageRow> Get(const SalonId& salon, const std::string& id);

  // The campaign as the API shows it (Campaigns::Create).
  Result<Answer> CreateCampaign(const SalonId& salon, const CampaignRequest& req,
                                const Answering<boost::json::object>& how);
  Result<boost::json::object> GetCampaign(const SalonId& salon, const std::string& id);
  Result<Page<boost::json::object>> ListCampaigns(const SalonId& salon, const PageRequest& page);
  Result<Answer> CancelCampaign(const SalonId& salon, const std::string& id,
                                const Answering<boost::json::object>& how);

 private:
  Store& store_;
  const Clock& clock_;
  Campaigns& campaigns_;
};

}  // namespace salon
