// Message statuses and kinds: the transition rule as a whole table, the text
// forms the store and the API use, and what the API shows.
#include "core/message_status.h"

#include <gtest/gtest.h>

#include <set>
#include <utility>

#include "core/message_kind.h"
#include "core/messaging_settings.h"

namespace salon {
namespace {

using S = MessageStatus;

// Every allowed move; every pair not listed must be refused.
const std::set<std::pair<S, S>>& Allowed() {
  static const std::set<std::pair<S, S>> kAllowed = {
      {S::kQueued, S::kSending},    {S::kQueued, S::kSent},      {S::kQueued, S::kDelivered},
      {S::kQueued, S::kFailed},     {S::kQueued, S::kExpired},   {S::kQueued, S::kSkipped},
      {S::kSending, S::kQueued},    {S::kSending, S::kSending},   {S::kSending, S::kSent},
      {S::kSending, S::kDelivered}, {S::kSending, S::kFailed},   {S::kSending, S::kExpired},
      {S::kSending, S::kSkipped},   {S::kSent, S::kDelivered},   {S::kSent, S::kFailed},
      {S::kFailed, S::kDelivered},  {S::kExpired, S::kDelivered}, {S::kSkipped, S::kDelivered},
  };
  return kAllowed;
}

TEST(MessageStatusTest, TransitionsAreExactlyTheLifeCycle) {
  for (S from : kMessageStatuses) {
    for (S to : kMessageStatuses) {
      EXPECT_EQ(CanTransition(from, to), Allowed().contains({from, to}))
          << ToString(from) << " → " << ToString(to);
    }
  }
}

TEST(MessageStatusTest, ReportsOutOfOrderNeverMoveAMessageBack) {
  EXPECT_FALSE(CanTransition(S::kDelivered, S::kSent));
  EXPECT_FALSE(CanTransition(S::kDelivered, S::kFailed));
  EXPECT_FALSE(CanTransition(S::kDelivered, S::kQueued));
  EXPECT_FALSE(CanTransition(S::kFailed, S::kSent));
  EXPECT_FALSE(CanTransition(S::kSent, S::kSent));
  EXPECT_FALSE(CanTransition(S::kSent, S::kQueued));
  EXPECT_FALSE(CanTransition(S::kSkipped, S::kFailed));  // the decision not to send stands
  // …but news that an attempt in doubt reached the phone wins over any end.
  for (S end : {S::kFailed, S::kExpired, S::kSkipped, S::kSent}) {
    EXPECT_TRUE(CanTransition(end, S::kDelivered)) << ToString(end);
  }
}

TEST(MessageStatusTest, TextFormsRoundTripAndAreTheStoredOnes) {
  const std::vector<std::string> names = {"queued", "sending", "sent",   "delivered",
                                          "failed", "expired", "skipped"};
  ASSERT_EQ(names.size(), kMessageStatuses.size());
  for (size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(ToString(kMessageStatuses[i]), names[i]);
    EXPECT_EQ(ParseMessageStatus(names[i]), kMessageStatuses[i]);
  }
  EXPECT_FALSE(ParseMessageStatus("Queued").has_value());
  EXPECT_FALSE(ParseMessageStatus("").has_value());
}

TEST(MessageStatusTest, TheApiShowsAClaimedMessageAsQueued) {
  EXPECT_EQ(ShownStatus(S::kSending), S::kQueued);
  EXPECT_EQ(ShownStatus(S::kDelivered), S::kDelivered);
  EXPECT_FALSE(ParseShownMessageStatus("sending").has_value());
  EXPECT_EQ(ParseShownMessageStatus("queued"), S::kQueued);
  EXPECT_EQ(ParseShownMessageStatus("skipped"), S::kSkipped);
  EXPECT_FALSE(ParseShownMessageStatus("nope").has_value());
}

TEST(MessageKindTest, TextFormsAndTheFanOutJob) {
  const std::vector<std::string> names = {"confirmation", "reminder", "reschedule",
                                          "cancellation", "marketing"};
  ASSERT_EQ(names.size(), kMessageKinds.size());
  for (size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(ToString(kMessageKinds[i]), names[i]);
    EXPECT_EQ(ParseMessageKind(names[i]), kMessageKinds[i]);
    EXPECT_EQ(ParseOutboxKind(names[i]), kMessageKinds[i]);
    EXPECT_TRUE(IsText(kMessageKinds[i]));
  }
  // The fan-out job is a kind of row, not of text: the API's filter refuses it.
  EXPECT_EQ(ToString(MessageKind::kFanOut), "fanout");
  EXPECT_FALSE(ParseMessageKind("fanout").has_value());
  EXPECT_EQ(ParseOutboxKind("fanout"), MessageKind::kFanOut);
  EXPECT_FALSE(IsText(MessageKind::kFanOut));
  EXPECT_FALSE(IsMarketing(MessageKind::kFanOut));
  EXPECT_TRUE(IsMarketing(MessageKind::kMarketing));
  // It has no template.
  EXPECT_EQ(MessagingSettings{}.Template(MessageKind::kFanOut), "");
  EXPECT_TRUE(Placeholders(MessageKind::kFanOut).empty());
}

}  // namespace
}  // namespace salon
