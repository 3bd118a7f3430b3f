#include "tools/salon_load/blast.h"

#include <atomic>
#include <mutex>
#include <thread>

#include "tools/salon_load/setup_client.h"

namespace salon::load {

namespace http = boost::beast::http;
namespace json = boost::json;

namespace {

using SteadyClock = std::chrono::steady_clock;
double Since(SteadyClock::time_point t0) {
  return std::chrono::duration<double>(SteadyClock::now() - t0).count();
}

}  // namespace

Status AddBlastAudience(const DriverConfig& server, Workload& w, int clients) {
  const int salons = int(w.salons.size());
  SALON_RETURN_IF_ERROR(InParallel(server, salons, [&](SetupClient& c, int i) -> Status {
    const LoadSalon& s = w.salons[i];
    return c.Call(http::verb::patch, "/v1/salons/" + s.id + "/messaging", s.key,
                  R"({"quiet_hours":{"start":"00:00","end":"00:00"},)"
                  R"("monthly_segment_budget":1000000})", 200)
        .status();
  }));
  return InParallel(server, salons * clients, [&](SetupClient& c, int i) -> Status {
    const LoadSalon& s = w.salons[i % salons];
    char phone[32];
    std::snprintf(phone, sizeof phone, "+3538%04d%05d", i % salons, i / salons);
    return c.Call(http::verb::post, "/v1/salons/" + s.id + "/clients", s.key,
                  json::serialize(json::object{{"first_name", "Client" + std::to_string(i)},
                                               {"last_name", "Blast"},
                                               {"phone", phone},
                                               {"sms_marketing", true}}),
                  201)
        .status();
  });
}

Result<BlastResult> RunBlast(const BlastConfig& config, const Workload& w) {
  auto pulls_maker = MakeScenario("pull", w);
  if (!pulls_maker.ok()) return pulls_maker.status();
  BlastResult out;
  std::thread pulls([&] { out.pulls = Drive(config.server, *pulls_maker); });

  const auto t0 = SteadyClock::now();
  const int salons = int(w.salons.size());
  std::vector<std::string> campaigns(salons);
  std::atomic<long long> recipients{0};
  Status started = InParallel(config.server, salons, [&](SetupClient& c, int i) -> Status {
    const LoadSalon& s = w.salons[i];
    auto r = c.Call(http::verb::post, "/v1/salons/" + s.id + "/campaigns", s.key,
                    R"({"name":"Blast","message":"Hi {first_name}, 20% off all colour this week at {salon}. Reply STOP to opt out"})",
                    201);
    if (!r.ok()) return r.status();
    campaigns[i] = std::string(r->at("id").as_string());
    recipients += r->at("recipients").as_int64();
    return Status::Ok();
  });
  Status followed = started;
  if (started.ok()) {
    out.messages = recipients;
    // Follow the campaigns until none has a message queued, then until all are delivered.
    SetupClient c(config.server);
    std::vector<bool> handed(salons, false), delivered(salons, false);
    int handed_n = 0, delivered_n = 0;
    while (delivered_n < salons && Since(t0) < config.limit.count()) {
      for (int i = 0; i < salons; ++i) {
        if (delivered[i]) continue;
        const LoadSalon& s = w.salons[i];
        auto r = c.Call(http::verb::get, "/v1/salons/" + s.id + "/campaigns/" + campaigns[i],
                        s.key, "", 200);
        if (!r.ok()) continue;
        const json::object& counts = r->at("counts").as_object();
        const long long total = r->at("recipients").as_int64();
        const long long settled = counts.at("sent").as_int64() +
                                  counts.at("delivered").as_int64() +
                                  counts.at("failed").as_int64() + counts.at("skipped").as_int64() +
                                  counts.at("expired").as_int64();
        if (!handed[i] && settled >= total) {
          handed[i] = true;
          if (++handed_n == salons) out.seconds_to_handed_over = Since(t0);
        }
        if (counts.at("delivered").as_int64() + counts.at("failed").as_int64() >= total) {
          out.failed += counts.at("failed").as_int64();
          delivered[i] = true;
          if (++delivered_n == salons) out.seconds_to_delivered = Since(t0);
        }
      }
      // Twice a second: the finish is found within half a second of runs of
      // 40 s and more, and the watching costs salond little (every 100 ms,
      // the counts of 50 campaigns were a sixth of its CPU in the blast).
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    if (handed_n < salons) followed = Status::Unavailable("the blast did not finish in time");
  }
  pulls.join();
  if (!followed.ok()) return followed;
  return out;
}

}  // namespace salon::load
