// GET …/branches/{branch}/calendar?date=YYYY-MM-DD[&days=1..7] — the front
// desk's pull, the most frequent request of the platform. With the current
// ETag in If-None-Match it answers 304 from memory, touching no database.
#include <charconv>

#include "app/records.h"
#include "http/body_cache.h"
#include "http/handler_kit.h"
#include "http/handlers/routes.h"

namespace salon::http {

namespace json = boost::json;
using beast_http::verb;

namespace {

// The calendar body for local days [from, from + days).
Result<json::object> CalendarBody(Directory& directory, ReadTxn& txn, const Branch& branch,
                                  const TimeZone& zone, LocalDate from, int days) {
  const long long start = zone.StartOfDay(from).time_since_epoch().count();
  const long long end = zone.StartOfDay(from + date::days(days)).time_since_epoch().count();

  SALON_ASSIGN_OR_RETURN(Directory::StaffList staff, directory.BranchStaff(txn, branch));

  ListQuery apt_q;
  apt_q.salon_id = branch.salon_id.value;
  apt_q.parent_ids = {branch.id.value};
  apt_q.overlap = {start, end};
  apt_q.limit = 5000;
  SALON_ASSIGN_OR_RETURN(Page<Appointment> appointments, List<Appointment>(txn, apt_q));

  json::array staff_json, appointments_json, time_off_json;
  std::vector<std::string> staff_ids;
  for (const Staff& s : *staff) {
    staff_ids.push_back(s.id.value);
    staff_json.push_back(json::object{{"id", s.id.value},
                                      {"name", s.name},
                                      {"hours", ToJson(s.hours)},
                                      {"service_ids", IdArray(s.service_ids)}});
  }
  for (const Appointment& a : appointments.items) appointments_json.push_back(ToJson(a, &zone));
  if (!staff_ids.empty()) {
    ListQuery off_q;
    off_q.salon_id = branch.salon_id.value;
    off_q.parent_ids = staff_ids;
    off_q.overlap = {start, end};
    off_q.limit = 5000;
    SALON_ASSIGN_OR_RETURN(Page<TimeOff> time_off, List<TimeOff>(txn, off_q));
    for (const TimeOff& t : time_off.items) time_off_json.push_back(ToJson(t, &zone));
  }
  return json::object{{"date", FormatDate(from)},
                      {"days", days},
                      {"timezone", branch.timezone},
                      {"staff", std::move(staff_json)},
                      {"appointments", std::move(appointments_json)},
                      {"time_off", std::move(time_off_json)}};
}

}  // namespace

void AddCalendarRoutes(Router& router, ApiDeps& deps) {
  auto bodies = std::make_shared<BodyCache>(20000);
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
    auto etag = deps.calendar.ETag(branch->id, *from, days);
    if (!etag.ok()) return ErrorResponse(call, etag.status());
    if (call.Header(beast_http::field::if_none_match) == *etag) {
      Response res{beast_http::status::not_modified, call.request.version()};
      res.set(beast_http::field::etag, *etag);
      return res;
    }
    const std::string key = branch->id.value + "/" + FormatDate(*from) + "/" + std::to_string(days);
    std::shared_ptr<const std::string> rendered = bodies->Find(key, *etag);
    if (rendered == nullptr) {
      auto zone = TimeZone::Find(branch->timezone);
      if (!zone.ok()) return ErrorResponse(call, zone.status());
      auto body = ReadResult(deps, [&](ReadTxn& txn) {
        return CalendarBody(deps.directory, txn, *branch, *zone, *from, days);
      });
      if (!body.ok()) return ErrorResponse(call, body.status());
      (*body)["version"] = etag->substr(1, etag->size() - 2);
      rendered = bodies->Put(key, *etag, json::serialize(*body));
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
