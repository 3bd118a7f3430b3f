// The JSON of campaigns: the document the store keeps (which is also the
// API's view, with the campaign's message counts and shown status added),
// and the body of a request to create one.
#pragma once

#include <boost/json.hpp>

#include "base/result.h"
#include "core/campaign.h"

namespace salon {

// {"branch_id","service_category","visited_within_days","not_visited_within_days"},
// each only when set.
boost::json::object ToJson(const CampaignAudience& a);
// {"id","salon_id","name","message","audience","status","branch_id",
//  "recipients","segments","created_at","version"}: the stored document.
boost::json::object ToJson(const Campaign& c);
// The API's view: the document with the status ShownStatus gives and
// "counts" {"queued","sent","delivered","failed","expired","skipped"}.
boost::json::object CampaignViewJson(const Campaign& c, const CampaignProgress& progress);

// A stored document (read under StoredDocument); kMalformed / kInvalid.
Result<Campaign> CampaignFromJson(const boost::json::value& v);
// A request body {"name","message","audience"?} (kMalformed / kInvalid): a
// non-empty name and message, the message a template of {first_name} and
// {salon}, day counts from 1 to 3660.
Result<CampaignRequest> ParseCampaignRequest(const boost::json::value& body);

}  // namespace salon
