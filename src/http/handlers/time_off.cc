// A staff member's time off: create, list and delete. Times are shown in
// the staff member's branch time zone.
#include "app/records.h"
#include "http/handler_kit.h"
#include "http/handlers/routes.h"

namespace salon::http {

namespace json = boost::json;
using beast_http::verb;

namespace {

// The time zone of the staff member's branch.
Result<TimeZone> StaffZone(ReadTxn& txn, const SalonId& salon, const StaffId& staff) {
  SALON_ASSIGN_OR_RETURN(Staff s, Load<Staff>(txn, salon, staff.value));
  SALON_ASSIGN_OR_RETURN(Branch b, Load<Branch>(txn, salon, s.branch_id.value));
  return TimeZone::Find(b.timezone);
}

}  // namespace

void AddTimeOffRoutes(Router& router, ApiDeps& deps) {
  const std::string base = "/v1/salons/{salon}/staff/{staff}/time-off";

  router.Add(verb::post, base, Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto body = BodyJson(call);
    if (!body.ok()) return ErrorResponse(call, body.status());
    auto parsed = TimeOffFromJson(*body);
    if (!parsed.ok()) return ErrorResponse(call, parsed.status());
    return IdempotentWrite(call, deps, salon->value, [&](WriteTxn& txn) -> Result<WriteOutcome> {
      TimeOff t = *parsed;
      t.id.value = deps.catalog.ids().NewId("off");
      t.salon_id = *salon;
      t.staff_id.value = call.Param("staff");
      t.archived = false;
      SALON_ASSIGN_OR_RETURN(TimeZone zone, StaffZone(txn, *salon, t.staff_id));
      SALON_ASSIGN_OR_RETURN(TimeOff saved, deps.catalog.Put(txn, t, nullptr));
      return WriteOutcome{beast_http::status::created, ToJson(saved, &zone)};
    });
  });

  router.Add(verb::get, base, Dispatch::kInline, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto query = PageQuery(call, *salon);
    if (!query.ok()) return ErrorResponse(call, query.status());
    json::array items;
    std::string next;
    Status s = deps.store.Read([&](ReadTxn& txn) -> Status {
      SALON_ASSIGN_OR_RETURN(TimeZone zone, StaffZone(txn, *salon, StaffId{call.Param("staff")}));
      ListQuery q = *query;
      q.parent_ids = {call.Param("staff")};
      SALON_ASSIGN_OR_RETURN(Page<TimeOff> listed, List<TimeOff>(txn, q));
      for (const TimeOff& t : listed.items) items.push_back(ToJson(t, &zone));
      next = listed.next;
      return Status::Ok();
    });
    if (!s.ok()) return ErrorResponse(call, s);
    return ListResponse(call, std::move(items), next);
  });

  router.Add(verb::delete_, base + "/{id}", Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    return IdempotentWrite(call, deps, salon->value, [&](WriteTxn& txn) -> Result<WriteOutcome> {
      SALON_ASSIGN_OR_RETURN(TimeOff t, Load<TimeOff>(txn, *salon, call.Param("id")));
      if (t.staff_id.value != call.Param("staff") || t.archived) {
        return Status::NotFound("no time off '" + call.Param("id") + "'");
      }
      SALON_ASSIGN_OR_RETURN(TimeZone zone, StaffZone(txn, *salon, t.staff_id));
      SALON_RETURN_IF_ERROR(deps.catalog.Remove(txn, t));
      t.archived = true;
      return WriteOutcome{beast_http::status::ok, ToJson(t, &zone)};
    });
  });
}

}  // namespace salon::http
