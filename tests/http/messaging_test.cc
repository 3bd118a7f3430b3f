// Messaging through the API with a fake SMS provider and the fake clock:
// the outbox of appointment changes, consent at send time, retries, expiry,
// campaigns with quiet hours and budgets, STOP replies, delivery reports,
// and messages left in doubt by a crash.
#include <deque>
#include <mutex>

#include "messaging/dispatcher.h"
#include "tests/http/test_client.h"

namespace salon::testing {
namespace {

namespace json = boost::json;
namespace http = boost::beast::http;

// Remembers what it was given; answers queued outcomes, then "accepted".
class FakeProvider final : public SmsProvider {
 public:
  const std::string& name() const override { return name_; }
  std::vector<SendResult> Send(const std::vector<OutgoingSms>& batch) override {
    std::lock_guard lock(mu_);
    std::vector<SendResult> out;
    for (const OutgoingSms& m : batch) {
      sent.push_back(m);
      if (outcomes.empty()) {
        out.push_back({SendOutcome::kAccepted, ""});
      } else {
        out.push_back(outcomes.front());
        outcomes.pop_front();
      }
    }
    return out;
  }
  std::vector<OutgoingSms> sent;
  std::deque<SendResult> outcomes;

 private:
  const std::string name_ = "fake";
  std::mutex mu_;
};

class MessagingTest : public ServerTest {
 protected:
  MessagingTest() {
    // The test runs the dispatcher itself, one round at a time.
    Restart([](NodeConfig& c) {
      c.role = "api";
      c.callback_token = "cb-token";
    });
    salon_ = MakeSalon("Hair by Ann");
    campaigns_ = std::make_unique<Campaigns>(node_->directory(), ids_, nullptr);
    DispatcherConfig config;
    config.max_attempts = 3;
    config.in_doubt = std::chrono::seconds(600);
    dispatcher_ = std::make_unique<Dispatcher>(node_->store(), node_->directory(), *campaigns_,
                                               provider_, clock_, node_->metrics(), config);
  }

  int Dispatch() {
    auto n = dispatcher_->RunOnce();
    EXPECT_TRUE(n.ok()) << n.status().message();
    return n.ok() ? *n : -1;
  }
  json::array Messages(const std::string& query) {
    Reply r = Get(salon_.base() + "/messages?" + query, salon_.key);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json.at("items").as_array();
  }
  static std::string Field(const json::value& v, const char* key) {
    const json::value* f = v.as_object().if_contains(key);
    return f && f->is_string() ? std::string(f->as_string()) : "";
  }
  // The appointment's message of `kind`.
  json::object Of(const std::string& appointment, const std::string& kind) {
    for (const json::value& m : Messages("appointment_id=" + appointment)) {
      if (Field(m, "kind") == kind && Field(m, "status") != "skipped") return m.as_object();
    }
    for (const json::value& m : Messages("appointment_id=" + appointment)) {
      if (Field(m, "kind") == kind) return m.as_object();
    }
    return {};
  }
  std::string AddClient(const std::string& first, const std::string& phone, bool marketing) {
    json::object body{{"first_name", first}, {"last_name", "X"}, {"phone", phone},
                      {"sms_marketing", marketing}};
    Reply r = Post(salon_.base() + "/clients", salon_.key, json::serialize(body));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.Str("id");
  }
  Reply Callback(const std::string& query) {
    return Get("/v1/callbacks/kannel/" + query, "");
  }

