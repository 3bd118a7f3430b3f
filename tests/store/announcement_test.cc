// The announcements' text: what one process sends, another reads back.
#include "store/postgres/announcement.h"

#include <gtest/gtest.h>

namespace salon::pg {
namespace {

TEST(AnnouncementTest, ChangesSentAreReadBackByTheOthersOnly) {
  const std::vector<std::string> payloads = Payloads(
      "origin-a",
      {RecordChange(Kind::kBranch, "br_1"), CalendarChange(BranchId{"br_1"}, "2026-12-03")});
  ASSERT_EQ(payloads.size(), 1u);
  const std::vector<Change> read = ParseChanges(payloads[0], "origin-b");
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0].what, Change::What::kRecord);
  EXPECT_EQ(read[0].kind, Kind::kBranch);
  EXPECT_EQ(read[0].id, "br_1");
  EXPECT_EQ(read[1].what, Change::What::kCalendar);
  EXPECT_EQ(read[1].id, "br_1");
  EXPECT_EQ(read[1].day, "2026-12-03");
  EXPECT_TRUE(ParseChanges(payloads[0], "origin-a").empty());
}

// A NOTIFY carries at most 8,000 bytes: many changes go in several payloads,
// and every change arrives once.
TEST(AnnouncementTest, ManyChangesAreSplitBelowTheLimitAndNoneIsLost) {
  std::vector<std::string> lines;
  for (int i = 0; i < 1000; ++i)
    lines.push_back(RecordChange(Kind::kClient, "cli_" + std::to_string(i)));
  const std::vector<std::string> payloads = Payloads("origin-a", lines);
  EXPECT_GT(payloads.size(), 1u);
  std::vector<std::string> ids;
  for (const std::string& payload : payloads) {
    EXPECT_LT(payload.size(), 8000u);
    for (const Change& change : ParseChanges(payload, "origin-b")) ids.push_back(change.id);
  }
  ASSERT_EQ(ids.size(), 1000u);
  EXPECT_EQ(ids.front(), "cli_0");
  EXPECT_EQ(ids.back(), "cli_999");
}

}  // namespace
}  // namespace salon::pg
