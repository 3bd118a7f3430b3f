#include "messaging/campaigns.h"

#include <algorithm>

#include "app/records.h"
#include "codec/json_reader.h"
#include "codec/storage_format.h"
#include "core/message_template.h"
#include "core/sms_text.h"
#include "messaging/message.h"

namespace salon {

namespace json = boost::json;

namespace {

std::string RuleKey(const SalonId& salon, const std::string& campaign) {
  return salon.value + "/" + campaign;
}

Result<Campaign> LoadCampaign(ReadTxn& txn, const SalonId& salon, const std::string& id) {
  auto r = txn.Get(Kind::kCampaign, salon, id);
  if (!r) return Status::NotFound("no campaign '" + id + "'");
  auto v = FromStored(r->data);
  if (!v.ok()) return Status::Internal("corrupt stored campaign: " + v.status().message());
  StoredDocument stored;
  auto c = CampaignFromJson(*v);
  if (!c.ok()) return Status::Internal("corrupt stored campaign: " + c.status().message());
  return c;
}

void SaveCampaign(WriteTxn& txn, const Campaign& c) {
  Record r;
  r.id = c.id.value;
  r.salon_id = c.salon_id.value;
  r.version = c.version;
  r.status = std::string(ToString(c.status));
  r.data = ToStored(ToJson(c));
  txn.Put(Kind::kCampaign, r);
}

std::string JobId(const CampaignId& campaign) { return "job_" + campaign.value; }

// Its fan-out job (still queued or claimed, or none when another engine's
// copy left it out) and its messages.
CampaignProgress Progress(ReadTxn& txn, const Campaign& c) {
  CampaignProgress p;
  auto job = txn.GetMessage(c.salon_id, JobId(c.id));
  p.fanning_out = job && job->status != MessageStatus::kSent;
  for (const auto& [status, n] : txn.CampaignCounts(c.salon_id, c.id)) {
    p.counts.Add(status, n);
  }
  return p;
}

json::object View(ReadTxn& txn, const Campaign& c) {
  return CampaignViewJson(c, Progress(txn, c));
}

// Calls fn(client) for each client of `salon` after `after`, a page at a time.
template <typename Fn>
Status ForEachClient(ReadTxn& txn, const SalonId& salon, std::string after, int limit, Fn fn) {
  ListQuery q;
  q.salon_id = salon;
  q.after_id = std::move(after);
  q.limit = limit;
  SALON_ASSIGN_OR_RETURN(Page<Client> page, List<Client>(txn, q));
  for (const Client& c : page.items) fn(c);
  return Status::Ok();
}

// The zone whose quiet hours the campaign's messages keep: its branch's, else
// the salon's first branch's.
Result<Branch> CampaignBranch(ReadTxn& txn, Directory& directory, const SalonId& salon,
                              const CampaignAudience& a) {
  if (!a.branch_id.value.empty()) {
    auto b = directory.FindBranch(txn, salon, a.branch_id);
    if (!b.ok() || b->archived) {
      return Status::Invalid("unknown branch", {{"audience.branch_id", "no such branch"}});
    }
    return b;
  }
  ListQuery q;
  q.salon_id = salon;
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

}  // namespace

Result<Campaigns::Rule> Campaigns::BuildRule(ReadTxn& txn, const SalonId& salon,
                                             const CampaignAudience& audience, Instant at) {
  auto rule = std::make_shared<AudienceRule>(audience, at);
  if (!NeedsVisits(audience)) return Rule(std::move(rule));
  const Interval window = VisitWindow(audience, at);
  ListQuery q;
  q.salon_id = salon;
  q.overlap = {UnixSeconds(window.start), UnixSeconds(window.end)};
  q.limit = 2000;
  for (;;) {
    SALON_ASSIGN_OR_RETURN(Page<Appointment> page, List<Appointment>(txn, q));
    for (const Appointment& apt : page.items) {
      Visit v{apt.client_id, apt.branch_id, apt.span, apt.status, {}};
      if (!audience.service_category.empty()) {
        for (const AppointmentItem& item : apt.items) {
          auto s = directory_.FindService(txn, salon, item.service_id);
          if (s.ok()) v.categories.push_back(s->category);
        }
      }
      rule->Count(v);
    }
    if (page.next.empty()) break;
    q.after_id = page.next;
  }
  return Rule(std::move(rule));
}

Result<Campaigns::Rule> Campaigns::RuleOf(ReadTxn& txn, const Campaign& c) {
  const std::string key = RuleKey(c.salon_id, c.id.value);
  {
    std::lock_guard lock(mu_);
    if (auto it = rules_.find(key); it != rules_.end()) return it->second;
  }
  SALON_ASSIGN_OR_RETURN(Rule rule, BuildRule(txn, c.salon_id, c.audience, c.created_at));
  Remember(key, rule);
  return rule;
}

void Campaigns::Remember(const std::string& key, Rule rule) {
  std::lock_guard lock(mu_);
  if (rules_.insert_or_assign(key, std::move(rule)).second) remembered_.push_back(key);
  while (rules_.size() > kRemembered && !remembered_.empty()) {
    rules_.erase(remembered_.front());
    remembered_.pop_front();
  }
}

void Campaigns::Forget(const std::string& key) {
  std::lock_guard lock(mu_);
  if (rules_.erase(key) == 0) return;
  std::erase(remembered_, key);
}

Result<json::object> Campaigns::Create(WriteTxn& txn, const SalonId& salon,
                                       const CampaignRequest& req, Instant now) {
  SALON_ASSIGN_OR_RETURN(Salon s, directory_.FindSalon(txn, salon));
  SALON_ASSIGN_OR_RETURN(Branch branch, CampaignBranch(txn, directory_, salon, req.audience));
  // Judged now, which is when the campaign was created (RuleOf judges it then too).
  SALON_ASSIGN_OR_RETURN(Rule rule, BuildRule(txn, salon, req.audience, now));
  // The exact segments it will take: each recipient's own text.
  long long recipients = 0, segments = 0;
  std::string after;
  for (;;) {
    int seen = 0;
    SALON_RETURN_IF_ERROR(ForEachClient(txn, salon, after, 1000, [&](const Client& c) {
      ++seen;
      after = c.id.value;
      if (!rule->Reaches(c)) return;
      ++recipients;
      segments += MeasureSms(RenderTemplate(req.message, {{"first_name", c.first_name},
                                                          {"salon", s.name}}))
                      .segments;
    }));
    if (seen < 1000) break;
  }
  const long long used = txn.MarketingSegmentsSince(salon, MonthStart(now));
  const long long budget = s.messaging.monthly_segment_budget;
  if (used + segments > budget) {
    return Status::Invalid(
        "the campaign needs " + std::to_string(segments) + " segments; " +
            std::to_string(std::max(0LL, budget - used)) + " of this month's budget of " +
            std::to_string(budget) + " remain",
        {{"message", "over the monthly segment budget"}});
  }

  Campaign c;
  c.id = CampaignId{ids_.NewId("cmp")};
  c.salon_id = salon;
  c.name = req.name;
  c.message = req.message;
  c.audience = req.audience;
  c.status = CampaignStatus::kSending;
  c.branch_id = branch.id;
  c.recipients = recipients;
  c.segments = segments;
  c.created_at = now;
  SaveCampaign(txn, c);
  MessageRow job;
  job.id = JobId(c.id);
  job.salon_id = salon.value;
  job.kind = MessageKind::kFanOut;
  job.campaign_id = c.id.value;
  job.status = MessageStatus::kQueued;
  job.due_at = UnixSeconds(now);
  job.created_at = UnixSeconds(now);
  job.data = ToStored({{"cursor", ""}});
  txn.AddMessage(job);
  // The fan-out (in this process) takes the audience as computed here.
  txn.OnCommit([this, key = RuleKey(salon, c.id.value), rule] { Remember(key, rule); });
  if (queued_) txn.OnCommit(queued_);
  return View(txn, c);
}

Result<json::object> Campaigns::Get(ReadTxn& txn, const SalonId& salon, const std::string& id) {
  SALON_ASSIGN_OR_RETURN(Campaign c, LoadCampaign(txn, salon, id));
  return View(txn, c);
}

Result<json::object> Campaigns::Cancel(WriteTxn& txn, const SalonId& salon,
                                       const std::string& id, Instant now) {
  SALON_ASSIGN_OR_RETURN(Campaign c, LoadCampaign(txn, salon, id));
  const CampaignStatus shown = ShownStatus(c, Progress(txn, c));
  if (!CanTransition(shown, CampaignStatus::kCancelled)) {
    return Status::Conflict("the campaign is already " + std::string(ToString(shown)));
  }
  c.status = CampaignStatus::kCancelled;
  c.version++;
  SaveCampaign(txn, c);
  MessageQuery q;
  q.salon_id = salon;
  q.campaign_id = CampaignId{id};
  q.status = ToString(MessageStatus::kQueued);
  q.limit = 1000;
  for (;;) {
    std::vector<MessageRow> rows = txn.ListMessages(q);
    for (MessageRow& row : rows) {
      if (row.status != MessageStatus::kQueued) continue;  // in flight already
      if (Transition(row, MessageStatus::kSkipped, now, "campaign cancelled").ok()) {
        txn.PutMessage(row);
      }
    }
    if (int(rows.size()) < q.limit) break;
    q.after_id = rows.back().id;
  }
  return View(txn, c);
}

Status Campaigns::FanOut(WriteTxn& txn, MessageRow job, Instant now) {
  const SalonId salon{job.salon_id};
  const std::string key = RuleKey(salon, job.campaign_id);
  // The job moves as a message does: claimed (sending), then queued again
  // for the next chunk, or sent when done.
  if (job.kind != MessageKind::kFanOut || !CanTransition(job.status, MessageStatus::kSent)) {
    return Status::Internal("not a claimed fan-out job: " + job.id);
  }
  auto finish = [&] {
    Forget(key);
    job.status = MessageStatus::kSent;
    txn.PutMessage(job);
    return Status::Ok();
  };
  auto found = LoadCampaign(txn, salon, job.campaign_id);
  if (!found.ok() && found.status().code() != Code::kNotFound) return found.status();
  if (!found.ok() || found->status != CampaignStatus::kSending) return finish();
  const Campaign& c = *found;
  SALON_ASSIGN_OR_RETURN(Salon s, directory_.FindSalon(txn, salon));
  SALON_ASSIGN_OR_RETURN(Branch branch, directory_.FindBranch(txn, salon, c.branch_id));
  SALON_ASSIGN_OR_RETURN(Rule rule, RuleOf(txn, c));
  MessageDoc state(job);
  std::string cursor = state.Text("cursor");
  int seen = 0;
  SALON_RETURN_IF_ERROR(ForEachClient(txn, salon, cursor, kChunk, [&](const Client& client) {
    ++seen;
    cursor = client.id.value;
    if (!rule->Reaches(client)) return;
    NewMessage m;
    m.id = "msg_" + c.id.value.substr(4) + "_" + client.id.value;  // one per client, ever
    m.salon_id = salon.value;
    m.kind = MessageKind::kMarketing;
    m.client_id = client.id.value;
    m.campaign_id = c.id.value;
    m.to = client.phone;
    m.from = branch.sms_sender;
    m.zone = branch.timezone;
    m.text = RenderTemplate(c.message, {{"first_name", client.first_name}, {"salon", s.name}});
    m.due = now;
    txn.AddMessage(BuildMessage(m, now));
  }));
  if (queued_) txn.OnCommit(queued_);
  if (seen < kChunk) return finish();
  job.status = MessageStatus::kQueued;  // the next chunk, at once
  job.due_at = UnixSeconds(now);
  job.attempts = 0;
  job.data = ToStored({{"cursor", cursor}});
  txn.PutMessage(job);
  return Status::Ok();
}

}  // namespace salon
