#include "messaging/campaigns.h"

#include <unordered_map>
#include <unordered_set>

#include "app/records.h"
#include "codec/json_reader.h"
#include "core/message_template.h"
#include "core/sms_text.h"
#include "messaging/message.h"

namespace salon {

namespace json = boost::json;

namespace {

json::object AudienceJson(const Audience& a) {
  json::object o;
  if (!a.branch_id.empty()) o["branch_id"] = a.branch_id;
  if (!a.service_category.empty()) o["service_category"] = a.service_category;
  if (a.visited_within_days) o["visited_within_days"] = *a.visited_within_days;
  if (a.not_visited_within_days) o["not_visited_within_days"] = *a.not_visited_within_days;
  return o;
}

void ReadAudience(JsonReader& r, Audience& a) {
  if (auto x = r.String("branch_id", Need::kOptional, 64)) a.branch_id = *x;
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

// A campaign record's document.
struct Campaign {
  json::object doc;

  std::string Str(const char* key) const {
    const json::value* v = doc.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : "";
  }
  Audience audience() const {
    Audience a;
    if (const json::value* v = doc.if_contains("audience"); v && v->is_object()) {
      JsonReader r(v->as_object());
      ReadAudience(r, a);
    }
    return a;
  }
};

Result<Campaign> LoadCampaign(ReadTxn& txn, const SalonId& salon, const std::string& id) {
  auto r = txn.Get(Kind::kCampaign, salon.value, id);
  if (!r) return Status::NotFound("no campaign '" + id + "'");
  boost::system::error_code ec;
  json::value v = json::parse(r->data, ec);
  if (ec || !v.is_object()) return Status::Internal("corrupt stored campaign");
  return Campaign{std::move(v.as_object())};
}

void SaveCampaign(WriteTxn& txn, const SalonId& salon, const Campaign& c) {
  Record r;
  r.id = c.Str("id");
  r.salon_id = salon.value;
  r.version = c.doc.at("version").as_int64();
  r.search = c.Str("status");
  r.data = json::serialize(c.doc);
  txn.Put(Kind::kCampaign, r);
}

// Who an audience reaches, from the salon's visits (appointments not
// cancelled or missed that have started) over the period it looks at.
class AudienceFilter {
 public:
  static Result<AudienceFilter> Load(ReadTxn& txn, const SalonId& salon, const Audience& a,
                                     Directory& directory, Instant now) {
    AudienceFilter f;
    f.audience_ = a;
    const bool needs_visits = !a.branch_id.empty() || !a.service_category.empty() ||
                              a.visited_within_days || a.not_visited_within_days;
    if (!needs_visits) return f;
    int days = 365;
    for (auto d : {a.visited_within_days, a.not_visited_within_days}) {
      if (d) days = std::max(days, *d);
    }
    ListQuery q;
    q.salon_id = salon.value;
    q.overlap = {UnixSeconds(now - std::chrono::hours(24) * days), UnixSeconds(now)};
    q.limit = 2000;
    for (;;) {
      SALON_ASSIGN_OR_RETURN(Page<Appointment> page, List<Appointment>(txn, q));
      for (const Appointment& apt : page.items) {
        if (apt.status == AppointmentStatus::kCancelled ||
            apt.status == AppointmentStatus::kNoShow || apt.span.start > now) {
          continue;
        }
        Visits& v = f.visits_[apt.client_id.value];
        v.last = std::max(v.last, apt.span.start);
        if (apt.branch_id.value == a.branch_id) v.at_branch = true;
        if (!a.service_category.empty()) {
          for (const AppointmentItem& item : apt.items) {
            auto s = directory.FindService(txn, salon, item.service_id);
            if (s.ok() && s->category == a.service_category) v.had_category = true;
          }
        }
      }
      if (page.next.empty()) break;
      q.after_id = page.next;
    }
    f.now_ = now;
    return f;
  }

  bool Reaches(const Client& c) const {
    if (c.archived || !c.sms_marketing) return false;
    const Audience& a = audience_;
    auto it = visits_.find(c.id.value);
    const Visits* v = it == visits_.end() ? nullptr : &it->second;
    auto within = [&](int days) { return v && v->last >= now_ - std::chrono::hours(24) * days; };
    if (!a.branch_id.empty() && !(v && v->at_branch)) return false;
    if (!a.service_category.empty() && !(v && v->had_category)) return false;
    if (a.visited_within_days && !within(*a.visited_within_days)) return false;
    if (a.not_visited_within_days && within(*a.not_visited_within_days)) return false;
    return true;
  }

 private:
  struct Visits {
    Instant last{};
    bool at_branch = false;
    bool had_category = false;
  };
  Audience audience_;
  Instant now_{};
  std::unordered_map<std::string, Visits> visits_;
};

// Calls fn(client) for each client of `salon` after `after`, a page at a time.
template <typename Fn>
Status ForEachClient(ReadTxn& txn, const SalonId& salon, std::string after, int limit, Fn fn) {
  ListQuery q;
  q.salon_id = salon.value;
  q.after_id = std::move(after);
  q.limit = limit;
  SALON_ASSIGN_OR_RETURN(Page<Client> page, List<Client>(txn, q));
  for (const Client& c : page.items) fn(c);
  return Status::Ok();
}

// The zone whose quiet hours the campaign's messages keep: its branch's, else
// the salon's first branch's.
Result<Branch> CampaignBranch(ReadTxn& txn, Directory& directory, const SalonId& salon,
                              const Audience& a) {
  if (!a.branch_id.empty()) {
    auto b = directory.FindBranch(txn, salon, BranchId{a.branch_id});
    if (!b.ok() || b->archived) {
      return Status::Invalid("unknown branch", {{"audience.branch_id", "no such branch"}});
    }
    return b;
  }
  ListQuery q;
  q.salon_id = salon.value;
  q.limit = 1;
  SALON_ASSIGN_OR_RETURN(Page<Branch> branches, List<Branch>(txn, q));
  if (branches.items.empty()) {
    return Status::Invalid("the salon has no branch to send from",
                           {{"audience", "add a branch first"}});
  }
  return branches.items.front();
}

long long MonthStart(Instant now) {
  const auto day = date::year_month_day(date::floor<date::days>(now));
  return UnixSeconds(date::sys_days(day.year() / day.month() / 1));
}

json::object View(ReadTxn& txn, const SalonId& salon, const Campaign& c) {
  json::object out = c.doc;
  json::object counts{{"queued", 0}, {"sent", 0},    {"delivered", 0},
                      {"failed", 0}, {"expired", 0}, {"skipped", 0}};
  for (const auto& [status, n] : txn.CampaignCounts(salon.value, c.Str("id"))) {
    counts[status == "sending" ? "queued" : status] =
        counts[status == "sending" ? "queued" : status].as_int64() + n;
  }
  if (c.Str("status") == "sending" && counts["queued"].as_int64() == 0) out["status"] = "completed";
  out["counts"] = std::move(counts);
  return out;
}

}  // namespace

Result<CampaignRequest> ParseCampaignRequest(const json::value& body) {
  JsonReader r(body);
  CampaignRequest req;
  if (auto x = r.String("name", Need::kRequired, 200)) req.name = *x;
  if (auto x = r.String("message", Need::kRequired, 1000)) req.message = *x;
  if (const json::object* a = r.Object("audience", Need::kOptional)) {
    JsonReader ar(*a, "audience.");
    ReadAudience(ar, req.audience);
    r.Absorb(std::move(ar));
  }
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

Result<json::object> Campaigns::Create(WriteTxn& txn, const SalonId& salon,
                                       const CampaignRequest& req, Instant now) {
  SALON_ASSIGN_OR_RETURN(Salon s, Load<Salon>(txn, salon, salon.value));
  SALON_ASSIGN_OR_RETURN(Branch branch, CampaignBranch(txn, directory_, salon, req.audience));
  SALON_ASSIGN_OR_RETURN(AudienceFilter filter,
                         AudienceFilter::Load(txn, salon, req.audience, directory_, now));
  // The exact segments it will take: each recipient's own text.
  long long recipients = 0, segments = 0;
  std::string after;
  for (;;) {
    int seen = 0;
    SALON_RETURN_IF_ERROR(ForEachClient(txn, salon, after, 1000, [&](const Client& c) {
      ++seen;
      after = c.id.value;
      if (!filter.Reaches(c)) return;
      ++recipients;
      segments += MeasureSms(RenderTemplate(req.message, {{"first_name", c.first_name},
                                                          {"salon", s.name}}))
                      .segments;
    }));
    if (seen < 1000) break;
  }
  const long long used = txn.MarketingSegmentsSince(salon.value, MonthStart(now));
  const long long budget = s.messaging.monthly_segment_budget;
  if (used + segments > budget) {
    return Status::Invalid(
        "the campaign needs " + std::to_string(segments) + " segments; " +
            std::to_string(std::max(0LL, budget - used)) + " of this month's budget of " +
            std::to_string(budget) + " remain",
        {{"message", "over the monthly segment budget"}});
  }

  Campaign c;
  c.doc = {{"id", ids_.NewId("cmp")},
           {"salon_id", salon.value},
           {"name", req.name},
           {"message", req.message},
           {"audience", AudienceJson(req.audience)},
           {"status", "sending"},
           {"branch_id", branch.id.value},
           {"recipients", recipients},
           {"segments", segments},
           {"created_at", FormatUtc(now)},
           {"version", 1}};
  SaveCampaign(txn, salon, c);
  MessageRow job;
  job.id = "job_" + c.Str("id");
  job.salon_id = salon.value;
  job.kind = "fanout";
  job.campaign_id = c.Str("id");
  job.status = "queued";
  job.due_at = UnixSeconds(now);
  job.created_at = UnixSeconds(now);
  job.data = json::serialize(json::object{{"cursor", ""}});
  txn.AddMessage(job);
  if (queued_) txn.OnCommit(queued_);
  return View(txn, salon, c);
}

Result<json::object> Campaigns::Get(ReadTxn& txn, const SalonId& salon, const std::string& id) {
  SALON_ASSIGN_OR_RETURN(Campaign c, LoadCampaign(txn, salon, id));
  return View(txn, salon, c);
}

Result<json::object> Campaigns::Cancel(WriteTxn& txn, const SalonId& salon,
                                       const std::string& id, Instant now) {
  SALON_ASSIGN_OR_RETURN(Campaign c, LoadCampaign(txn, salon, id));
  json::object view = View(txn, salon, c);
  if (view["status"] != "sending") {
    return Status::Conflict("the campaign is already " + std::string(view["status"].as_string()));
  }
  c.doc["status"] = "cancelled";
  c.doc["version"] = c.doc["version"].as_int64() + 1;
  SaveCampaign(txn, salon, c);
  MessageQuery q;
  q.salon_id = salon.value;
  q.campaign_id = id;
  q.status = "queued";
  q.limit = 1000;
  for (;;) {
    std::vector<MessageRow> rows = txn.ListMessages(q);
    for (MessageRow& row : rows) {
      if (row.status != "queued") continue;  // in flight already
      Transition(row, "skipped", now, "campaign cancelled");
      txn.PutMessage(row);
    }
    if (int(rows.size()) < q.limit) break;
    q.after_id = rows.back().id;
  }
  return View(txn, salon, c);
}

Status Campaigns::FanOut(WriteTxn& txn, MessageRow job, Instant now) {
  const SalonId salon{job.salon_id};
  auto finish = [&] {
    job.status = "sent";
    txn.PutMessage(job);
    return Status::Ok();
  };
  auto found = LoadCampaign(txn, salon, job.campaign_id);
  if (!found.ok() || found->Str("status") != "sending") return finish();
  const Campaign& c = *found;
  SALON_ASSIGN_OR_RETURN(Salon s, Load<Salon>(txn, salon, salon.value));
  SALON_ASSIGN_OR_RETURN(Branch branch,
                         directory_.FindBranch(txn, salon, BranchId{c.Str("branch_id")}));
  SALON_ASSIGN_OR_RETURN(AudienceFilter filter,
                         AudienceFilter::Load(txn, salon, c.audience(), directory_, now));
  MessageDoc state(job);
  std::string cursor = state.Text("cursor");
  int seen = 0;
  const std::string message = c.Str("message");
  SALON_RETURN_IF_ERROR(ForEachClient(txn, salon, cursor, kChunk, [&](const Client& client) {
    ++seen;
    cursor = client.id.value;
    if (!filter.Reaches(client)) return;
    NewMessage m;
    m.id = "msg_" + c.Str("id").substr(4) + "_" + client.id.value;  // one per client, ever
    m.salon_id = salon.value;
    m.kind = MessageKind::kMarketing;
    m.client_id = client.id.value;
    m.campaign_id = c.Str("id");
    m.to = client.phone;
    m.from = branch.sms_sender;
    m.zone = branch.timezone;
    m.text = RenderTemplate(message, {{"first_name", client.first_name}, {"salon", s.name}});
    m.due = now;
    txn.AddMessage(BuildMessage(m, now));
  }));
  if (queued_) txn.OnCommit(queued_);
  if (seen < kChunk) return finish();
  job.status = "queued";  // the next chunk, at once
  job.due_at = UnixSeconds(now);
  job.attempts = 0;
  job.data = json::serialize(json::object{{"cursor", cursor}});
  txn.PutMessage(job);
  return Status::Ok();
}

}  // namespace salon