  SalonFixture salon_;
  FakeProvider provider_;
  std::unique_ptr<Campaigns> campaigns_;
  std::unique_ptr<Dispatcher> dispatcher_;
};

TEST_F(MessagingTest, ABookingQueuesItsConfirmationAndAReminderADayBefore) {
  Reply booked = Book(salon_, "2026-11-23T10:00:00Z", salon_.cut);
  ASSERT_EQ(booked.status, 201) << booked.body;
  const std::string apt = booked.Str("id");
  json::object confirmation = Of(apt, "confirmation"), reminder = Of(apt, "reminder");
  EXPECT_EQ(Field(confirmation, "status"), "queued");
  EXPECT_EQ(Field(reminder, "status"), "queued");
  EXPECT_EQ(Field(reminder, "due_at"), "2026-11-22T10:00:00Z");
  EXPECT_EQ(Field(confirmation, "text"),
            "Hi Bo, your Cut with Ann at Main is booked for Mon 23 Nov at 10:00. Hair by Ann");
  EXPECT_EQ(Field(confirmation, "encoding"), "gsm7");
  EXPECT_EQ(confirmation["segments"].as_int64(), 1);

  EXPECT_EQ(Dispatch(), 1);  // the confirmation only: the reminder is not due
  ASSERT_EQ(provider_.sent.size(), 1u);
  EXPECT_EQ(provider_.sent[0].to, "+353871234567");
  EXPECT_EQ(Field(Of(apt, "confirmation"), "status"), "sent");
  EXPECT_EQ(Dispatch(), 0);

  clock_.Set(*ParseInstant("2026-11-22T10:00:00Z"));
  EXPECT_EQ(Dispatch(), 1);
  ASSERT_EQ(provider_.sent.size(), 2u);
  EXPECT_NE(provider_.sent[1].text.find("Reminder: Bo"), std::string::npos);

  // Kannel reports delivery to the phone (type 1).
  const std::string id = Field(Of(apt, "reminder"), "id");
  EXPECT_EQ(Callback("delivery?token=cb-token&salon=" + salon_.id + "&id=" + id + "&type=1")
                .status,
            200);
  json::object delivered = Of(apt, "reminder");
  EXPECT_EQ(Field(delivered, "status"), "delivered");
  std::vector<std::string> history;
  for (const json::value& h : delivered["history"].as_array()) history.push_back(Field(h, "status"));
  EXPECT_EQ(history, (std::vector<std::string>{"queued", "sent", "delivered"}));
}

TEST_F(MessagingTest, MetricsShowTheOutboxBacklogAndItsLag) {
  ASSERT_EQ(Book(salon_, "2026-11-23T10:00:00Z", salon_.cut).status, 201);
  clock_.Advance(std::chrono::seconds(90));
  Reply m = Get("/metrics", "");
  ASSERT_EQ(m.status, 200);
  // The confirmation is due and waiting; the reminder is not due yet.
  EXPECT_NE(m.body.find("\nsalon_outbox_backlog_messages 1\n"), std::string::npos) << m.body;
  EXPECT_NE(m.body.find("\nsalon_outbox_lag_seconds 90\n"), std::string::npos);
  EXPECT_EQ(Dispatch(), 1);
  m = Get("/metrics", "");
  EXPECT_NE(m.body.find("\nsalon_outbox_backlog_messages 0\n"), std::string::npos);
  EXPECT_NE(m.body.find("\nsalon_outbox_lag_seconds 0\n"), std::string::npos);
}

TEST_F(MessagingTest, MovingOrCancellingWithdrawsTheReminderAndTellsTheClient) {
  const std::string apt = Book(salon_, "2026-11-23T10:00:00Z", salon_.cut).Str("id");
  Reply moved = Call(http::verb::patch, salon_.base() + "/appointments/" + apt, salon_.key,
                     R"({"start":"2026-11-24T11:00:00Z"})");
  ASSERT_EQ(moved.status, 200) << moved.body;
  int reminders_queued = 0, reminders_skipped = 0;
  for (const json::value& m : Messages("appointment_id=" + apt + "&kind=reminder")) {
    if (Field(m, "status") == "queued") {
      ++reminders_queued;
      EXPECT_EQ(Field(m, "due_at"), "2026-11-23T11:00:00Z");
    } else {
      ++reminders_skipped;
      EXPECT_EQ(Field(m, "reason"), "appointment moved");
    }
  }
  EXPECT_EQ(reminders_queued, 1);
  EXPECT_EQ(reminders_skipped, 1);
  EXPECT_NE(Field(Of(apt, "reschedule"), "text").find("moved to Tue 24 Nov at 11:00"),
            std::string::npos);

  Reply cancelled = Post(salon_.base() + "/appointments/" + apt + "/cancel", salon_.key, "");
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_TRUE(Messages("appointment_id=" + apt + "&kind=reminder&status=queued").empty());
  EXPECT_EQ(Field(Of(apt, "cancellation"), "status"), "queued");
  Dispatch();
  ASSERT_EQ(provider_.sent.size(), 3u);  // confirmation, reschedule, cancellation
  EXPECT_NE(provider_.sent[2].text.find("is cancelled"), std::string::npos);
}

TEST_F(MessagingTest, ConsentIsCheckedWhenSendingAndItsChangesAreLogged) {
  const std::string apt = Book(salon_, "2026-11-23T10:00:00Z", salon_.cut).Str("id");
  Reply patched = Call(http::verb::patch, salon_.base() + "/clients/" + salon_.client, salon_.key,
                       R"({"sms_reminders":false})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  const json::array& log = patched.json.at("consent_log").as_array();
  ASSERT_EQ(log.size(), 3u);  // the two given at creation, then the change
  EXPECT_EQ(Field(log[2], "consent"), "sms_reminders");
  EXPECT_FALSE(log[2].at("given").as_bool());
  EXPECT_EQ(Field(log[2], "source"), "api");

  Dispatch();
  EXPECT_TRUE(provider_.sent.empty());
  EXPECT_EQ(Field(Of(apt, "confirmation"), "status"), "skipped");
  EXPECT_EQ(Field(Of(apt, "confirmation"), "reason"), "no reminder consent");
}

TEST_F(MessagingTest, TransientFailuresRetryWithBackoffThenFail) {
  const std::string apt = Book(salon_, "2026-11-23T10:00:00Z", salon_.cut).Str("id");
  for (int i = 0; i < 3; ++i) provider_.outcomes.push_back({SendOutcome::kTransient, "down"});
  Dispatch();
  json::object m = Of(apt, "confirmation");
  EXPECT_EQ(Field(m, "status"), "queued");
  EXPECT_EQ(m["attempts"].as_int64(), 1);
  EXPECT_EQ(Field(m, "due_at"), "2026-11-20T12:00:30Z");
  EXPECT_EQ(Dispatch(), 0);  // not yet due again
  clock_.Advance(std::chrono::seconds(30));
  Dispatch();
  EXPECT_EQ(Field(Of(apt, "confirmation"), "due_at"), "2026-11-20T12:01:30Z");  // 60 s later
  clock_.Advance(std::chrono::seconds(60));
  Dispatch();
  m = Of(apt, "confirmation");
  EXPECT_EQ(Field(m, "status"), "failed");  // the third attempt was the last
  EXPECT_EQ(provider_.sent.size(), 3u);
}

TEST_F(MessagingTest, PermanentRefusalsFailAtOnceAndStaleMessagesExpire) {
  const std::string a = Book(salon_, "2026-11-23T10:00:00Z", salon_.cut).Str("id");
  provider_.outcomes.push_back({SendOutcome::kPermanent, "kannel 400: bad number"});
  Dispatch();
  EXPECT_EQ(Field(Of(a, "confirmation"), "status"), "failed");
  EXPECT_EQ(Field(Of(a, "confirmation"), "reason"), "kannel 400: bad number");

  // The gateway was out until after the appointment began: its reminder is of no use.
  clock_.Set(*ParseInstant("2026-11-23T10:05:00Z"));
  Dispatch();
  EXPECT_EQ(Field(Of(a, "reminder"), "status"), "expired");
  EXPECT_EQ(provider_.sent.size(), 1u);
}

TEST_F(MessagingTest, CampaignsReachConsentingClientsOutsideQuietHours) {
  AddClient("Cara", "+353870000001", true);
  AddClient("Dee", "+353870000002", true);
  AddClient("Eve", "+353870000003", false);
  // 22:30 in Dublin: quiet.
  clock_.Set(*ParseInstant("2026-11-20T22:30:00Z"));
  Reply created = Post(salon_.base() + "/campaigns", salon_.key,
                       R"({"name":"Winter","message":"Hi {first_name}, 20% off at {salon}!"})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json.at("recipients").as_int64(), 2);
  const std::string campaign = created.Str("id");

  EXPECT_EQ(Dispatch(), 1);  // the fan-out job
  EXPECT_EQ(Messages("campaign_id=" + campaign).size(), 2u);
  EXPECT_EQ(Dispatch(), 2);  // claimed, then deferred to the morning
  EXPECT_TRUE(provider_.sent.empty());
  for (const json::value& m : Messages("campaign_id=" + campaign)) {
    EXPECT_EQ(Field(m, "due_at"), "2026-11-21T08:00:00Z");
  }
  clock_.Set(*ParseInstant("2026-11-21T08:00:00Z"));
  EXPECT_EQ(Dispatch(), 2);
  ASSERT_EQ(provider_.sent.size(), 2u);
  EXPECT_EQ(provider_.sent[0].text, "Hi Cara, 20% off at Hair by Ann!");
  Reply view = Get(salon_.base() + "/campaigns/" + campaign, salon_.key);
  EXPECT_EQ(view.json.at("counts").at("sent").as_int64(), 2);
  EXPECT_EQ(view.Str("status"), "completed");

  // Cara replies STOP: the next campaign leaves her out.
  Reply stop = Callback("inbound?token=cb-token&from=%2B353870000001&to=%2B15550001111&text=Stop");
  ASSERT_EQ(stop.status, 200) << stop.body;
  EXPECT_EQ(stop.json.at("consents_changed").as_int64(), 1);
  Reply next = Post(salon_.base() + "/campaigns", salon_.key,
                    R"({"name":"Spring","message":"Hi {first_name}!"})");
  EXPECT_EQ(next.json.at("recipients").as_int64(), 1);
  Dispatch();
  Dispatch();
  EXPECT_EQ(provider_.sent.back().text, "Hi Dee!");
  EXPECT_EQ(provider_.sent.size(), 3u);
  // START restores it, and the log says how each change came.
  Callback("inbound?token=cb-token&from=%2B353870000001&to=%2B15550001111&text=START");
  Reply clients = Get(salon_.base() + "/clients?query=cara", salon_.key);
  const json::array& log = clients.json.at("items").at(0).at("consent_log").as_array();
  EXPECT_EQ(Field(log[log.size() - 2], "source"), "sms:STOP");
  EXPECT_EQ(Field(log.back(), "source"), "sms:START");
  EXPECT_TRUE(clients.json.at("items").at(0).at("sms_marketing").as_bool());
}

// One phone, a client of two salons that text from their own senders: a
// reply changes consent only at the salon whose sender it answered, START
// restores only what STOP took there, and an unattributable reply changes
// nothing.
TEST_F(MessagingTest, RepliesChangeConsentOnlyAtTheSalonTheyAnswer) {
  SalonFixture other = MakeSalon("Other Place");
  auto patch = [&](const SalonFixture& s, const std::string& path, const std::string& body) {
    Reply r = Call(http::verb::patch, s.base() + path, s.key, body);
    EXPECT_EQ(r.status, 200) << r.body;
  };
  patch(salon_, "/branches/" + salon_.branch, R"({"sms_sender":"SalonA"})");
  patch(other, "/branches/" + other.branch, R"({"sms_sender":"SalonB"})");
  patch(salon_, "/clients/" + salon_.client, R"({"sms_marketing":true})");  // at A only
  ASSERT_EQ(Book(salon_, "2026-11-23T10:00:00Z", salon_.cut).status, 201);
  ASSERT_EQ(Book(other, "2026-11-23T10:00:00Z", other.cut).status, 201);
  auto marketing = [&](const SalonFixture& s) {
    Reply r = Get(s.base() + "/clients/" + s.client, s.key);
    return r.json.at("sms_marketing").as_bool();
  };
  auto reply = [&](const std::string& to, const std::string& word) {
    Reply r = Callback("inbound?token=cb-token&from=%2B353871234567" + to + "&text=" + word);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json.at("consents_changed").as_int64();
  };
  EXPECT_EQ(reply("", "STOP"), 0);             // no receiving number
  EXPECT_EQ(reply("&to=SalonX", "STOP"), 0);   // no salon sent from it
  EXPECT_TRUE(marketing(salon_));
  EXPECT_EQ(reply("&to=SalonB", "START"), 0);  // never agreed at B
  EXPECT_FALSE(marketing(other));
  EXPECT_EQ(reply("&to=salona", "STOP"), 1);   // senders compare as the network shows them
  EXPECT_FALSE(marketing(salon_));
  EXPECT_EQ(reply("&to=SalonB", "START"), 0);  // A's STOP is not B's to undo
  EXPECT_FALSE(marketing(other));
  EXPECT_EQ(reply("&to=SalonA", "START"), 1);
  EXPECT_TRUE(marketing(salon_));
  EXPECT_FALSE(marketing(other));
}

TEST_F(MessagingTest, AudiencesFollowVisitsBranchesAndServiceCategories) {
  const std::string visitor = AddClient("Vi", "+353870000001", true);
  AddClient("Nora", "+353870000002", true);  // never visited
  Reply colour = Post(salon_.base() + "/services", salon_.key,
                      R"({"name":"Balayage","category":"colour",
                          "price":{"amount":9000,"currency":"EUR"},"duration_minutes":60})");
  ASSERT_EQ(colour.status, 201) << colour.body;
  ASSERT_EQ(Call(http::verb::patch, salon_.base() + "/staff/" + salon_.stylist, salon_.key,
                 json::serialize(json::object{{"service_ids", json::array{json::value(salon_.cut),
                                                                          json::value(colour.Str("id"))}}}))
                .status,
            200);
  Reply visit = Post(salon_.base() + "/appointments", salon_.key,
                     json::serialize(json::object{
                         {"branch_id", salon_.branch}, {"client_id", visitor},
                         {"start", "2026-11-23T10:00:00Z"},
                         {"items", json::array{json::object{{"service_id", colour.Str("id")}}}}}));
  ASSERT_EQ(visit.status, 201) << visit.body;
  clock_.Set(*ParseInstant("2026-12-01T12:00:00Z"));
  auto recipients = [&](const std::string& audience) {
    Reply r = Post(salon_.base() + "/campaigns", salon_.key,
                   R"({"name":"A","message":"Hi","audience":)" + audience + "}");
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json.at("recipients").as_int64();
  };
  EXPECT_EQ(recipients("{}"), 2);
  EXPECT_EQ(recipients(R"({"visited_within_days":30})"), 1);
  EXPECT_EQ(recipients(R"({"visited_within_days":3})"), 0);
  EXPECT_EQ(recipients(R"({"not_visited_within_days":30})"), 1);
  EXPECT_EQ(recipients(R"({"service_category":"colour"})"), 1);
  EXPECT_EQ(recipients(R"({"service_category":"nails"})"), 0);
  EXPECT_EQ(recipients(R"({"branch_id":")" + salon_.branch + R"("})"), 1);
  EXPECT_EQ(Post(salon_.base() + "/campaigns", salon_.key,
                 R"({"name":"A","message":"Hi","audience":{"branch_id":"br_nope"}})").status,
            422);
}

TEST_F(MessagingTest, ACampaignOverTheMonthlyBudgetQueuesNothing) {
  AddClient("Cara", "+353870000001", true);
  AddClient("Dee", "+353870000002", true);
  Reply set = Call(http::verb::patch, salon_.base() + "/messaging", salon_.key,
                   R"({"monthly_segment_budget":1})");
  ASSERT_EQ(set.status, 200) << set.body;
  Reply over = Post(salon_.base() + "/campaigns", salon_.key,
                    R"({"name":"Big","message":"Hello {first_name}"})");
  EXPECT_EQ(over.status, 422) << over.body;
  EXPECT_NE(over.Str("detail").find("needs 2 segments"), std::string::npos) << over.body;
  EXPECT_TRUE(Get(salon_.base() + "/campaigns", salon_.key).json.at("items").as_array().empty());
  EXPECT_EQ(Dispatch(), 0);
}

TEST_F(MessagingTest, CancellingACampaignSkipsWhatIsStillQueued) {
  AddClient("Cara", "+353870000001", true);
  const std::string campaign =
      Post(salon_.base() + "/campaigns", salon_.key, R"({"name":"W","message":"Hi"})").Str("id");
  Dispatch();  // fan out
  Reply cancelled = Post(salon_.base() + "/campaigns/" + campaign + "/cancel", salon_.key, "");
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.Str("status"), "cancelled");
  EXPECT_EQ(cancelled.json.at("counts").at("skipped").as_int64(), 1);
  Dispatch();
  EXPECT_TRUE(provider_.sent.empty());
  EXPECT_EQ(Post(salon_.base() + "/campaigns/" + campaign + "/cancel", salon_.key, "").status,
            409);
}

TEST_F(MessagingTest, AMessageLeftInDoubtByACrashIsSentAgainOnlyWithoutADeliveryReport) {
  const std::string a = Book(salon_, "2026-11-23T10:00:00Z", salon_.cut).Str("id");
  AddClient("Cara", "+353870000001", true);
  Post(salon_.base() + "/campaigns", salon_.key, R"({"name":"W","message":"Hi {first_name}"})");
  Dispatch();  // fan out (and the confirmation)
  provider_.sent.clear();
  // A dispatcher claims the campaign message, hands it over, and dies before recording.
  const std::string m = Field(Messages("kind=marketing").at(0), "id");
  ASSERT_TRUE(node_->store().Write([&](WriteTxn& txn) {
    EXPECT_EQ(txn.ClaimMessages(clock_.Now().time_since_epoch().count(),
                                (clock_.Now() + std::chrono::seconds(600)).time_since_epoch().count(),
                                10).size(), 1u);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(Dispatch(), 0);  // in flight elsewhere: nobody else takes it
  clock_.Advance(std::chrono::seconds(600));
  // The gateway had it: its delivery report settles it, and nothing is resent.
  ASSERT_EQ(Callback("delivery?token=cb-token&salon=" + salon_.id + "&id=" + m + "&type=1").status,
            200);
  Dispatch();
  EXPECT_TRUE(provider_.sent.empty());
  EXPECT_EQ(Field(Messages("kind=marketing").at(0), "status"), "delivered");

  // Without a report, a message in doubt goes again once its doubt expires.
  Post(salon_.base() + "/campaigns", salon_.key, R"({"name":"X","message":"Again"})");
  Dispatch();
  ASSERT_TRUE(node_->store().Write([&](WriteTxn& txn) {
    txn.ClaimMessages(clock_.Now().time_since_epoch().count(),
                      (clock_.Now() + std::chrono::seconds(600)).time_since_epoch().count(), 10);
    return Status::Ok();
  }).ok());
  clock_.Advance(std::chrono::seconds(600));
  Dispatch();
  ASSERT_EQ(provider_.sent.size(), 1u);
  EXPECT_EQ(provider_.sent[0].text, "Again");
  (void)a;
}

TEST_F(MessagingTest, SettingsTemplatesAndBadInput) {
  Reply settings = Get(salon_.base() + "/messaging", salon_.key);
  ASSERT_EQ(settings.status, 200);
  EXPECT_EQ(settings.json.at("reminder_hours").as_int64(), 24);
  EXPECT_EQ(settings.json.at("quiet_hours").at("start").as_string(), "21:00");

  Reply bad = Call(http::verb::patch, salon_.base() + "/messaging", salon_.key,
                   R"({"templates":{"confirmation":"Hi {firstname}"}})");
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(bad.body.find("firstname"), std::string::npos);
  EXPECT_EQ(Call(http::verb::patch, salon_.base() + "/messaging", salon_.key,
                 R"({"reminder_hours":"soon"})").status, 400);
  Reply good = Call(http::verb::patch, salon_.base() + "/messaging", salon_.key,
                    R"({"templates":{"confirmation":"See you {date} {time}, {first_name} 💇"}})");
  ASSERT_EQ(good.status, 200) << good.body;
  // A merge patch: other settings, and the other templates, stay.
  Reply lead = Call(http::verb::patch, salon_.base() + "/messaging", salon_.key,
                    R"({"reminder_hours":12,"templates":{"reminder":"Tomorrow {time}"}})");
  ASSERT_EQ(lead.status, 200) << lead.body;
  EXPECT_EQ(lead.json.at("reminder_hours").as_int64(), 12);
  EXPECT_EQ(lead.json.at("quiet_hours").at("start").as_string(), "21:00");
  EXPECT_EQ(lead.json.at("templates").at("confirmation").as_string(),
            "See you {date} {time}, {first_name} 💇");
  const std::string apt = Book(salon_, "2026-11-23T10:00:00Z", salon_.cut).Str("id");
  json::object m = Of(apt, "confirmation");
  EXPECT_EQ(Field(m, "text"), "See you Mon 23 Nov 10:00, Bo 💇");
  EXPECT_EQ(Field(m, "encoding"), "ucs2");

  EXPECT_EQ(Post(salon_.base() + "/campaigns", salon_.key, "{nope").status, 400);
  EXPECT_EQ(Post(salon_.base() + "/campaigns", salon_.key,
                 R"({"name":"x","message":"y","audience":{"age":3}})").status, 400);
  EXPECT_EQ(Post(salon_.base() + "/campaigns", salon_.key,
                 R"({"name":"x","message":"{oops}"})").status, 422);
  EXPECT_EQ(Get(salon_.base() + "/messages?status=lost", salon_.key).status, 422);
  EXPECT_EQ(Get(salon_.base() + "/messages/msg_nope", salon_.key).status, 404);
  EXPECT_EQ(Get(salon_.base() + "/campaigns/cmp_nope", salon_.key).status, 404);
  EXPECT_EQ(Callback("delivery?salon=x&id=y&type=1").status, 401);
  EXPECT_EQ(Callback("delivery?token=wrong&salon=x&id=y&type=1").status, 401);
  EXPECT_EQ(Callback("delivery?token=cb-token&salon=x&id=y&type=zz").status, 422);
  EXPECT_EQ(Callback("delivery?token=cb-token&salon=x&id=y&type=1").status, 404);
  // Another salon's messages are not found, exactly like missing ones.
  SalonFixture other = MakeSalon("Other");
  EXPECT_EQ(Get(other.base() + "/messages/" + Field(m, "id"), other.key).status, 404);
  EXPECT_EQ(Get(salon_.base() + "/messages", other.key).status, 404);
}

}  // namespace
}  // namespace salon::testing
