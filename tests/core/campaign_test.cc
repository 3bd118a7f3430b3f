// Campaigns: whom an audience reaches (the pure rule), the campaign's
// status and counts.
#include "core/campaign.h"

#include <gtest/gtest.h>

#include "base/time.h"

namespace salon {
namespace {

const Instant kAt = *ParseInstant("2026-11-20T12:00:00Z");

Instant DaysAgo(int days) { return kAt - std::chrono::hours(24) * days; }

Client Person(const std::string& id, bool marketing = true) {
  Client c;
  c.id = ClientId{id};
  c.first_name = id;
  c.sms_marketing = marketing;
  return c;
}

Visit Came(const std::string& client, int days_ago, const std::string& branch = "br_a",
           std::vector<std::string> categories = {},
           AppointmentStatus status = AppointmentStatus::kCompleted) {
  Visit v;
  v.client_id = ClientId{client};
  v.branch_id = BranchId{branch};
  v.span = {DaysAgo(days_ago), DaysAgo(days_ago) + std::chrono::hours(1)};
  v.status = status;
  v.categories = std::move(categories);
  return v;
}

std::vector<std::string> Reached(const CampaignAudience& a, const std::vector<Client>& clients,
                                 const std::vector<Visit>& visits) {
  std::vector<std::string> out;
  for (const ClientId& id : AudienceOf(a, kAt, clients, visits)) out.push_back(id.value);
  return out;
}

using Names = std::vector<std::string>;

TEST(AudienceTest, EveryoneWithMarketingConsentWhenNoConditionIsSet) {
  Client archived = Person("cli_c");
  archived.archived = true;
  EXPECT_EQ(Reached({}, {Person("cli_a"), Person("cli_b", false), archived, Person("cli_d")}, {}),
            (Names{"cli_a", "cli_d"}));
}

TEST(AudienceTest, VisitedWithinAndNotWithinDays) {
  const std::vector<Client> clients = {Person("cli_a"), Person("cli_b"), Person("cli_c")};
  const std::vector<Visit> visits = {Came("cli_a", 10), Came("cli_b", 100), Came("cli_b", 40)};
  CampaignAudience recent;
  recent.visited_within_days = 30;
  EXPECT_EQ(Reached(recent, clients, visits), (Names{"cli_a"}));
  recent.visited_within_days = 40;  // the bound is inclusive
  EXPECT_EQ(Reached(recent, clients, visits), (Names{"cli_a", "cli_b"}));
  CampaignAudience lapsed;
  lapsed.not_visited_within_days = 30;  // never came counts as not within
  EXPECT_EQ(Reached(lapsed, clients, visits), (Names{"cli_b", "cli_c"}));
  lapsed.visited_within_days = 365;  // lapsed, but came within the year
  EXPECT_EQ(Reached(lapsed, clients, visits), (Names{"cli_b"}));
}

TEST(AudienceTest, OnlyVisitsThatHappenedCount) {
  const std::vector<Client> clients = {Person("cli_a"), Person("cli_b"), Person("cli_c"),
                                       Person("cli_d")};
  const std::vector<Visit> visits = {
      Came("cli_a", 5, "br_a", {}, AppointmentStatus::kCancelled),
      Came("cli_b", 5, "br_a", {}, AppointmentStatus::kNoShow),
      Came("cli_c", -2),  // booked for the day after tomorrow
      Came("cli_d", 5, "br_a", {}, AppointmentStatus::kBooked),  // began, still marked booked
  };
  CampaignAudience a;
  a.visited_within_days = 30;
  EXPECT_EQ(Reached(a, clients, visits), (Names{"cli_d"}));
}

TEST(AudienceTest, BranchAndCategoryWithinTheLookback) {
  const std::vector<Client> clients = {Person("cli_a"), Person("cli_b"), Person("cli_c")};
  const std::vector<Visit> visits = {
      Came("cli_a", 20, "br_a", {"Colour", "Cut"}),
      Came("cli_b", 20, "br_b", {"Cut"}),
      Came("cli_c", 400, "br_a", {"Colour"}),  // before the year the audience looks at
  };
  CampaignAudience at_a;
  at_a.branch_id = BranchId{"br_a"};
  EXPECT_EQ(Reached(at_a, clients, visits), (Names{"cli_a"}));
  CampaignAudience colour;
  colour.service_category = "Colour";
  EXPECT_EQ(Reached(colour, clients, visits), (Names{"cli_a"}));
  colour.not_visited_within_days = 500;  // looks back 500 days: cli_c's visit counts
  EXPECT_EQ(Reached(colour, clients, visits), (Names{}));
  CampaignAudience cut_at_b;
  cut_at_b.branch_id = BranchId{"br_b"};
  cut_at_b.service_category = "Cut";
  EXPECT_EQ(Reached(cut_at_b, clients, visits), (Names{"cli_b"}));
  EXPECT_EQ(VisitWindow(colour, kAt).start, DaysAgo(500));
  EXPECT_EQ(VisitWindow(at_a, kAt).start, DaysAgo(365));
  EXPECT_EQ(VisitWindow(at_a, kAt).end, kAt);
}

TEST(AudienceTest, ConsentIsAskedOfTheClientAsItIsNow) {
  CampaignAudience a;
  a.visited_within_days = 30;
  const AudienceRule rule(a, kAt, {Came("cli_a", 3)});
  Client c = Person("cli_a");
  EXPECT_TRUE(rule.Reaches(c));
  c.sms_marketing = false;  // STOP since the rule was built
  EXPECT_FALSE(rule.Reaches(c));
  EXPECT_FALSE(NeedsVisits(CampaignAudience{}));
  EXPECT_TRUE(NeedsVisits(a));
}

TEST(CampaignTest, StatusMovesOnlyFromSending) {
  using C = CampaignStatus;
  EXPECT_TRUE(CanTransition(C::kSending, C::kCompleted));
  EXPECT_TRUE(CanTransition(C::kSending, C::kCancelled));
  EXPECT_FALSE(CanTransition(C::kCompleted, C::kCancelled));
  EXPECT_FALSE(CanTransition(C::kCancelled, C::kSending));
  EXPECT_FALSE(CanTransition(C::kSending, C::kSending));
  for (C s : {C::kSending, C::kCompleted, C::kCancelled}) {
    EXPECT_EQ(ParseCampaignStatus(ToString(s)), s);
  }
  EXPECT_FALSE(ParseCampaignStatus("done").has_value());
}

TEST(CampaignTest, CountsAndTheShownStatus) {
  CampaignCounts counts;
  counts.Add(MessageStatus::kQueued, 2);
  counts.Add(MessageStatus::kSending, 3);  // claimed: still queued to the reader
  counts.Add(MessageStatus::kDelivered, 4);
  counts.Add(MessageStatus::kSkipped, 1);
  EXPECT_EQ(counts.queued, 5);
  EXPECT_EQ(counts.delivered, 4);
  EXPECT_EQ(counts.skipped, 1);
  EXPECT_EQ(counts.sent, 0);
  Campaign c;
  EXPECT_EQ(ShownStatus(c, {false, counts}), CampaignStatus::kSending);
  EXPECT_EQ(ShownStatus(c, {false, {.sent = 3}}), CampaignStatus::kCompleted);
  // Nothing queued yet, but the fan-out has clients left to queue for.
  EXPECT_EQ(ShownStatus(c, {true, {}}), CampaignStatus::kSending);
  EXPECT_EQ(ShownStatus(c, {true, {.sent = 3}}), CampaignStatus::kSending);
  c.status = CampaignStatus::kCancelled;
  EXPECT_EQ(ShownStatus(c, {false, {.sent = 3}}), CampaignStatus::kCancelled);
  EXPECT_EQ(ShownStatus(c, {true, {}}), CampaignStatus::kCancelled);
}

}  // namespace
}  // namespace salon
