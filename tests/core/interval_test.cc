#include "core/interval.h"

#include <gtest/gtest.h>

namespace salon {
namespace {

Interval At(int from_minute, int to_minute) {
  return {Instant(std::chrono::minutes(from_minute)), Instant(std::chrono::minutes(to_minute))};
}

TEST(IntervalTest, NormalizeMergesOverlappingAndTouching) {
  auto n = Normalize({At(30, 40), At(0, 10), At(10, 20), At(35, 50), At(60, 60)});
  ASSERT_EQ(n.size(), 2u);
  EXPECT_EQ(n[0], At(0, 20));
  EXPECT_EQ(n[1], At(30, 50));
}

TEST(IntervalTest, SubtractCutsHoles) {
  auto free = Subtract({At(0, 100)}, {At(10, 20), At(50, 60), At(90, 120)});
  ASSERT_EQ(free.size(), 3u);
  EXPECT_EQ(free[0], At(0, 10));
  EXPECT_EQ(free[1], At(20, 50));
  EXPECT_EQ(free[2], At(60, 90));
}

TEST(IntervalTest, IntersectKeepsWhatBothHave) {
  auto both = Intersect({At(0, 100), At(200, 300)}, {At(50, 250)});
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0], At(50, 100));
  EXPECT_EQ(both[1], At(200, 250));
  EXPECT_TRUE(Intersect({At(0, 10)}, {At(10, 20)}).empty());
}

TEST(IntervalTest, CoversNeedsOneContainingInterval) {
  std::vector<Interval> free = {At(0, 10), At(20, 50)};
  EXPECT_TRUE(Covers(free, At(20, 50)));
  EXPECT_TRUE(Covers(free, At(0, 5)));
  EXPECT_FALSE(Covers(free, At(5, 25)));   // spans a gap
  EXPECT_FALSE(Covers(free, At(45, 55)));  // runs past the end
  EXPECT_FALSE(Covers({}, At(0, 1)));
}

}  // namespace
}  // namespace salon
