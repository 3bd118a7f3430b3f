// Appointments: book, read, list, reschedule (PATCH), cancel and status
// changes. Times are shown in the branch's time zone.
#include "app/appointments.h"
#include "codec/entity_json.h"
#include "codec/json_reader.h"
#include "http/handler_kit.h"
#include "http/handlers/routes.h"

namespace salon::http {

namespace json = boost::json;
using beast_http::verb;

namespace {

void ReadStart(JsonReader& r, Need need, std::optional<Instant>& out) {
  auto text = r.String("start", need, 64);
  if (!text) return;
  auto t = ParseInstant(*text);
  if (!t.ok()) {
    r.ValueError("start", t.status().message());
  } else if (t->time_since_epoch().count() % 60 != 0) {
    r.ValueError("start", "must be a whole minute");
  } else {
    out = *t;
  }
}

void ReadItems(JsonReader& r, Need need, std::optional<std::vector<ItemRequest>>& out) {
  const json::array* items = r.Array("items", need);
  if (items == nullptr) return;
  if (items->empty() || items->size() > 10) {
    r.ValueError("items", "a visit has 1 to 10 items");
    return;
  }
  std::vector<ItemRequest> list;
  for (size_t i = 0; i < items->size(); ++i) {
    JsonReader ir((*items)[i], "items[" + std::to_string(i) + "].");
    ItemRequest item;
    if (auto s = ir.String("service_id", Need::kRequired, 64)) item.service_id.value = *s;
    if (auto s = ir.String("staff_id", Need::kOptional, 64)) item.staff_id = StaffId{*s};
    ir.RejectUnknown();
    list.push_back(std::move(item));
    r.Absorb(std::move(ir));
  }
  out = std::move(list);
}

Result<BookingRequest> ParseBooking(const json::value& body) {
  JsonReader r(body);
  BookingRequest req;
  if (auto s = r.String("branch_id", Need::kRequired, 64)) req.branch_id.value = *s;
  if (auto s = r.String("client_id", Need::kRequired, 64)) req.client_id.value = *s;
  std::optional<Instant> start;
  ReadStart(r, Need::kRequired, start);
  std::optional<std::vector<ItemRequest>> items;
  ReadItems(r, Need::kRequired, items);
  if (auto s = r.String("notes", Need::kOptional, 2000)) req.notes = *s;
  if (auto s = r.String("source", Need::kOptional, 32)) req.source = *s;
  r.RejectUnknown();
  SALON_RETURN_IF_ERROR(r.Finish("the appointment"));
  req.start = *start;
  req.items = std::move(*items);
  return req;
}

Result<RescheduleRequest> ParseReschedule(const json::value& body) {
  JsonReader r(body);
  RescheduleRequest req;
  ReadStart(r, Need::kOptional, req.start);
  ReadItems(r, Need::kOptional, req.items);
  if (auto s = r.String("notes", Need::kOptional, 2000)) req.notes = *s;
  r.RejectUnknown();
  SALON_RETURN_IF_ERROR(r.Finish("the change"));
  return req;
}

json::object Render(const AppointmentView& v) { return ToJson(v.appointment, &v.zone); }

}  // namespace

void AddAppointmentRoutes(Router& router, ApiDeps& deps) {
  const std::string base = "/v1/salons/{salon}/appointments";
  const std::string one = base + "/{id}";

  router.Add(verb::post, base, Dispatch::kBlocking, [&deps](Call& call) {
    return SalonWriteLater(
        call, deps, Right::kBook, ParseBooking,
        deps.appointments.BooksLater(std::string(call.Header("Idempotency-Key"))),
        [&](const SalonId& salon, const auto& req, WrittenThen then) {
          deps.appointments.BookLater(
              salon, req, AnswerWith<AppointmentView>(call, beast_http::status::created, Render),
              std::move(then));
        });
  });

  router.Add(verb::get, one, Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kReadCalendar);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto found = deps.appointments.Get(*salon, AppointmentId{call.Param("id")});
    if (!found.ok()) return ErrorResponse(call, found.status());
    return ObjectResponse(call, beast_http::status::ok, Render(*found));
  });

  // ?branch_id=&client_id=&from=&to= (instants).
  router.Add(verb::get, base, Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kReadCalendar);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto page = ReadPage(call);
    if (!page.ok()) return ErrorResponse(call, page.status());
    AppointmentFilter filter;
    filter.page = *page;
    if (auto b = call.Query("branch_id")) filter.branch = BranchId{*b};
    if (auto c = call.Query("client_id")) filter.client = ClientId{*c};
    for (auto [name, bound] : {std::pair{"from", &filter.from}, std::pair{"to", &filter.to}}) {
      if (auto text = call.Query(name)) {
        auto t = ParseInstant(*text);
        if (!t.ok()) {
          return ErrorResponse(call, Status::Invalid("from and to are RFC 3339 date-times",
                                                     {{name, t.status().message()}}));
        }
        *bound = *t;
      }
    }
    auto listed = deps.appointments.List(*salon, filter);
    if (!listed.ok()) return ErrorResponse(call, listed.status());
    json::array items;
    for (const AppointmentView& v : listed->items) items.push_back(Render(v));
    return ListResponse(call, std::move(items), listed->next);
  });

  router.Add(verb::patch, one, Dispatch::kBlocking, [&deps](Call& call) {
    return SalonChange(call, deps, Right::kBook, ParseReschedule,
                       [&](const SalonId& salon, const auto& req, auto if_match) {
                         return deps.appointments.Reschedule(
                             salon, AppointmentId{call.Param("id")}, req, if_match,
                             AnswerWith<AppointmentView>(call, beast_http::status::ok, Render));
                       });
  });

  router.Add(verb::post, one + "/cancel", Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kBook);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto if_match = IfMatch(call);
    if (!if_match.ok()) return ErrorResponse(call, if_match.status());
    std::string reason;
    if (!call.request.body().empty()) {
      auto body = BodyJson(call);
      if (!body.ok()) return ErrorResponse(call, body.status());
      JsonReader r(*body);
      if (auto s = r.String("reason", Need::kOptional, 500)) reason = *s;
      r.RejectUnknown();
      if (Status s = r.Finish("the cancellation"); !s.ok()) return ErrorResponse(call, s);
    }
    return AnswerResponse(
        call, deps.appointments.ChangeStatus(
                  *salon, AppointmentId{call.Param("id")}, AppointmentStatus::kCancelled, reason,
                  *if_match, AnswerWith<AppointmentView>(call, beast_http::status::ok, Render)));
  });

  router.Add(verb::post, one + "/status", Dispatch::kBlocking, [&deps](Call& call) {
    auto caller = AuthorizeCaller(call, deps, Right::kChangeOwnStatus);
    if (!caller.ok()) return ErrorResponse(call, caller.status());
    // A stylist changes only their own appointments.
    std::optional<StaffId> served_by;
    if (!caller->Holds(Right::kBook)) served_by = caller->staff_id.value_or(StaffId{"-"});
    auto if_match = IfMatch(call);
    if (!if_match.ok()) return ErrorResponse(call, if_match.status());
    auto body = BodyJson(call);
    if (!body.ok()) return ErrorResponse(call, body.status());
    JsonReader r(*body);
    std::optional<AppointmentStatus> to;
    if (auto s = r.String("status", Need::kRequired, 32)) {
      to = ParseAppointmentStatus(*s);
      if (!to || *to == AppointmentStatus::kBooked || *to == AppointmentStatus::kCancelled) {
        r.ValueError("status", "one of arrived, in_progress, completed, no_show");
      }
    }
    r.RejectUnknown();
    if (Status s = r.Finish("the status change"); !s.ok()) return ErrorResponse(call, s);
    return AnswerResponse(
        call, deps.appointments.ChangeStatus(
                  caller->salon_id, AppointmentId{call.Param("id")}, *to, "", *if_match,
                  AnswerWith<AppointmentView>(call, beast_http::status::ok, Render), served_by));
  });
}

}  // namespace salon::http
