// GET …/branches/{branch}/calendar?date=YYYY-MM-DD[&days=1..7] — the front
// desk's pull, the most frequent request of the platform. With the current
// ETag in If-None-Match it answers 304 from memory, touching no database,
// on the I/O thread (kMemoryFirst); whatever needs the store is deferred to
// a worker thread.
#include <charconv>

#include "codec/entity_json.h"
#include "http/body_cache.h"
#include "http/handler_kit.h"
#include "http/identity.h"
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
                                 {"service_ids", IdArray(s.service_ids.ids())}});
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

struct CalendarQuery {
  LocalDate from;
  int days = 1;
};

Result<CalendarQuery> ParseCalendarQuery(const Call& call) {
  std::vector<FieldError> errors;
  CalendarQuery q;
  auto from = ParseDate(call.Query("date").value_or(""));
  if (from.ok()) q.from = *from; else errors.push_back({"date", from.status().message()});
  auto days = QueryInt(call, "days", 1, 1, 7);
  if (days) q.days = *days; else errors.push_back({"days", "1 to 7"});
  if (!errors.empty()) return Status::Invalid("invalid calendar query", errors);
  return q;
}

std::string BodyKey(const Branch& branch, const CalendarQuery& q) {
  return branch.id.value + "/" + FormatDate(q.from) + "/" + std::to_string(q.days);
}

// 304 when the caller has the current ETag, else the body rendered for it.
Response Answer(const Call& call, const std::string& etag, const std::string* body) {
  if (call.Header(beast_http::field::if_none_match) == etag) {
    Response res{beast_http::status::not_modified, call.request.version()};
    res.set(beast_http::field::etag, etag);
    return res;
  }
  Response res{beast_http::status::ok, call.request.version()};
  res.set(beast_http::field::content_type, "application/json; charset=utf-8");
  res.body() = *body;
  res.prepare_payload();
  res.set(beast_http::field::etag, etag);
  res.set(beast_http::field::cache_control, "private, no-cache");
  return res;
}

// The answer memory alone can give (a salon key, branch and days whose
// versions are cached; a 304, or a body already rendered), or none.
std::optional<Response> FromMemory(const Call& call, ApiDeps& deps, BodyCache& bodies) {
  const SalonId salon{call.Param("salon")};
  auto caller = KnownIdentity(call, deps);
  if (!caller || caller->role == Role::kAdmin || !caller->MayAccess(salon) ||
      !caller->Holds(Right::kReadCalendar)) {
    return std::nullopt;
  }
  auto branch = deps.directory.KnownBranch(salon, BranchId{call.Param("branch")});
  auto query = ParseCalendarQuery(call);
  if (!branch || !query.ok()) return std::nullopt;
  auto etag = deps.calendar_versions.KnownETag(branch->id, query->from, query->days);
  if (!etag) return std::nullopt;
  if (call.Header(beast_http::field::if_none_match) == *etag) return Answer(call, *etag, nullptr);
  std::shared_ptr<const std::string> rendered = bodies.Find(BodyKey(*branch, *query), *etag);
  if (rendered == nullptr) return std::nullopt;
  return Answer(call, *etag, rendered.get());
}

}  // namespace

void AddCalendarRoutes(Router& router, ApiDeps& deps) {
  const CacheOptions caches{&deps.metrics, deps.cache_scale};
  const CacheBounds bounds = caches.Scaled(kCalendarBodyBounds);
  auto bodies = std::make_shared<BodyCache>(bounds, caches.MetricsOf("calendar_bodies", bounds));
  router.Add(verb::get, "/v1/salons/{salon}/branches/{branch}/calendar", Dispatch::kMemoryFirst,
             [&deps, bodies](Call& call) {
    if (call.memory_only) {
      std::optional<Response> known = FromMemory(call, deps, *bodies);
      return known ? std::move(*known) : call.Defer();
    }
    auto salon = AuthorizeSalon(call, deps, Right::kReadCalendar);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto branch = deps.directory.FindBranch(*salon, BranchId{call.Param("branch")});
    if (!branch.ok()) return ErrorResponse(call, branch.status());
    auto query = ParseCalendarQuery(call);
    if (!query.ok()) return ErrorResponse(call, query.status());
    auto etag = deps.calendar_versions.ETag(branch->id, query->from, query->days);
    if (!etag.ok()) return ErrorResponse(call, etag.status());
    if (call.Header(beast_http::field::if_none_match) == *etag) return Answer(call, *etag, nullptr);
    const std::string key = BodyKey(*branch, *query);
    std::shared_ptr<const std::string> rendered = bodies->Find(key, *etag);
    if (rendered == nullptr) {
      auto days_read = deps.calendar.Read(*branch, query->from, query->days);
      if (!days_read.ok()) return ErrorResponse(call, days_read.status());
      json::object body = CalendarJson(*days_read, *branch);
      body["version"] = etag->substr(1, etag->size() - 2);
      rendered = bodies->Put(key, *etag, json::serialize(body));
    }
    return Answer(call, *etag, rendered.get());
  });
}

}  // namespace salon::http
