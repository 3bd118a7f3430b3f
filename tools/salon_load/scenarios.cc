#include "tools/salon_load/scenarios.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "base/time.h"
#include "tools/salon_load/day_mix.h"
#include "tools/salon_load/requests.h"
#include "tools/salon_load/setup_client.h"

namespace salon::load {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;

std::string Str(const json::value& v, const char* key) {
  return std::string(v.as_object().at(key).as_string());
}

HttpRequest Booking(const Workload& w, std::uint64_t n, int thread) {
  return BookingRequest(w.salons[n % w.salons.size()], w, SlotOf(w, n, thread));
}

// Bookings; 1 in 10 races for the slot a booking 50 rounds of salons earlier
// took (long answered), and must get 409.
HttpRequest Create(const Workload& w, std::uint64_t n, int thread) {
  const std::uint64_t earlier = 50 * w.salons.size() + 1;
  if (n % 10 != 9 || n < earlier) return Booking(w, n, thread);
  HttpRequest r = Booking(w, n - earlier, thread);  // n - earlier is no race: % 10 == 8
  r.kind = "create_race";
  r.expected = {409};
  return r;
}

// Contention kept local? Every other request books at the first salon (the
// hot one, kind "create_hot"; 1 in 10 of those races for a slot a hot
// booking 50 hot rounds earlier took: "create_hot_race", 409); the rest
// book round the other salons as `create` does (kind "create"), so their
// p99 can be set beside a `create` run at half the rate.
HttpRequest HotCreate(const Workload& w, std::uint64_t n, int thread) {
  const std::uint64_t m = n / 2, others = w.salons.size() - 1;
  if (n % 2 == 1) {
    const LoadSalon& s = w.salons[1 + m % others];
    return BookingRequest(s, w, (m / others) * kMaxDriverThreads + std::uint64_t(thread));
  }
  const std::uint64_t earlier = 51;
  const bool race = m % 10 == 9 && m >= earlier;  // m - 51 ends in 8: a booking, not a race
  const std::uint64_t k = (race ? m - earlier : m) * kMaxDriverThreads + std::uint64_t(thread);
  HttpRequest r = BookingRequest(w.salons[0], w, k);
  r.kind = race ? "create_hot_race" : "create_hot";
  if (race) r.expected = {409};
  return r;
}

// Walk-in sales at the till, spread over the salons.
HttpRequest Checkout(const Workload& w, std::uint64_t n) {
  return WalkInSaleRequest(w.salons[n % w.salons.size()], n / w.salons.size());
}

}  // namespace

std::string DayAfter(const std::string& day, int offset) {
  return FormatDate(*ParseDate(day) + date::days(offset));
}

int BookingYear(std::uint64_t seed, int round) {
  return kYearsPerSeed * int(seed - 1) + round;
}

Workload NewWorkload() {
  Workload w;
  const auto today = date::floor<date::days>(std::chrono::system_clock::now());
  const date::weekday wd{today};
  // Two Mondays ahead: the pulled day; bookings start a week after it.
  const auto monday = today + date::days((8 - wd.c_encoding()) % 7 + 7);
  w.day = FormatDate(LocalDate(monday.time_since_epoch()));
  w.first_monday = DayAfter(w.day, 7);
  return w;
}

