#include "tools/salon_load/requests.h"

#include <boost/json.hpp>

#include <chrono>
#include <cstdio>

#include "base/time.h"

namespace salon::load {
namespace json = boost::json;

const std::string& SlotStaff(const LoadSalon& s, std::uint64_t k) {
  return s.staff[k % s.staff.size()];
}

std::string SlotStart(const Workload& w, const LoadSalon& s, std::uint64_t k, int weeks_later) {
  const std::uint64_t slot = k / s.staff.size();
  const std::uint64_t per_day = 36;  // 09:00–18:00 starts, inside the hours
  const std::uint64_t day = slot / per_day, week = day / 6;
  const int offset = int(week * 7 + day % 6) + 7 * weeks_later;
  const int minutes = int(9 * 60 + (slot % per_day) * 15);
  static const TimeZone dublin = *TimeZone::Find("Europe/Dublin");
  auto zone = TimeZone::Find(s.timezone);
  const LocalDate date = *ParseDate(DayAfter(w.first_monday, offset));
  return FormatUtc((zone.ok() ? *zone : dublin)
                       .ToInstant(LocalTime(date) + std::chrono::minutes(minutes)));
}

HttpRequest PullRequest(const Workload& w, const LoadSalon& s, bool changed) {
  HttpRequest r;
  r.kind = changed ? "pull_full" : "pull_304";
  r.target = "/v1/salons/" + s.id + "/branches/" + s.branch + "/calendar?date=" + w.day;
  r.headers = {{"Authorization", "Bearer " + s.key}};
  if (!changed) r.headers.emplace_back("If-None-Match", s.calendar_etag);
  r.expected = {200, 304};
  return r;
}

HttpRequest AvailabilityRequest(const Workload& w, const LoadSalon& s) {
  HttpRequest r;
  r.kind = "availability";
  r.target = "/v1/salons/" + s.id + "/branches/" + s.branch +
             "/availability?service_ids=" + s.services[1] + "&from=" + w.day + "&days=7";
  r.headers = {{"Authorization", "Bearer " + s.key}};
  return r;
}

HttpRequest BookingRequest(const LoadSalon& s, const Workload& w, std::uint64_t k) {
  HttpRequest r;
  r.kind = "create";
  r.method = "POST";
  r.target = "/v1/salons/" + s.id + "/appointments";
  r.body = json::serialize(json::object{
      {"branch_id", s.branch},
      {"client_id", s.client},
      {"start", SlotStart(w, s, k)},
      {"items", json::array{json::object{{"service_id", s.services[0]},
                                         {"staff_id", SlotStaff(s, k)}}}}});
  r.headers = {{"Authorization", "Bearer " + s.key}};
  r.expected = {201};
  return r;
}

HttpRequest ClientRequest(const LoadSalon& s, std::uint64_t n) {
  char phone[24];
  std::snprintf(phone, sizeof phone, "+3538%09llu", static_cast<unsigned long long>(n % 1000000000));
  HttpRequest r;
  r.kind = "client";
  r.method = "POST";
  r.target = "/v1/salons/" + s.id + "/clients";
  r.body = json::serialize(json::object{
      {"first_name", "Walk"}, {"last_name", "In"}, {"phone", phone}});
  r.headers = {{"Authorization", "Bearer " + s.key}};
  r.expected = {201};
  return r;
}

std::int64_t BookingPrice(const LoadSalon& s) { return s.prices[0]; }

namespace {

json::object Paid(const char* method, std::int64_t amount) {
  return {{"method", method}, {"amount", amount}};
}

HttpRequest SaleRequest(const LoadSalon& s, const char* kind, json::object body) {
  HttpRequest r;
  r.kind = kind;
  r.method = "POST";
  r.target = "/v1/salons/" + s.id + "/sales";
  body["branch_id"] = s.branch;
  r.body = json::serialize(body);
  r.headers = {{"Authorization", "Bearer " + s.key}};
  r.expected = {201};
  return r;
}

}  // namespace

HttpRequest AppointmentSaleRequest(const LoadSalon& s, const std::string& appointment) {
  // Card payments must cover the total exactly: the appointment's prices.
  return SaleRequest(s, "checkout",
                     {{"appointment_id", appointment},
                      {"payments", json::array{Paid("card", BookingPrice(s))}}});
}

HttpRequest ProductSaleRequest(const LoadSalon& s) {
  return SaleRequest(
      s, "walk_in_sale",
      {{"lines", json::array{json::object{{"kind", "product"}, {"product_id", s.product}}}},
       {"payments", json::array{Paid("card", s.product_price)}}});
}

HttpRequest WalkInSaleRequest(const LoadSalon& s, std::uint64_t k) {
  const std::size_t service = k % s.services.size();
  // The card pays for the service; the product is paid in cash, tendered in
  // whole 10.00 notes above what is due, which leaves change.
  const std::int64_t cash_due = s.product_price;
  const std::int64_t tendered = (cash_due / 1000 + 1) * 1000;
  return SaleRequest(
      s, "checkout",
      {{"lines", json::array{json::object{{"kind", "service"},
                                          {"service_id", s.services[service]},
                                          {"staff_id", s.staff[k % s.staff.size()]}},
                             json::object{{"kind", "product"}, {"product_id", s.product}}}},
       {"payments", json::array{Paid("card", s.prices[service]), Paid("cash", tendered)}}});
}

}  // namespace salon::load
