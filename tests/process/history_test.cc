// A history checker in the manner of Jepsen: clients book, move and cancel
// contended slots across two salond processes on one PostgreSQL while a
// nemesis kill -9s and restarts the processes and stops and starts the
// database. Every operation is recorded with its outcome: ok (acknowledged),
// failed (a definite refusal: 409, 412, 422) or unknown (no answer, 5xx).
// Afterwards the final state must explain the history:
//   - no two live appointments hold a staff member's busy time at once;
//   - every acknowledged booking is there, in the state its last
//     acknowledged operation left it (unless an unknown one followed);
//   - no operation took effect twice, and none that was refused took effect;
//   - each appointment has its confirmation, and a cancelled one its notice.
// SALON_HISTORY_SECONDS sets the length (default 8 s, as ./test runs it).
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "tests/process/salond_process.h"

namespace salon::testing {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;
using Clock = std::chrono::steady_clock;

enum class Outcome { kOk, kFailed, kUnknown };

Outcome OutcomeOf(int status) {
  if (status >= 200 && status < 300) return Outcome::kOk;
  if (status == 409 || status == 412 || status == 422) return Outcome::kFailed;
  return Outcome::kUnknown;  // no answer, 5xx: it may or may not have happened
}

// One operation on one appointment, in the order its client issued them.
struct Op {
  std::string kind;  // book, move, cancel
  std::string tag;   // the booking's notes: which booking operation made it
  std::string start; // book and move: the start asked for
  Outcome outcome = Outcome::kUnknown;
};

class HistoryTest : public ::testing::Test {
 protected:
  HistoryTest() {
    char tmpl[] = "/tmp/salon-history-XXXXXX";
    dir_ = mkdtemp(tmpl);
    std::filesystem::permissions(dir_, std::filesystem::perms::owner_all |
                                           std::filesystem::perms::group_read |
                                           std::filesystem::perms::group_exec |
                                           std::filesystem::perms::others_read |
                                           std::filesystem::perms::others_exec);
  }
  ~HistoryTest() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

// The 12 quarter hours of one morning: few enough that clients collide.
std::string Slot(int k) {
  char text[32];
  std::snprintf(text, sizeof text, "2027-01-04T%02d:%02d:00Z", 9 + k / 4, 15 * (k % 4));
  return text;
}

TEST_F(HistoryTest, TheFinalStateExplainsEveryAcknowledgedOperation) {
  const char* seconds_env = std::getenv("SALON_HISTORY_SECONDS");
  const auto length = std::chrono::seconds(seconds_env ? std::atoi(seconds_env) : 8);
  const std::string cluster = dir_ + "/cluster";
  const std::string url = Cluster("start", cluster);
  ASSERT_EQ(url.rfind("postgres://", 0), 0u) << url;
  const unsigned short ports[2] = {FreePort(), FreePort()};
  auto start_process = [&](int i) {
    return std::make_unique<Salond>(dir_ + "/p" + std::to_string(i), url,
                                    std::vector<std::string>{
                                        "--listen", "127.0.0.1:" + std::to_string(ports[i])});
  };
  std::unique_ptr<Salond> processes[2] = {start_process(0), start_process(1)};
  LoadSalon s;
  {
    Client c(ports[0]);
    s = PrepareSalon(c, 2);
  }

  // The clients: each keeps the appointments it booked and their histories.
  std::mutex mu;
  std::map<std::string, std::vector<Op>> by_appointment;  // id → ops
  std::vector<Op> lost_bookings;  // book ops without an id (failed or unknown)
  std::atomic<bool> stop{false};
  std::atomic<int> operations{0}, unknown{0};
  auto client = [&](int w) {
    std::mt19937 random(1000 + w);
    std::vector<std::pair<std::string, long long>> mine;  // id, version
    for (int n = 0; !stop; ++n) {
      const unsigned short port = ports[random() % 2];
      const int choice = int(random() % 10);
      // What to do, decided before trying: a failed connection is an
      // unknown outcome of this very operation.
      Op op;
      std::string id;
      size_t pick = 0;
      if (choice < 5 || mine.empty()) {
        op.kind = "book";
        op.tag = "op-" + std::to_string(w) + "-" + std::to_string(n);
        op.start = Slot(int(random() % 12));
      } else {
        pick = random() % mine.size();
        id = mine[pick].first;
        op.kind = choice < 8 ? "move" : "cancel";
        if (op.kind == "move") op.start = Slot(int(random() % 12));
      }
      const std::vector<std::pair<std::string, std::string>> auth{
          {"Authorization", "Bearer " + s.key}};
      int status = 0;
      json::value answer;
      try {
        Client c(port);
        Reply r;
        if (op.kind == "book") {
          r = c.Send(verb::post, s.base() + "/appointments",
                     json::serialize(json::object{
                         {"branch_id", s.branch}, {"client_id", s.client}, {"start", op.start},
                         {"notes", op.tag},
                         {"items", json::array{json::object{{"service_id", s.service}}}}}),
                     {auth[0], {"Idempotency-Key", op.tag}});
        } else if (op.kind == "move") {
          r = c.Send(verb::patch, s.base() + "/appointments/" + id,
                     json::serialize(json::object{{"start", op.start}}),
                     {auth[0], {"If-Match", "\"" + std::to_string(mine[pick].second) + "\""}});
        } else {
          r = c.Send(verb::post, s.base() + "/appointments/" + id + "/cancel", "{}", auth);
        }
        status = r.status;
        answer = r.json;
        if (op.kind != "book" && (status == 412 || OutcomeOf(status) == Outcome::kOk)) {
          // Learn the version it is at now (another client's op, or ours).
          Reply now = c.Send(verb::get, s.base() + "/appointments/" + id, "", auth);
          if (now.status == 200) mine[pick].second = now.json.at("version").as_int64();
        }
      } catch (const std::exception&) {
        status = 0;  // no connection or no answer
      }
      op.outcome = OutcomeOf(status);
      ++operations;
      if (op.outcome == Outcome::kUnknown) ++unknown;
      std::lock_guard lock(mu);
      if (op.kind == "book") {
        if (op.outcome == Outcome::kOk) {
          id = answer.at("id").as_string().c_str();
          mine.emplace_back(id, answer.at("version").as_int64());
          by_appointment[id].push_back(op);
        } else {
          lost_bookings.push_back(op);
        }
      } else {
        by_appointment[id].push_back(op);
      }
    }
  };
  std::vector<std::thread> clients;
  for (int w = 0; w < 4; ++w) clients.emplace_back(client, w);

  // The nemesis: kill -9 a process and start it again, or stop the
  // database and start it again, in turn.
  int faults = 0;
  const auto until = Clock::now() + length;
  for (int round = 0; Clock::now() < until; ++round) {
    std::this_thread::sleep_for(std::chrono::milliseconds(600));  // the load between faults
    if (round % 3 == 2) {
      Cluster("stop", cluster);
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      Cluster("start", cluster);
    } else {
      const int victim = round % 2;
      processes[victim]->Kill(SIGKILL);
      processes[victim] = start_process(victim);
      ASSERT_NE(processes[victim]->port(), 0);
    }
    ++faults;
  }
  stop = true;
  for (auto& t : clients) t.join();

  // Both processes serve again before the final state is read.
  for (unsigned short port : ports) {
    ASSERT_TRUE(WaitUntil([&] {
      try {
        Client c(port);
        return c.Send(verb::get, "/readyz").status == 200;
      } catch (const std::exception&) {
        return false;
      }
    }));
  }
  Client reader(ports[1]);
  std::vector<json::object> all;
  for (std::string cursor;;) {
    Reply page = Do(reader, verb::get,
                    s.base() + "/appointments?limit=500" +
                        (cursor.empty() ? "" : "&cursor=" + cursor),
                    s.key);
    ASSERT_EQ(page.status, 200) << page.body;
    for (const json::value& a : page.json.at("items").as_array()) all.push_back(a.as_object());
    if (page.json.at("next").is_null()) break;
    cursor = page.json.at("next").as_string().c_str();
  }

  // No two live appointments hold a staff member's busy time at once.
  std::map<std::string, std::vector<std::pair<Instant, Instant>>> busy;  // staff → spans
  for (const json::object& a : all) {
    if (a.at("status").as_string() == "cancelled") continue;
    for (const json::value& item : a.at("items").as_array()) {
      for (const json::value& phase : item.at("phases").as_array()) {
        if (!phase.at("busy").as_bool()) continue;
        busy[item.at("staff_id").as_string().c_str()].emplace_back(
            *ParseInstant(phase.at("start").as_string().c_str()),
            *ParseInstant(phase.at("end").as_string().c_str()));
      }
    }
  }
  for (auto& [staff, spans] : busy) {
    std::sort(spans.begin(), spans.end());
    for (size_t i = 1; i < spans.size(); ++i) {
      EXPECT_LE(spans[i - 1].second, spans[i].first) << "double booking of " << staff;
    }
  }

  // Every acknowledged booking is there, as its last acknowledged operation
  // left it; no operation took effect twice; none refused took effect.
  std::map<std::string, const json::object*> by_id;
  std::map<std::string, int> by_tag;
  for (const json::object& a : all) {
    by_id[a.at("id").as_string().c_str()] = &a;
    by_tag[a.at("notes").as_string().c_str()]++;
  }
  int acknowledged = 0;
  for (const auto& [id, ops] : by_appointment) {
    auto found = by_id.find(id);
    ASSERT_NE(found, by_id.end()) << "acknowledged booking " << id << " is missing";
    ++acknowledged;
    const json::object& a = *found->second;
    EXPECT_EQ(by_tag[ops.front().tag], 1) << ops.front().tag << " took effect more than once";
    // The last acknowledged op decides, unless an unknown one came after it.
    const Op* last_ok = nullptr;
    bool unknown_after = false;
    for (const Op& op : ops) {
      if (op.outcome == Outcome::kOk) {
        last_ok = &op;
        unknown_after = false;
      } else if (op.outcome == Outcome::kUnknown) {
        unknown_after = true;
      }
    }
    const bool cancelled_ok = std::any_of(ops.begin(), ops.end(), [](const Op& op) {
      return op.kind == "cancel" && op.outcome == Outcome::kOk;
    });
    if (cancelled_ok) {
      EXPECT_EQ(a.at("status").as_string(), "cancelled") << id;  // a cancel is final
    } else if (!unknown_after && last_ok != nullptr) {
      EXPECT_EQ(a.at("status").as_string(), "booked") << id;
      EXPECT_EQ(*ParseInstant(a.at("start").as_string().c_str()), *ParseInstant(last_ok->start))
          << id << " is not where its last acknowledged " << last_ok->kind << " put it";
    }
    // Its messages: a confirmation, and a cancellation notice once cancelled.
    Reply messages = Do(reader, verb::get, s.base() + "/messages?appointment_id=" + id, s.key);
    ASSERT_EQ(messages.status, 200);
    std::set<std::string> kinds;
    for (const json::value& m : messages.json.at("items").as_array()) {
      kinds.insert(m.at("kind").as_string().c_str());
    }
    EXPECT_TRUE(kinds.contains("confirmation")) << id;
    if (a.at("status").as_string() == "cancelled") {
      EXPECT_TRUE(kinds.contains("cancellation")) << id;
    }
  }
  for (const Op& op : lost_bookings) {
    if (op.outcome == Outcome::kFailed) {
      EXPECT_EQ(by_tag[op.tag], 0) << "refused booking " << op.tag << " took effect";
    } else {
      EXPECT_LE(by_tag[op.tag], 1) << "unanswered booking " << op.tag << " took effect twice";
    }
  }
  for (const auto& [tag, count] : by_tag) {
    EXPECT_TRUE(tag.starts_with("op-")) << "an appointment no client asked for: " << tag;
  }
  std::printf("history: %d operations (%d unknown), %d faults, %d acknowledged bookings, "
              "%zu appointments\n",
              operations.load(), unknown.load(), faults, acknowledged, all.size());
  EXPECT_GE(faults, 3);
  EXPECT_GE(acknowledged, 10);
  processes[0].reset();
  processes[1].reset();
  Cluster("destroy", cluster);
}

}  // namespace
}  // namespace salon::testing