namespace {

std::int64_t AmountOf(const json::value& item, const char* key) {
  return item.as_object().at(key).as_object().at("amount").to_number<std::int64_t>();
}

// Gives `s` a new product priced in `currency`, in stock at its branch: the
// most the API takes, so that a run's sales seldom take it below zero
// (allowed, but flagged).
Status AddProduct(SetupClient& c, LoadSalon& s, const std::string& currency) {
  constexpr std::int64_t kProductPrice = 1250;
  SALON_ASSIGN_OR_RETURN(
      json::value product,
      c.Call(http::verb::post, "/v1/salons/" + s.id + "/products", s.key,
             json::serialize(json::object{
                 {"name", "Shampoo"},
                 {"sku", "LOAD-1"},
                 {"price", {{"amount", kProductPrice}, {"currency", currency}}},
                 {"tax_rate", 2300},
                 {"stock", {{s.branch, 1000000}}}}),
             201));
  s.product = Str(product, "id");
  s.product_price = kProductPrice;
  return Status::Ok();
}

// One salon of the standard shape, through `c`.
Result<LoadSalon> SetUpSalon(SetupClient& c, const std::string& admin_key, const std::string& day) {
  json::object hours;
  for (const char* d : {"mon", "tue", "wed", "thu", "fri", "sat"}) {
    // json::value(…): braces around one array alone copy it under clang (CWG 2137)
    // rather than nest it.
    hours[d] = json::array{json::value(json::array{"09:00", "19:00"})};
  }
  LoadSalon s;
  SALON_ASSIGN_OR_RETURN(json::value salon,
                         c.Call(http::verb::post, "/v1/salons", admin_key,
                                R"({"name":"Load salon","currency":"EUR","country":"IE"})", 201));
  s.id = Str(salon, "id");
  s.key = Str(salon, "api_key");
  const std::string base = "/v1/salons/" + s.id;
  SALON_ASSIGN_OR_RETURN(json::value branch,
                         c.Call(http::verb::post, base + "/branches", s.key,
                                R"({"name":"Main","timezone":"Europe/Dublin"})", 201));
  s.branch = Str(branch, "id");
  constexpr std::int64_t kServicePrice = 2000;
  for (int m : {15, 30, 45}) {
    SALON_ASSIGN_OR_RETURN(
        json::value svc,
        c.Call(http::verb::post, base + "/services", s.key,
               json::serialize(json::object{
                   {"name", "Service " + std::to_string(m)},
                   {"price", {{"amount", kServicePrice}, {"currency", "EUR"}}},
                   {"duration_minutes", m}}),
               201));
    s.services.push_back(Str(svc, "id"));
    s.prices.push_back(kServicePrice);
  }
  json::array service_ids(s.services.begin(), s.services.end());
  for (int k = 0; k < 6; ++k) {
    SALON_ASSIGN_OR_RETURN(
        json::value staff,
        c.Call(http::verb::post, base + "/staff", s.key,
               json::serialize(json::object{{"name", "Stylist " + std::to_string(k)},
                                            {"branch_id", s.branch},
                                            {"hours", hours},
                                            {"service_ids", service_ids}}),
               201));
    s.staff.push_back(Str(staff, "id"));
  }
  SALON_ASSIGN_OR_RETURN(
      json::value client,
      c.Call(http::verb::post, base + "/clients", s.key,
             R"({"first_name":"Load","last_name":"Client","phone":"+353870000001"})", 201));
  s.client = Str(client, "id");
  SALON_RETURN_IF_ERROR(AddProduct(c, s, "EUR"));
  SALON_RETURN_IF_ERROR(c.Call(http::verb::get,
                               base + "/branches/" + s.branch + "/calendar?date=" + day, s.key,
                               "", 200, &s.calendar_etag)
                            .status());
  return s;
}

// Reads the prices of a seeded salon's services, and finds it a product to
// sell: its first, or one made in stock (seeding makes none). One run's new
// product is reused by the next run on the store.
Status PriceTill(SetupClient& c, LoadSalon& s) {
  const std::string base = "/v1/salons/" + s.id;
  SALON_ASSIGN_OR_RETURN(json::value services,
                         c.Call(http::verb::get, base + "/services?limit=500", s.key, "", 200));
  std::map<std::string, std::int64_t> by_id;
  std::string currency = "EUR";
  for (const json::value& item : services.at("items").as_array()) {
    by_id[Str(item, "id")] = AmountOf(item, "price");
    currency = std::string(item.at("price").at("currency").as_string());
  }
  s.prices.clear();
  for (const std::string& id : s.services) {
    auto it = by_id.find(id);
    if (it == by_id.end()) return Status::Invalid("salon " + s.id + " has no service " + id);
    s.prices.push_back(it->second);
  }
  SALON_ASSIGN_OR_RETURN(json::value products,
                         c.Call(http::verb::get, base + "/products?limit=1", s.key, "", 200));
  const json::array& items = products.at("items").as_array();
  if (!items.empty()) {
    s.product = Str(items[0], "id");
    s.product_price = AmountOf(items[0], "price");
    return Status::Ok();
  }
  return AddProduct(c, s, currency);
}

}  // namespace

