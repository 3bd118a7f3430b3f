// Appointments: book, read, list, reschedule (PATCH), cancel and status
// changes. Times are shown in the branch's time zone.
#include "app/records.h"
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

// The appointment in its branch's time zone; inside a transaction, pass it.
Result<json::object> Render(ApiDeps& deps, const Appointment& a, ReadTxn* txn = nullptr) {
  SALON_ASSIGN_OR_RETURN(Branch branch,
                         txn ? deps.directory.FindBranch(*txn, a.salon_id, a.branch_id)
                             : deps.directory.FindBranch(a.salon_id, a.branch_id));
  SALON_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(branch.timezone));
  return ToJson(a, &zone);
}

// A write that answers the changed appointment with 200 (or `status`), and
// queues the messages the change sends in the same transaction. `id` is the
// appointment changed, "" for a new one.
Response AppointmentWrite(Call& call, ApiDeps& deps, const SalonId& salon, const std::string& id,
                          beast_http::status status,
                          const std::function<Result<Appointment>(WriteTxn&)>& fn) {
  return IdempotentWrite(call, deps, salon.value, [&](WriteTxn& txn) -> Result<WriteOutcome> {
    std::optional<Appointment> before;
    if (!id.empty()) {
      SALON_ASSIGN_OR_RETURN(before, Load<Appointment>(txn, salon, id));
    }
    SALON_ASSIGN_OR_RETURN(Appointment a, fn(txn));
    SALON_RETURN_IF_ERROR(deps.appointment_messages.Changed(
        txn, before ? &*before : nullptr, a, deps.clock.Now()));
    SALON_ASSIGN_OR_RETURN(json::object body, Render(deps, a, &txn));
    return WriteOutcome{status, std::move(body)};
  });
}

}  // namespace

void AddAppointmentRoutes(Router& router, ApiDeps& deps) {
  const std::string base = "/v1/salons/{salon}/appointments";
  const std::string one = base + "/{id}";

  router.Add(verb::post, base, Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto body = BodyJson(call);
    if (!body.ok()) return ErrorResponse(call, body.status());
    auto req = ParseBooking(*body);
    if (!req.ok()) return ErrorResponse(call, req.status());
    // Planned on a snapshot here, in parallel; the writer only re-checks and
    // stores it (or books afresh when the plan failed or went stale).
    const Instant now = deps.clock.Now();
    auto planned = ReadResult(deps, [&](ReadTxn& txn) {
      return deps.booking.Prepare(txn, *salon, *req, now);
    });
    return AppointmentWrite(call, deps, *salon, "", beast_http::status::created, [&](WriteTxn& txn) {
      return planned.ok() ? deps.booking.Commit(txn, *planned, *req, now)
                          : deps.booking.Book(txn, *salon, *req, now);
    });
  });

  router.Add(verb::get, one, Dispatch::kInline, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto found = ReadResult(deps, [&](ReadTxn& txn) {
      return Load<Appointment>(txn, *salon, call.Param("id"));
    });
    if (!found.ok()) return ErrorResponse(call, found.status());
    auto body = Render(deps, *found);
    if (!body.ok()) return ErrorResponse(call, body.status());
    return ObjectResponse(call, beast_http::status::ok, *body);
  });

  // ?branch_id=&client_id=&from=&to= (instants).
  router.Add(verb::get, base, Dispatch::kInline, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto query = PageQuery(call, *salon);
    if (!query.ok()) return ErrorResponse(call, query.status());
    ListQuery& q = *query;
    if (auto b = call.Query("branch_id")) q.parent_ids = {*b};
    if (auto c = call.Query("client_id")) q.search = *c;
    auto from = call.Query("from"), to = call.Query("to");
    if (from || to) {
      auto f = ParseInstant(from.value_or("1970-01-01T00:00:00Z"));
      auto t = ParseInstant(to.value_or("2999-12-31T00:00:00Z"));
      if (!f.ok() || !t.ok()) {
        return ErrorResponse(call, Status::Invalid("from and to are RFC 3339 date-times"));
      }
      q.overlap = {f->time_since_epoch().count(), t->time_since_epoch().count()};
    }
    auto listed = ReadResult(deps, [&](ReadTxn& txn) { return List<Appointment>(txn, q); });
    if (!listed.ok()) return ErrorResponse(call, listed.status());
    json::array items;
    for (const Appointment& a : listed->items) {
      auto body = Render(deps, a);
      if (!body.ok()) return ErrorResponse(call, body.status());
      items.push_back(std::move(*body));
    }
    return ListResponse(call, std::move(items), listed->next);
  });

  router.Add(verb::patch, one, Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto if_match = IfMatch(call);
    if (!if_match.ok()) return ErrorResponse(call, if_match.status());
    auto body = BodyJson(call);
    if (!body.ok()) return ErrorResponse(call, body.status());
    auto req = ParseReschedule(*body);
    if (!req.ok()) return ErrorResponse(call, req.status());
    return AppointmentWrite(call, deps, *salon, call.Param("id"), beast_http::status::ok, [&](WriteTxn& txn) {
      return deps.booking.Reschedule(txn, *salon, AppointmentId{call.Param("id")}, *req,
                                     *if_match, deps.clock.Now());
    });
  });

  router.Add(verb::post, one + "/cancel", Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps);
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
    return AppointmentWrite(call, deps, *salon, call.Param("id"), beast_http::status::ok, [&](WriteTxn& txn) {
      return deps.booking.ChangeStatus(txn, *salon, AppointmentId{call.Param("id")},
                                       AppointmentStatus::kCancelled, reason, *if_match,
                                       deps.clock.Now());
    });
  });

  router.Add(verb::post, one + "/status", Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
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
    return AppointmentWrite(call, deps, *salon, call.Param("id"), beast_http::status::ok, [&](WriteTxn& txn) {
      return deps.booking.ChangeStatus(txn, *salon, AppointmentId{call.Param("id")}, *to, "",
                                       *if_match, deps.clock.Now());
    });
  });
}

}  // namespace salon::http
