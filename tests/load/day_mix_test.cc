// The day mix's own bookkeeping, without a server: each request is answered
// at once as the mix expects, so what it makes next does not depend on how
// fast a server answers (tests/process/load_smoke_test.cc runs it against
// salond).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <map>
#include <set>
#include <string>

#include "tools/salon_load/day_mix.h"

namespace salon::load {
namespace {

namespace json = boost::json;

Workload TwoSalons() {
  Workload w;
  for (const char* id : {"sal_a", "sal_b"}) {
    LoadSalon s;
    s.id = id;
    s.key = std::string("key_") + id;
    s.branch = "br_1";
    s.client = "cli_1";
    s.staff = {"stf_1", "stf_2"};
    s.services = {"svc_1", "svc_2"};
    s.prices = {2500, 4000};
    s.product = "prd_1";
    s.product_price = 1200;
    s.calendar_etag = "\"7\"";
    w.salons.push_back(s);
  }
  w.day = "2030-01-07";
  w.first_monday = "2030-01-07";
  return w;
}

std::string Header(const HttpRequest& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

// The appointment a change or checkout acts on: from its target or body.
std::string AppointmentOf(const HttpRequest& r) {
  if (r.kind == "checkout") {
    return std::string(json::parse(r.body).as_object().at("appointment_id").as_string());
  }
  const std::string marker = "/appointments/";
  std::string rest = r.target.substr(r.target.find(marker) + marker.size());
  return rest.substr(0, rest.find('/'));
}

TEST(DayMixTest, EveryKindOfChangeActsOnAnAppointmentItBookedWithItsLastVersion) {
  const Workload w = TwoSalons();
  RequestMaker make = DayMix(w);
  std::map<std::string, int> kinds;
  std::map<std::string, int> version;  // of each appointment answered, as the server would
  std::set<std::string> ended;         // cancelled, no-show or checked out
  std::set<std::string> in_chair;
  int booked = 0;
  for (int thread = 0; thread < 2; ++thread) {
    for (std::uint64_t n = 0; n < 4 * kDayMixRequests; ++n) {
      HttpRequest r = make(thread, n);
      ++kinds[r.kind];
      ASSERT_FALSE(r.expected.empty());
      std::string id;
      if (r.kind == "create") {
        id = "apt_" + std::to_string(++booked);
        version[id] = 1;
      } else if (r.kind == "reschedule" || r.kind == "cancel" || r.kind == "status" ||
                 r.kind == "checkout") {
        id = AppointmentOf(r);
        ASSERT_TRUE(version.count(id)) << r.kind << " of an appointment never booked: " << id;
        ASSERT_FALSE(ended.count(id)) << r.kind << " of an ended appointment " << id;
        if (r.kind != "checkout") {
          EXPECT_EQ(Header(r, "If-Match"), "\"" + std::to_string(version[id]) + "\"");
        }
        ++version[id];
        const bool ends = r.kind == "cancel" || r.kind == "checkout" ||
                          r.body.find("no_show") != std::string::npos;
        if (ends) ended.insert(id);
        if (r.body.find("in_progress") != std::string::npos) in_chair.insert(id);
      }
      if (r.on_answer) {
        r.on_answer(r.expected.front(),
                    json::serialize(json::object{{"id", id}, {"version", version[id]}}));
      }
    }
  }
  // Each part of the day happens, a change only ever to a visit still open.
  for (const char* kind : {"pull_304", "pull_full", "availability", "create", "reschedule",
                           "cancel", "status", "checkout", "walk_in_sale", "client"}) {
    EXPECT_GT(kinds[kind], 0) << kind;
  }
  EXPECT_FALSE(in_chair.empty());
  // 8 days of the mix on one thread each: 29 bookings and 25 sales a day.
  EXPECT_EQ(kinds["create"], 8 * 29);
  EXPECT_EQ(kinds["checkout"] + kinds["walk_in_sale"], 8 * 25);
}

}  // namespace
}  // namespace salon::load
