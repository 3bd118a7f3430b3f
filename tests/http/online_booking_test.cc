// Online booking with no key: a branch's page, its free times, booking as a
// client (matched by phone, or made one; the usual confirmation), the manage
// link (view, cancel), replays that keep no link at rest, and bad input.
#include "tests/http/test_client.h"

namespace salon::testing {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

class OnlineBookingTest : public ServerTest {
 protected:
  OnlineBookingTest() {
    s_ = MakeSalon();
    Reply open = Call(verb::patch, s_.base() + "/branches/" + s_.branch, s_.key,
                      R"({"online_booking":true})");
    EXPECT_EQ(open.status, 200) << open.body;
    book_ = "/v1/book/" + s_.branch;
  }
  Reply BookOnline(const std::string& start, const std::string& phone = "+353861110001",
                   std::vector<std::pair<std::string, std::string>> headers = {}) {
    return Call(verb::post, book_ + "/appointments", "",
                R"({"service_ids":[")" + s_.cut + R"("],"start":")" + start +
                    R"(","client":{"first_name":"Nora","last_name":"Byrne","phone":")" + phone +
                    R"(","sms_reminders":true}})",
                std::move(headers));
  }
  SalonFixture s_;
  std::string book_;
};

TEST_F(OnlineBookingTest, TheBranchPageShowsOnlyWhatAClientNeeds) {
  Reply page = Get(book_, "");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.Str("name"), "Main");
  EXPECT_EQ(page.Str("time_zone"), "Europe/Dublin");
  ASSERT_EQ(page.json.at("services").as_array().size(), 2u);  // the cut and the colour
  const auto& cut = page.json.at("services").at(0);
  EXPECT_TRUE(cut.as_object().contains("duration_minutes"));
  EXPECT_TRUE(cut.at("price").as_object().contains("amount"));
  ASSERT_EQ(page.json.at("staff").as_array().size(), 1u);
  EXPECT_EQ(page.json.at("staff").at(0).as_object().size(), 2u);  // id and first name
  EXPECT_EQ(page.body.find(s_.id), std::string::npos);  // not even the salon's id
  EXPECT_EQ(page.body.find("+353"), std::string::npos);
  // A branch that does not book online is not there at all.
  SalonFixture closed = MakeSalon("Closed");
  EXPECT_EQ(Get("/v1/book/" + closed.branch, "").status, 404);
  EXPECT_EQ(Get("/v1/book/" + closed.branch + "/availability?service_ids=" + closed.cut +
                    "&from=2026-11-23", "").status, 404);
  EXPECT_EQ(Get("/v1/book/br_nope", "").status, 404);
}

TEST_F(OnlineBookingTest, ItsFreeTimesAreTheSalonsOwn) {
  const std::string query = "?service_ids=" + s_.cut + "&from=2026-11-23&days=2";
  Reply pub = Get(book_ + "/availability" + query, "");
  Reply own = Get(s_.base() + "/branches/" + s_.branch + "/availability" + query, s_.key);
  ASSERT_EQ(pub.status, 200) << pub.body;
  EXPECT_EQ(pub.body, own.body);
  EXPECT_FALSE(pub.json.at("slots").as_array().empty());
}

TEST_F(OnlineBookingTest, AClientBooksAndCancelsThroughTheLink) {
  Reply booked = BookOnline("2026-11-23T10:00:00Z");
  ASSERT_EQ(booked.status, 201) << booked.body;
  EXPECT_EQ(booked.Str("status"), "booked");
  EXPECT_EQ(booked.Str("start"), "2026-11-23T10:00:00+00:00");
  EXPECT_TRUE(booked.json.at("can_cancel").as_bool());
  const std::string link = booked.Str("manage_url");
  ASSERT_EQ(link.rfind("/book/manage/", 0), 0u) << link;
  const std::string token = link.substr(std::string("/book/manage/").size());

  // At the front desk: an online booking of a new client, confirmed by text.
  Reply apt = Get(s_.base() + "/appointments/" + booked.Str("id"), s_.key);
  EXPECT_EQ(apt.Str("source"), "online");
  Reply clients = Get(s_.base() + "/clients?query=%2B353861110001", s_.key);
  ASSERT_EQ(clients.json.at("items").as_array().size(), 1u);
  EXPECT_EQ(apt.Str("client_id"), clients.json.at("items").at(0).at("id").as_string());
  Reply messages = Get(s_.base() + "/messages?appointment_id=" + booked.Str("id"), s_.key);
  EXPECT_FALSE(messages.json.at("items").as_array().empty()) << messages.body;
  // The same phone again is the same client.
  ASSERT_EQ(BookOnline("2026-11-24T10:00:00Z").status, 201);
  EXPECT_EQ(Get(s_.base() + "/clients?query=%2B353861110001", s_.key)
                .json.at("items").as_array().size(), 1u);

  Reply seen = Get("/v1/book/manage/" + token, "");
  EXPECT_EQ(seen.status, 200);
  EXPECT_EQ(seen.json.at("services").at(0).at("name").as_string(), "Cut");
  std::string forged = token;
  forged.back() = forged.back() == '0' ? '1' : '0';
  EXPECT_EQ(Get("/v1/book/manage/" + forged, "").status, 404);
  EXPECT_EQ(Get("/v1/book/manage/" + s_.id + "." + booked.Str("id") + ".x", "").status, 404);

  Reply cancelled = Post("/v1/book/manage/" + token + "/cancel", "", "");
  EXPECT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.Str("status"), "cancelled");
  EXPECT_FALSE(cancelled.json.at("can_cancel").as_bool());
  EXPECT_EQ(Post("/v1/book/manage/" + token + "/cancel", "", "").status, 409);
  EXPECT_EQ(Get(s_.base() + "/appointments/" + booked.Str("id"), s_.key).Str("status"),
            "cancelled");
}

