#include "codec/campaign_json.h"

#include "base/time.h"
#include "codec/json_reader.h"
#include "core/message_kind.h"
#include "core/message_template.h"
#include "core/messaging_settings.h"

namespace salon {

namespace json = boost::json;

namespace {

void ReadAudience(JsonReader& r, CampaignAudience& a) {
  if (auto x = r.String("branch_id", Need::kOptional, 64)) a.branch_id.value = *x;
  if (auto x = r.String("service_category", Need::kOptional, 100)) a.service_category = *x;
  for (auto [key, out] : {std::pair{"visited_within_days", &a.visited_within_days},
                          std::pair{"not_visited_within_days", &a.not_visited_within_days}}) {
    if (auto x = r.Int(key, Need::kOptional)) {
      if (*x < 1 || *x > 3660) r.ValueError(r.Field(key), "must be from 1 to 3660");
      *out = int(*x);
    }
  }
  r.RejectUnknown();
}

// Reads the optional "audience" object of `r` into `a`.
void ReadAudienceOf(JsonReader& r, CampaignAudience& a) {
  if (const json::object* o = r.Object("audience", Need::kOptional)) {
    JsonReader ar(*o, r.Field("audience") + ".");
    ReadAudience(ar, a);
    r.Absorb(std::move(ar));
  }
}

}  // namespace

json::object ToJson(const CampaignAudience& a) {
  json::object o;
  if (!a.branch_id.value.empty()) o["branch_id"] = a.branch_id.value;
  if (!a.service_category.empty()) o["service_category"] = a.service_category;
  if (a.visited_within_days) o["visited_within_days"] = *a.visited_within_days;
  if (a.not_visited_within_days) o["not_visited_within_days"] = *a.not_visited_within_days;
  return o;
}

json::object ToJson(const Campaign& c) {
  return {{"id", c.id.value},
          {"salon_id", c.salon_id.value},
          {"name", c.name},
          {"message", c.message},
          {"audience", ToJson(c.audience)},
          {"status", ToString(c.status)},
          {"branch_id", c.branch_id.value},
          {"recipients", c.recipients},
          {"segments", c.segments},
          {"created_at", FormatUtc(c.created_at)},
          {"version", c.version}};
}

json::object CampaignViewJson(const Campaign& c, const CampaignProgress& progress) {
  const CampaignCounts& counts = progress.counts;
  json::object out = ToJson(c);
  out["status"] = ToString(ShownStatus(c, progress));
  out["counts"] = json::object{{"queued", counts.queued},       {"sent", counts.sent},
                               {"delivered", counts.delivered}, {"failed", counts.failed},
                               {"expired", counts.expired},     {"skipped", counts.skipped}};
  return out;
}

Result<Campaign> CampaignFromJson(const json::value& v) {
  JsonReader r(v);
  Campaign c;
  if (auto x = r.String("id", Need::kRequired, 64)) c.id.value = *x;
  if (auto x = r.String("salon_id", Need::kRequired, 64)) c.salon_id.value = *x;
  if (auto x = r.String("name", Need::kRequired, 200)) c.name = *x;
  if (auto x = r.String("message", Need::kRequired, 1000)) c.message = *x;
  ReadAudienceOf(r, c.audience);
  if (auto x = r.String("status", Need::kRequired, 32)) {
    auto status = ParseCampaignStatus(*x);
    if (!status || *status == CampaignStatus::kCompleted) {
      r.ValueError("status", "must be sending or cancelled");
    } else {
      c.status = *status;
    }
  }
  if (auto x = r.String("branch_id", Need::kRequired, 64)) c.branch_id.value = *x;
  if (auto x = r.Int("recipients", Need::kOptional)) c.recipients = *x;
  if (auto x = r.Int("segments", Need::kOptional)) c.segments = *x;
  if (auto x = r.String("created_at", Need::kRequired, 64)) {
    auto t = ParseInstant(*x);
    if (t.ok()) {
      c.created_at = *t;
    } else {
      r.ValueError("created_at", t.status().message());
    }
  }
  if (auto x = r.Int("version", Need::kRequired)) c.version = *x;
  r.RejectUnknown();
  SALON_RETURN_IF_ERROR(r.Finish("the campaign"));
  return c;
}

Result<CampaignRequest> ParseCampaignRequest(const json::value& body) {
  JsonReader r(body);
  CampaignRequest req;
  if (auto x = r.String("name", Need::kRequired, 200)) req.name = *x;
  if (auto x = r.String("message", Need::kRequired, 1000)) req.message = *x;
  ReadAudienceOf(r, req.audience);
  r.RejectUnknown();
  if (r.ok()) {
    if (req.name.empty()) r.ValueError("name", "must not be empty");
    if (req.message.empty()) r.ValueError("message", "must not be empty");
    Status t = CheckTemplate(req.message, Placeholders(MessageKind::kMarketing));
    if (!t.ok()) r.ValueError("message", t.message());
  }
  SALON_RETURN_IF_ERROR(r.Finish("the campaign"));
  return req;
}

}  // namespace salon
