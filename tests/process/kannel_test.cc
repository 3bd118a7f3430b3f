// salond against a real Kannel (bearerbox, smsbox and Kannel's fakesmsc,
// started by scripts/kannel.sh): messages arrive with the right text,
// delivery reports mark them delivered, a STOP sent from a phone stops the
// next campaign, a gateway outage only delays messages, and a salond killed
// with kill -9 in the middle of a campaign sends each message once after
// its restart.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "tests/process/salond_process.h"

namespace salon::testing {
namespace {

using boost::beast::http::verb;
namespace json = boost::json;

std::string Shell(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return out;
  char buf[512];
  while (fgets(buf, sizeof buf, p) != nullptr) out += buf;
  pclose(p);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

class KannelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/salon-kannel-XXXXXX";
    dir_ = mkdtemp(tmpl);
    data_ = dir_ + "/data";
    kannel_ = dir_ + "/kannel";
    std::filesystem::create_directories(kannel_);
    port_ = FreePort();
    spec_ = Shell(Script() + " start " + kannel_ + " http://127.0.0.1:" +
                  std::to_string(port_) + " " + kToken);
    ASSERT_EQ(spec_.rfind("kannel://", 0), 0u) << spec_;
  }
  void TearDown() override {
    salond_.reset();
    Shell(Script() + " stop " + kannel_);
    std::filesystem::remove_all(dir_);
  }
  static std::string Script() { return std::string(SALON_SOURCE_DIR) + "/scripts/kannel.sh"; }

  void StartSalond(const std::string& provider_options = "") {
    salond_ = std::make_unique<Salond>(
        data_, "",
        std::vector<std::string>{"--listen", "127.0.0.1:" + std::to_string(port_),
                                 "--sms-provider", spec_ + provider_options, "--callback-token",
                                 kToken, "--message-retry", "1", "--message-in-doubt", "10"});
    ASSERT_EQ(salond_->port(), port_);
    client_ = std::make_unique<Client>(port_);
  }

  // A salon whose messages may go at any hour, with a branch, a stylist, a
  // cut and `clients` clients (+35386000NNNN) with marketing consent.
  void MakeSalon(int clients) {
    Reply salon = Do(*client_, verb::post, "/v1/salons", "admin",
                     R"({"name":"Kannel Salon","currency":"EUR","country":"IE"})");
    ASSERT_EQ(salon.status, 201) << salon.body;
    base_ = "/v1/salons/" + salon.Str("id");
    salon_id_ = salon.Str("id");
    key_ = salon.Str("api_key");
    ASSERT_EQ(Do(*client_, verb::patch, base_ + "/messaging", key_,
                 R"({"quiet_hours":{"start":"00:00","end":"00:00"}})").status, 200);
    branch_ = Do(*client_, verb::post, base_ + "/branches", key_,
                 R"({"name":"Main","timezone":"Europe/Dublin","sms_sender":"KannelSal"})")
                  .Str("id");
    service_ = Do(*client_, verb::post, base_ + "/services", key_,
                  R"({"name":"Cut","price":{"amount":2500,"currency":"EUR"},"duration_minutes":30})")
                   .Str("id");
    json::array day{json::value(json::array{"00:00", "24:00"})};
    json::object hours;
    for (const char* d : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) hours[d] = day;
    staff_ = Do(*client_, verb::post, base_ + "/staff", key_,
                json::serialize(json::object{{"name", "Ann"}, {"branch_id", branch_},
                                             {"hours", hours},
                                             {"service_ids", json::array{json::value(service_)}}}))
                 .Str("id");
    for (int i = 0; i < clients; ++i) {
      char phone[32];
      std::snprintf(phone, sizeof phone, "+35386000%04d", i);
      Reply c = Do(*client_, verb::post, base_ + "/clients", key_,
                   json::serialize(json::object{{"first_name", "C" + std::to_string(i)},
                                                {"phone", phone},
                                                {"sms_marketing", true}}));
      ASSERT_EQ(c.status, 201) << c.body;
      clients_.push_back(c.Str("id"));
    }
  }

  json::object Message(const std::string& query) {
    Reply r = Do(*client_, verb::get, base_ + "/messages?" + query, key_);
    if (r.status != 200 || r.json.at("items").as_array().empty()) return {};
    return r.json.at("items").at(0).as_object();
  }
  json::object Campaign(const std::string& id) {
    return Do(*client_, verb::get, base_ + "/campaigns/" + id, key_).json.as_object();
  }
  static long long Count(const json::object& campaign, const char* status) {
    return campaign.at("counts").at(status).as_int64();
  }
  // What fakesmsc received: phone → texts.
  std::map<std::string, std::vector<std::string>> Received() {
    std::ifstream in(kannel_ + "/fakesmsc.err");
    std::map<std::string, std::vector<std::string>> out;
    std::string s;
    while (std::getline(in, s)) {
      // "... Got message 7: <from to text the text>"
      const size_t at = s.find("Got message ");
      const size_t open = s.find(": <", at);
      if (at == std::string::npos || open == std::string::npos || s.back() != '>') continue;
      std::istringstream fields(s.substr(open + 3, s.size() - open - 4));
      std::string from, to, type, text;
      fields >> from >> to >> type;
      std::getline(fields >> std::ws, text);
      out[to].push_back(text);
    }
    return out;
  }
  std::string Book(const std::string& client, const std::string& start) {
    Reply r = Do(*client_, verb::post, base_ + "/appointments", key_,
                 json::serialize(json::object{
                     {"branch_id", branch_}, {"client_id", client}, {"start", start},
                     {"items", json::array{json::object{{"service_id", service_}}}}}));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.Str("id");
  }