TEST_F(OnlineBookingTest, AReplayAnswersTheSameLinkWhichIsNotKeptAtRest) {
  Reply first = BookOnline("2026-11-23T11:00:00Z", "+353861110002", {{"Idempotency-Key", "k1"}});
  Reply again = BookOnline("2026-11-23T11:00:00Z", "+353861110002", {{"Idempotency-Key", "k1"}});
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.Header("Idempotent-Replayed"), "true");
  EXPECT_EQ(again.Str("id"), first.Str("id"));
  EXPECT_EQ(again.Str("manage_url"), first.Str("manage_url"));
  Status read = node_->store().Read([&](ReadTxn& txn) {
    SalonRows rows = txn.RowsOf(SalonId{s_.id});
    EXPECT_FALSE(rows.responses.empty());
    for (const auto& [key, response] : rows.responses) {
      EXPECT_EQ(response.body.find("manage"), std::string::npos) << response.body;
    }
    return Status::Ok();
  });
  EXPECT_TRUE(read.ok());
}

TEST_F(OnlineBookingTest, BadBookingsAreRefusedAndChangeNothing) {
  ASSERT_EQ(BookOnline("2026-11-23T10:00:00Z").status, 201);
  EXPECT_EQ(BookOnline("2026-11-23T10:00:00Z", "+353861110003").status, 409);  // taken
  Reply bad_phone = BookOnline("2026-11-23T10:00:00Z", "0861110003");
  EXPECT_EQ(bad_phone.status, 422);  // not E.164, and no client stored with it (below)
  EXPECT_NE(bad_phone.body.find("client.phone"), std::string::npos) << bad_phone.body;
  Reply no_name = Post(book_ + "/appointments", "",
                       R"({"service_ids":[")" + s_.cut + R"("],"start":"2026-11-23T12:00:00Z",
                           "client":{"first_name":"","last_name":"B","phone":"+353861110007"}})");
  EXPECT_EQ(no_name.status, 422);
  EXPECT_NE(no_name.body.find("client.first_name"), std::string::npos) << no_name.body;
  EXPECT_EQ(Post(book_ + "/appointments", "", "[").status, 400);
  EXPECT_EQ(Post(book_ + "/appointments", "", R"({"service_ids":[")" + s_.cut +
                                                  R"("],"start":"2026-11-23T12:00:00Z"})").status,
            422);  // no client
  EXPECT_EQ(Post(book_ + "/appointments", "",
                 R"({"service_ids":[],"start":"2026-11-23T12:00:00Z","client":{"first_name":"A",
                     "last_name":"B","phone":"+353861110004"}})").status, 422);
  SalonFixture other = MakeSalon("Other");
  Reply foreign = Post(book_ + "/appointments", "",
                       R"({"service_ids":[")" + other.cut + R"("],"start":"2026-11-23T12:00:00Z",
                           "client":{"first_name":"A","last_name":"B","phone":"+353861110005"}})");
  EXPECT_EQ(foreign.status, 422) << foreign.body;
  EXPECT_EQ(Post(book_ + "/appointments", "",
                 R"({"service_ids":[")" + s_.cut + R"("],"start":"2026-11-23T12:00:00Z",
                     "client":{"first_name":"A","last_name":"B","phone":"+353861110006"},
                     "salon_id":")" + other.id + R"("})").status, 400);  // no such field
  Reply list = Get(s_.base() + "/appointments?from=2026-11-23T00:00:00Z&to=2026-11-24T00:00:00Z",
                   s_.key);
  EXPECT_EQ(list.json.at("items").as_array().size(), 1u);
  for (const char* phone : {"0861110003", "861110007"}) {
    Reply clients = Get(s_.base() + "/clients?query=" + phone, s_.key);
    EXPECT_TRUE(clients.json.at("items").as_array().empty()) << clients.body;
  }
}

}  // namespace
}  // namespace salon::testing
