// GET …/branches/{branch}/calendar?date=YYYY-MM-DD[&days=1..7] — the front
// desk's pull, the most frequent request of the platform. With the current
// ETag in If-None-Match it answers 304 from memory, touching no database.
#include <charconv>

#include "codec/entity_json.h"
#include "http/body_cache.h"
#include "http/handler_kit.h"
#include "http/handlers/routes.h"

namespace salon::http {

namespace json = boost::json;
using beast_http::verb;

namespace {

json::object CalendarJson(const CalendarDays& c, const Branch& branch) {
  json::array staff, appointments, time_off;
  for (const Staff& s : *c.staff) {
    staff.push_back(json::object{{"id", s.id.value},
                                 {"name", s.name},
                                 {"hours", ToJson(s.hours)},
                                 {"service_ids", IdArray(s.service_ids)}});
  }
  for (const Appointment& a : c.appointments) appointments.push_back(ToJson(a, &c.zone));
  for (const TimeOff& t : c.time_off) time_off.push_back(ToJson(t, &c.zone));
  return json::object{{"date", FormatDate(c.from)},
                      {"days", c.days},
                      {"timezone", branch.timezone},
                      {"staff", std::move(staff)},
                      {"appointments", std::move(appointments)},
                      {"time_off", std::move(time_off)}};
}

// Rendered calendar bodies kept at most (an empty day renders in some 300
// bytes, a busy week in tens of KiB).
constexpr CacheBounds kCalendarBodyBounds{20000, 64 << 20};

}  // namespace

void AddCalendarRoutes(Router& router, ApiDeps& deps) {
  const CacheOptions caches{&deps.metrics, deps.cache_scale};
  const CacheBounds bounds = caches.Scaled(kCalendarBodyBounds);
  auto bodies = std::make_shared<BodyCache>(bounds, caches.MetricsOf("calendar_bodies", bounds));
  router.Add(verb::get, "/v1/salons/{salon}/branches/{branch}/calendar", Dispatch::kInline,
             [&deps, bodies](Call& call) {
    auto salon = AuthorizeSalon(call, deps);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto branch = deps.directory.FindBranch(*salon, BranchId{call.Param("branch")});
    if (!branch.ok()) return ErrorResponse(call, branch.status());
    std::vector<FieldError> errors;
    auto from = ParseDate(call.Query("date").value_or(""));
    if (!from.ok()) errors.push_back({"date", from.status().message()});
    int days = 0;
    const std::string days_text = call.Query("days").value_or("1");
    auto [p, ec] = std::from_chars(days_text.data(), days_text.data() + days_text.size(), days);
    if (ec != std::errc() || p != days_text.data() + days_text.size() || days < 1 || days > 7) {
      errors.push_back({"days", "1 to 7"});
    }
    if (!errors.empty()) {
      return ErrorResponse(call, Status::Invalid("invalid calendar query", errors));
    }
    auto etag = deps.calendar_versions.ETag(branch->id, *from, days);
    if (!etag.ok()) return ErrorResponse(call, etag.status());
    if (call.Header(beast_http::field::if_none_match) == *etag) {
      Response res{beast_http::status::not_modified, call.request.version()};
      res.set(beast_http::field::etag, *etag);
      return res;
    }
    const std::string key = branch->id.value + "/" + FormatDate(*from) + "/" + std::to_string(days);
    std::shared_ptr<const std::string> rendered = bodies->Find(key, *etag);
    if (rendered == nullptr) {
      auto days_read = deps.calendar.Read(*branch, *from, days);
      if (!days_read.ok()) return ErrorResponse(call, days_read.status());
      json::object body = CalendarJson(*days_read, *branch);
      body["version"] = etag->substr(1, etag->size() - 2);
      rendered = bodies->Put(key, *etag, json::serialize(body));
    }
    Response res{beast_http::status::ok, call.request.version()};
    res.set(beast_http::field::content_type, "application/json; charset=utf-8");
    res.body() = *rendered;
    res.prepare_payload();
    res.set(beast_http::field::etag, *etag);
    res.set(beast_http::field::cache_control, "private, no-cache");
    return res;
  });
}

}  // namespace salon::http