Status AddSalons(const DriverConfig& server, const std::string& admin_key, int count,
                 Workload& w) {
  std::mutex mu;
  return InParallel(server, count, [&](SetupClient& c, int) -> Status {
    auto s = SetUpSalon(c, admin_key, w.day);
    if (!s.ok()) return s.status();
    std::lock_guard lock(mu);
    w.salons.push_back(std::move(*s));
    return Status::Ok();
  });
}

Result<Workload> SetUpSalons(const DriverConfig& server, const std::string& admin_key,
                             int count) {
  Workload w = NewWorkload();
  SALON_RETURN_IF_ERROR(AddSalons(server, admin_key, count, w));
  return w;
}

Result<Workload> SeededSalons(const DriverConfig& server, const std::string& path, int count) {
  Workload w = NewWorkload();
  w.first_monday = DayAfter(w.day, 7 * 6);  // past the 30 days of seeded bookings
  std::ifstream in(path);
  if (!in) return Status::Invalid("cannot read " + path);
  std::string line;
  while (int(w.salons.size()) < count && std::getline(in, line)) {
    boost::system::error_code ec;
    json::value v = json::parse(line, ec);
    if (ec || !v.is_object()) return Status::Invalid(path + ": not a salon: " + line);
    LoadSalon s;
    s.id = Str(v, "id");
    s.key = Str(v, "key");
    s.branch = Str(v, "branch");
    s.client = Str(v, "client");
    s.timezone = Str(v, "timezone");
    for (const json::value& x : v.at("staff").as_array()) s.staff.emplace_back(x.as_string());
    for (const json::value& x : v.at("services").as_array()) s.services.emplace_back(x.as_string());
    w.salons.push_back(std::move(s));
  }
  SALON_RETURN_IF_ERROR(InParallel(server, int(w.salons.size()), [&](SetupClient& c, int i) {
    LoadSalon& s = w.salons[size_t(i)];
    SALON_RETURN_IF_ERROR(PriceTill(c, s));
    return c.Call(http::verb::get,
                  "/v1/salons/" + s.id + "/branches/" + s.branch + "/calendar?date=" + w.day,
                  s.key, "", 200, &s.calendar_etag)
        .status();
  }));
  return w;
}

Result<RequestMaker> MakeScenario(const std::string& name, const Workload& w) {
  if (w.salons.empty()) return Status::Invalid("no salons");
  const std::uint64_t salons = w.salons.size();
  if (name == "pull") {
    // 95 % unchanged (304), 5 % full.
    return RequestMaker([&w, salons](int, std::uint64_t n) {
      return PullRequest(w, w.salons[n % salons], n % 20 == 19);
    });
  }
  if (name == "create") {
    return RequestMaker([&w](int thread, std::uint64_t n) { return Create(w, n, thread); });
  }
  if (name == "hot") {
    if (salons < 2) return Status::Invalid("the hot scenario needs 2 salons or more");
    return RequestMaker([&w](int thread, std::uint64_t n) { return HotCreate(w, n, thread); });
  }
  if (name == "checkout") {
    return RequestMaker([&w](int, std::uint64_t n) { return Checkout(w, n); });
  }
  if (name == "day" || name == "soak") return DayMix(w);
  return Status::Invalid("unknown scenario '" + name +
                         "': pull, create, hot, checkout, day or soak");
}

}  // namespace salon::load
