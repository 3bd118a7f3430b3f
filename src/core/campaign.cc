#include "core/campaign.h"

#include <algorithm>

namespace salon {

std::string_view ToString(CampaignStatus s) {
  switch (s) {
    case CampaignStatus::kSending: return "sending";
    case CampaignStatus::kCompleted: return "completed";
    case CampaignStatus::kCancelled: return "cancelled";
  }
  return "sending";
}

std::optional<CampaignStatus> ParseCampaignStatus(std::string_view s) {
  for (auto st : {CampaignStatus::kSending, CampaignStatus::kCompleted,
                  CampaignStatus::kCancelled}) {
    if (ToString(st) == s) return st;
  }
  return std::nullopt;
}

bool CanTransition(CampaignStatus from, CampaignStatus to) {
  return from == CampaignStatus::kSending &&
         (to == CampaignStatus::kCompleted || to == CampaignStatus::kCancelled);
}

void CampaignCounts::Add(MessageStatus s, long long n) {
  switch (ShownStatus(s)) {
    case MessageStatus::kQueued:
    case MessageStatus::kSending: queued += n; break;
    case MessageStatus::kSent: sent += n; break;
    case MessageStatus::kDelivered: delivered += n; break;
    case MessageStatus::kFailed: failed += n; break;
    case MessageStatus::kExpired: expired += n; break;
    case MessageStatus::kSkipped: skipped += n; break;
  }
}

CampaignStatus ShownStatus(const Campaign& c, const CampaignProgress& progress) {
  if (c.status == CampaignStatus::kSending && !progress.fanning_out &&
      progress.counts.queued == 0) {
    return CampaignStatus::kCompleted;
  }
  return c.status;
}

bool NeedsVisits(const CampaignAudience& a) {
  return !a.branch_id.value.empty() || !a.service_category.empty() || a.visited_within_days ||
         a.not_visited_within_days;
}

Interval VisitWindow(const CampaignAudience& a, Instant at) {
  int days = 365;
  for (auto d : {a.visited_within_days, a.not_visited_within_days}) {
    if (d) days = std::max(days, *d);
  }
  return {at - std::chrono::hours(24) * days, at};
}

AudienceRule::AudienceRule(CampaignAudience audience, Instant at)
    : audience_(std::move(audience)), at_(at), window_(VisitWindow(audience_, at_)) {}

AudienceRule::AudienceRule(CampaignAudience audience, Instant at,
                           const std::vector<Visit>& visits)
    : AudienceRule(std::move(audience), at) {
  for (const Visit& v : visits) Count(v);
}

void AudienceRule::Count(const Visit& v) {
  if (!NeedsVisits(audience_) || v.status == AppointmentStatus::kCancelled ||
      v.status == AppointmentStatus::kNoShow ||
      !(v.span.start < window_.end && v.span.end > window_.start)) {
    return;
  }
  Facts& f = facts_[v.client_id.value];
  f.last = std::max(f.last, v.span.start);
  if (!audience_.branch_id.value.empty() && v.branch_id == audience_.branch_id) {
    f.at_branch = true;
  }
  if (!audience_.service_category.empty() &&
      std::find(v.categories.begin(), v.categories.end(), audience_.service_category) !=
          v.categories.end()) {
    f.had_category = true;
  }
}

bool AudienceRule::Reaches(const Client& c) const {
  if (c.archived || !c.sms_marketing) return false;
  const CampaignAudience& a = audience_;
  auto it = facts_.find(c.id.value);
  const Facts* f = it == facts_.end() ? nullptr : &it->second;
  auto within = [&](int days) { return f && f->last >= at_ - std::chrono::hours(24) * days; };
  if (!a.branch_id.value.empty() && !(f && f->at_branch)) return false;
  if (!a.service_category.empty() && !(f && f->had_category)) return false;
  if (a.visited_within_days && !within(*a.visited_within_days)) return false;
  if (a.not_visited_within_days && within(*a.not_visited_within_days)) return false;
  return true;
}

std::vector<ClientId> AudienceOf(const CampaignAudience& audience, Instant at,
                                 const std::vector<Client>& clients,
                                 const std::vector<Visit>& visits) {
  const AudienceRule rule(audience, at, visits);
  std::vector<ClientId> out;
  for (const Client& c : clients) {
    if (rule.Reaches(c)) out.push_back(c.id);
  }
  return out;
}

}  // namespace salon
