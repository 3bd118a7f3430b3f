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

}  // namespace salon::load
