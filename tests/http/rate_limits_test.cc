// Rate limits through the API, on the fake clock: per salon key and per
// route class, 429 with Retry-After, refilled as time passes; failed
// authentication from one address slows it down; probes are never limited;
// 0 turns every limit off.
#include "tests/http/test_client.h"

namespace salon::testing {
namespace {

using boost::beast::http::verb;

class RateLimitsTest : public ServerTest {
 protected:
  // A tenth of the defaults: writes 10 at once then 2 a second, reads 15,
  // failed authentications 2 at once.
  void Scale(double scale) {
    Restart([scale](NodeConfig& c) { c.rate_limit = scale; });
  }
  Reply NewClient(const SalonFixture& s, int i) {
    return Post(s.base() + "/clients", s.key,
                R"({"first_name":"C)" + std::to_string(i) +
                    R"(","last_name":"X","phone":"+35387000)" + std::to_string(1000 + i) + "\"}");
  }
};

TEST_F(RateLimitsTest, WritesOfOneKeyPastTheirBurstWaitForTokens) {
  auto s = MakeSalon();       // set up before the limits tighten
  auto other = MakeSalon("Other");
  Scale(0.1);
  for (int i = 0; i < 10; ++i) ASSERT_EQ(NewClient(s, i).status, 201) << i;
  Reply refused = NewClient(s, 10);
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(refused.Header("Retry-After"), "1");
  EXPECT_EQ(refused.Header("Content-Type"), "application/problem+json");
  // Another class and another key are not held up.
  EXPECT_EQ(Get(s.base() + "/clients", s.key).status, 200);
  EXPECT_EQ(NewClient(other, 0).status, 201);
  EXPECT_EQ(Get("/healthz", "").status, 200);
  // A second later two more tokens, not more.
  clock_.Advance(std::chrono::seconds(1));
  EXPECT_EQ(NewClient(s, 11).status, 201);
  EXPECT_EQ(NewClient(s, 12).status, 201);
  EXPECT_EQ(NewClient(s, 13).status, 429);
  Reply m = Get("/metrics", "");
  EXPECT_NE(m.body.find("salon_rate_limited_total{class=\"write\",scope=\"key\"} 2"),
            std::string::npos) << m.body;
  EXPECT_NE(m.body.find("salon_rate_limit_burst{class=\"write\",scope=\"key\"} 10"),
            std::string::npos);
}

TEST_F(RateLimitsTest, OnlineBookingIsBoundPerAddressMoreTightly) {
  auto s = MakeSalon();
  ASSERT_EQ(Call(verb::patch, s.base() + "/branches/" + s.branch, s.key,
                 R"({"online_booking":true})").status, 200);
  Scale(1);  // the defaults: 30 at once from one address, then 2 a second
  int answered = 0;
  for (int i = 0; i < 40; ++i) answered += Get("/v1/book/" + s.branch, "").status == 200;
  EXPECT_EQ(answered, 30);
  Reply refused = Get("/v1/book/" + s.branch, "");
  EXPECT_EQ(refused.status, 429);
  EXPECT_FALSE(refused.Header("Retry-After").empty());
  Client elsewhere(port_, "127.0.0.2");  // another client is not held up
  EXPECT_EQ(elsewhere.Send(verb::get, "/v1/book/" + s.branch).status, 200);
  EXPECT_EQ(Get(s.base() + "/clients", s.key).status, 200);  // nor the salon's desk
  clock_.Advance(std::chrono::seconds(1));
  EXPECT_EQ(Get("/v1/book/" + s.branch, "").status, 200);
  EXPECT_EQ(Get("/v1/book/" + s.branch, "").status, 200);
  EXPECT_EQ(Get("/v1/book/" + s.branch, "").status, 429);
}

TEST_F(RateLimitsTest, OneAddressIsBoundWhateverKeysItSends) {
  std::vector<SalonFixture> salons;
  for (int i = 0; i < 5; ++i) salons.push_back(MakeSalon("S" + std::to_string(i)));
  Scale(0.1);  // per address: 40 writes at once
  int created = 0;
  for (int round = 0; round < 10; ++round) {
    for (const SalonFixture& s : salons) created += NewClient(s, round).status == 201;
  }
  EXPECT_EQ(created, 40);
}

TEST_F(RateLimitsTest, FailedAuthenticationSlowsAnAddressDown) {
  auto s = MakeSalon();
  Scale(0.1);  // 2 failures at once, then one every 50 s
  EXPECT_EQ(Get(s.base(), "sk_wrong1").status, 401);
  EXPECT_EQ(Get(s.base(), "sk_wrong2").status, 401);
  Reply slowed = Get(s.base(), s.key);  // even the right key waits now
  EXPECT_EQ(slowed.status, 429);
  EXPECT_EQ(slowed.Header("Retry-After"), "50");
  EXPECT_EQ(Get("/healthz", "").status, 200);
  clock_.Advance(std::chrono::seconds(50));
  EXPECT_EQ(Get(s.base(), s.key).status, 200);
  EXPECT_EQ(Get(s.base(), "sk_wrong3").status, 401);
  EXPECT_EQ(Get(s.base(), "sk_wrong4").status, 429);
  // A wrong callback token counts too.
  clock_.Advance(std::chrono::seconds(100));
  EXPECT_EQ(Get("/v1/callbacks/kannel/inbound?token=nope&from=%2B353871234567&text=STOP", "").status,
            401);
}

TEST_F(RateLimitsTest, ZeroTurnsThemOff) {
  auto s = MakeSalon();
  Scale(0);
  for (int i = 0; i < 50; ++i) ASSERT_EQ(Get(s.base(), "sk_wrong").status, 401);
  for (int i = 0; i < 150; ++i) ASSERT_EQ(NewClient(s, i).status, 201) << i;
  EXPECT_EQ(Get("/metrics", "").body.find("salon_rate_limited_total"), std::string::npos);
}

}  // namespace
}  // namespace salon::testing