  static constexpr const char* kToken = "kannel-test-token";
  std::string dir_, data_, kannel_, spec_;
  unsigned short port_ = 0;
  std::unique_ptr<Salond> salond_;
  std::unique_ptr<Client> client_;
  std::string base_, salon_id_, key_, branch_, service_, staff_;
  std::vector<std::string> clients_;
};

TEST_F(KannelTest, MessagesArriveAreDeliveredAndAStopReplyEndsMarketing) {
  StartSalond();
  MakeSalon(3);
  const std::string apt = Book(clients_[0], "2030-01-07T10:00:00Z");
  ASSERT_TRUE(WaitUntil([&] {
    return Message("appointment_id=" + apt + "&kind=confirmation")["status"] == "delivered";
  })) << json::serialize(Message("appointment_id=" + apt));
  auto received = Received();
  ASSERT_EQ(received["+353860000000"].size(), 1u);
  EXPECT_EQ(received["+353860000000"][0],
            "Hi C0, your Cut with Ann at Main is booked for Mon 07 Jan at 10:00. Kannel Salon");

  Reply created = Do(*client_, verb::post, base_ + "/campaigns", key_,
                     R"({"name":"Winter","message":"Hi {first_name}, winter offers at {salon}"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string first = created.Str("id");
  ASSERT_TRUE(WaitUntil([&] { return Count(Campaign(first), "delivered") == 3; }))
      << json::serialize(Campaign(first));
  received = Received();
  for (int i = 0; i < 3; ++i) {
    char phone[32];
    std::snprintf(phone, sizeof phone, "+35386000%04d", i);
    EXPECT_EQ(std::count(received[phone].begin(), received[phone].end(),
                         "Hi C" + std::to_string(i) + ", winter offers at Kannel Salon"),
              1)
        << phone;
  }

  // C1 texts STOP from the phone to the branch's sender, through Kannel.
  Shell(Script() + " inject " + kannel_ + " +353860000001 STOP KannelSal");
  ASSERT_TRUE(WaitUntil([&] {
    Reply c = Do(*client_, verb::get, base_ + "/clients/" + clients_[1], key_);
    return c.status == 200 && !c.json.at("sms_marketing").as_bool();
  }));
  Reply second = Do(*client_, verb::post, base_ + "/campaigns", key_,
                    R"({"name":"Spring","message":"Spring at {salon}"})");
  ASSERT_EQ(second.status, 201);
  EXPECT_EQ(second.json.at("recipients").as_int64(), 2);
  ASSERT_TRUE(WaitUntil([&] { return Count(Campaign(second.Str("id")), "delivered") == 2; }));
  received = Received();
  EXPECT_EQ(std::count(received["+353860000001"].begin(), received["+353860000001"].end(),
                       "Spring at Kannel Salon"),
            0);
  EXPECT_EQ(std::count(received["+353860000002"].begin(), received["+353860000002"].end(),
                       "Spring at Kannel Salon"),
            1);
}

TEST_F(KannelTest, AGatewayOutageDelaysMessagesAndLosesNone) {
  StartSalond();
  MakeSalon(1);
  Shell(Script() + " kill-gateway " + kannel_);
  const std::string apt = Book(clients_[0], "2030-01-07T10:00:00Z");
  ASSERT_TRUE(WaitUntil([&] {
    json::object m = Message("appointment_id=" + apt + "&kind=confirmation");
    return m["status"] == "queued" && m["reason"].is_string() &&
           m["reason"].as_string().starts_with("retry: kannel");
  })) << json::serialize(Message("appointment_id=" + apt + "&kind=confirmation"));
  Shell(Script() + " start-gateway " + kannel_);
  ASSERT_TRUE(WaitUntil([&] {
    return Message("appointment_id=" + apt + "&kind=confirmation")["status"] == "delivered";
  })) << json::serialize(Message("appointment_id=" + apt));
  EXPECT_EQ(Received()["+353860000000"].size(), 1u);
}

TEST_F(KannelTest, KillMinus9InTheMiddleOfACampaignSendsEachMessageOnce) {
  constexpr int kClients = 400;
  StartSalond("?rate=100");  // slow enough to be caught in the middle
  MakeSalon(kClients);
  Reply created = Do(*client_, verb::post, base_ + "/campaigns", key_,
                     R"({"name":"Crash","message":"Hello {first_name}"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string campaign = created.Str("id");
  ASSERT_TRUE(WaitUntil([&] {
    size_t n = 0;
    for (const auto& [phone, texts] : Received()) n += texts.size();
    return n >= 60;
  }));
  salond_->Kill(SIGKILL);
  size_t at_kill = 0;
  for (const auto& [phone, texts] : Received()) at_kill += texts.size();
  EXPECT_LT(at_kill, size_t(kClients)) << "the campaign ended before the kill";

  StartSalond();
  ASSERT_TRUE(WaitUntil([&] {
    json::object c = Campaign(campaign);
    return Count(c, "delivered") == kClients;
  }, std::chrono::seconds(90))) << json::serialize(Campaign(campaign));
  auto received = Received();
  int missing = 0, doubled = 0;
  for (int i = 0; i < kClients; ++i) {
    char phone[32];
    std::snprintf(phone, sizeof phone, "+35386000%04d", i);
    const auto n = received[phone].size();
    missing += n == 0;
    doubled += n > 1;
  }
  EXPECT_EQ(missing, 0);
  EXPECT_EQ(doubled, 0);
}

}  // namespace
}  // namespace salon::testing
