// Online booking, public (no key; each address rate limited): a branch's
// page, booking, and the client's own booking through its manage link.
// (The branch's free times: handlers/availability.cc.) What is shown is
// only what a client needs: names, durations, prices, first names.
#include "app/online_booking.h"
#include "codec/entity_json.h"
#include "codec/json_fields.h"
#include "codec/json_reader.h"
#include "http/handler_kit.h"
#include "http/handlers/routes.h"

namespace salon::http {

namespace json = boost::json;
using beast_http::verb;

namespace {

std::string FirstName(const std::string& name) { return name.substr(0, name.find(' ')); }

json::object PageJson(const BookingPage& page) {
  json::array services, staff;
  for (const Service& s : page.services) {
    services.push_back(json::object{{"id", s.id.value},
                        {"name", s.name},
                        {"duration_minutes", s.DurationMinutes()},
                        {"price", ToJson(s.price)}});
  }
  for (const Staff& s : page.staff) {
    staff.push_back(json::object{{"id", s.id.value}, {"first_name", FirstName(s.name)}});
  }
  return {{"id", page.branch.id.value},
          {"name", page.branch.name},
          {"time_zone", page.branch.timezone},
          {"slot_minutes", page.branch.slot_minutes},
          {"services", std::move(services)},
          {"staff", std::move(staff)}};
}

std::string ManageUrl(const std::string& token) { return "/book/manage/" + token; }

// Without the manage link: what an Idempotency-Key's stored answer keeps.
json::object ManagedJson(const ManagedBooking& m) {
  const TimeZone zone = *TimeZone::Find(m.branch.timezone);
  json::array services;
  for (const std::string& name : m.service_names) services.push_back(json::object{{"name", name}});
  return {{"id", m.appointment.id.value},
          {"status", std::string(ToString(m.appointment.status))},
          {"start", TimeText(m.appointment.span.start, &zone)},
          {"end", TimeText(m.appointment.span.end, &zone)},
          {"branch", json::object{{"id", m.branch.id.value},
                                  {"name", m.branch.name},
                                  {"time_zone", m.branch.timezone}}},
          {"services", std::move(services)},
          {"can_cancel", m.can_cancel}};
}

json::object WithLink(json::object body, const std::string& token) {
  body["manage_url"] = ManageUrl(token);
  return body;
}

Result<PublicBookingRequest> ParsePublicBooking(const json::value& body) {
  JsonReader r(body);
  PublicBookingRequest req;
  if (const json::array* ids = r.Array("service_ids", Need::kRequired)) {
    if (ids->empty() || ids->size() > 10) r.ValueError("service_ids", "1 to 10 services");
    for (const json::value& id : *ids) {
      if (!id.is_string() || id.as_string().size() > 64) {
        r.ShapeError("service_ids", "service ids are strings");
        break;
      }
      req.service_ids.push_back(ServiceId{std::string(id.as_string())});
    }
  }
  if (auto s = r.String("staff_id", Need::kOptional, 64)) req.staff_id = StaffId{*s};
  if (auto s = r.String("start", Need::kRequired, 64)) {
    auto t = ParseInstant(*s);
    if (t.ok()) req.start = *t; else r.ValueError("start", t.status().message());
  }
  if (const json::object* client = r.Object("client", Need::kRequired)) {
    JsonReader cr(*client, "client.");
    if (auto s = cr.Name("first_name", Need::kRequired, 100)) req.first_name = *s;
    if (auto s = cr.Name("last_name", Need::kRequired, 100)) req.last_name = *s;
    if (auto s = cr.String("phone", Need::kRequired, 20)) req.phone = *s;
    if (auto s = cr.String("email", Need::kOptional, 254)) req.email = *s;
    if (auto b = cr.Bool("sms_reminders", Need::kOptional)) req.sms_reminders = *b;
    cr.RejectUnknown();
    if (cr.ok()) CheckClientFields(cr, req.first_name, req.phone, req.email);  // as stored
    r.Absorb(std::move(cr));
  }
  r.RejectUnknown();
  SALON_RETURN_IF_ERROR(r.Finish("the booking"));
  return req;
}

Response ManagedResponse(const Call& call, const Result<ManagedBooking>& m) {
  if (!m.ok()) return ErrorResponse(call, m.status());
  Response res = Json(beast_http::status::ok, WithLink(ManagedJson(*m), m->token),
                      call.request.version());
  res.set(beast_http::field::cache_control, "no-store");
  return res;
}

}  // namespace

void AddOnlineBookingRoutes(Router& router, ApiDeps& deps) {
  router.Add(verb::get, "/v1/book/{branch}", Dispatch::kBlocking, [&deps](Call& call) {
    auto page = deps.online_booking.Page(BranchId{call.Param("branch")});
    if (!page.ok()) return ErrorResponse(call, page.status());
    return Json(beast_http::status::ok, PageJson(*page), call.request.version());
  });
  router.Add(verb::post, "/v1/book/{branch}/appointments", Dispatch::kBlocking,
             [&deps](Call& call) {
    auto body = BodyJson(call);
    if (!body.ok()) return ErrorResponse(call, body.status());
    auto req = ParsePublicBooking(*body);
    if (!req.ok()) return ErrorResponse(call, req.status());
    const BranchId branch{call.Param("branch")};
    auto answered = deps.online_booking.Book(
        branch, *req, AnswerAs<ManagedBooking>(call, [](const ManagedBooking& m) {
          json::object stored = ManagedJson(m);
          return salon::Answer{int(beast_http::status::created), WithLink(stored, m.token),
                               stored};
        }));
    // A replay's stored answer has no link: it is made again from the id.
    if (answered.ok() && answered->replayed) {
      const json::value* id = answered->body.if_contains("id");
      auto token = deps.online_booking.LinkOf(
          branch, AppointmentId{id && id->is_string() ? std::string(id->as_string()) : ""});
      if (!token.ok()) return ErrorResponse(call, token.status());
      answered->body = WithLink(std::move(answered->body), *token);
    }
    return AnswerResponse(call, answered);
  });
  router.Add(verb::get, "/v1/book/manage/{token}", Dispatch::kBlocking, [&deps](Call& call) {
    return ManagedResponse(call, deps.online_booking.Manage(call.Param("token")));
  });
  router.Add(verb::post, "/v1/book/manage/{token}/cancel", Dispatch::kBlocking,
             [&deps](Call& call) {
    return ManagedResponse(call, deps.online_booking.Cancel(call.Param("token")));
  });
}

}  // namespace salon::http
