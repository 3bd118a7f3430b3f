// A marketing campaign: one message to every client of a salon with
// marketing consent whom its audience reaches (visited within / not within
// N days, had a service of a category, at a branch). Its audience rule is
// pure: built once from what it needs of the salon's appointments (their
// visits), then asked about each client.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/clock.h"
#include "base/ids.h"
#include "core/appointment.h"
#include "core/client.h"
#include "core/interval.h"
#include "core/message_status.h"

namespace salon {

// Whom a campaign is for, beyond marketing consent; every condition set must hold.
struct CampaignAudience {
  BranchId branch_id;            // empty: any; else clients who visited it
  std::string service_category;  // "": any; else clients who had a service of it
  std::optional<int> visited_within_days;
  std::optional<int> not_visited_within_days;
  friend bool operator==(const CampaignAudience&, const CampaignAudience&) = default;
};

// sending → completed (all its messages left the queue) or cancelled;
// completed and cancelled are final. Only sending and cancelled are stored:
// completed is seen from the campaign's messages (ShownStatus).
enum class CampaignStatus { kSending, kCompleted, kCancelled };

std::string_view ToString(CampaignStatus s);
std::optional<CampaignStatus> ParseCampaignStatus(std::string_view s);
bool CanTransition(CampaignStatus from, CampaignStatus to);

struct Campaign {
  CampaignId id;
  SalonId salon_id;
  std::string name;
  std::string message;  // a template: {first_name}, {salon}
  CampaignAudience audience;
  CampaignStatus status = CampaignStatus::kSending;
  BranchId branch_id;  // whose sender and time zone its messages have
  long long recipients = 0;  // when it was created
  long long segments = 0;
  Instant created_at{};  // also the instant its audience is judged at
  long long version = 1;
};

// What a new campaign asks for.
struct CampaignRequest {
  std::string name;
  std::string message;
  CampaignAudience audience;
};

// How many of a campaign's messages are in each status, as the API counts
// them (a claimed message is still queued).
struct CampaignCounts {
  long long queued = 0, sent = 0, delivered = 0, failed = 0, expired = 0, skipped = 0;
  void Add(MessageStatus s, long long n);
  friend bool operator==(const CampaignCounts&, const CampaignCounts&) = default;
};

// Where a campaign's sending stands: whether its fan-out still has clients
// to queue messages for, and its messages by status.
struct CampaignProgress {
  bool fanning_out = false;
  CampaignCounts counts;
};

// The status the API shows: a campaign sending is completed once its
// fan-out is done and none of its messages is left queued.
CampaignStatus ShownStatus(const Campaign& c, const CampaignProgress& progress);

// What the audience rule needs of one appointment.
struct Visit {
  ClientId client_id;
  BranchId branch_id;
  Interval span;
  AppointmentStatus status = AppointmentStatus::kBooked;
  std::vector<std::string> categories;  // of its services (needed only for a category)
};

// Whether the audience looks at visits at all (any condition set).
bool NeedsVisits(const CampaignAudience& a);
// The visits it looks at, judged at `at`: those overlapping the last
// max(365, its day counts) days before `at`.
Interval VisitWindow(const CampaignAudience& a, Instant at);

// Who an audience reaches at `at`. A visit counts when the client came (not
// cancelled, not a no-show), it began before `at` and it overlaps VisitWindow.
// A client is reached when not archived, with marketing consent, and:
// visited the branch, had a service of the category, last came within
// visited_within_days, and did not come within not_visited_within_days
// (each when set). Built from every visit first (the constructor, or Count
// for each), then only asked: a const one may be shared between threads.
class AudienceRule {
 public:
  AudienceRule(CampaignAudience audience, Instant at);
  AudienceRule(CampaignAudience audience, Instant at, const std::vector<Visit>& visits);

  // Takes one visit into account (it may not count).
  void Count(const Visit& visit);
  bool Reaches(const Client& client) const;

  const CampaignAudience& audience() const { return audience_; }
  Instant at() const { return at_; }

 private:
  struct Facts {
    Instant last{};
    bool at_branch = false;
    bool had_category = false;
  };
  CampaignAudience audience_;
  Instant at_;
  Interval window_;
  std::unordered_map<std::string, Facts> facts_;  // by client id: those who came
};

// The clients of `clients` a campaign reaches, in their order.
std::vector<ClientId> AudienceOf(const CampaignAudience& audience, Instant at,
                                 const std::vector<Client>& clients,
                                 const std::vector<Visit>& visits);

}  // namespace salon
