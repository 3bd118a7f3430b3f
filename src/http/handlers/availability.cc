// GET …/branches/{branch}/availability?service_ids=a,b&from=YYYY-MM-DD&days=N[&staff_id=]
#include <charconv>

#include "http/handler_kit.h"
#include "http/handlers/routes.h"

namespace salon::http {

namespace json = boost::json;
using beast_http::verb;

namespace {

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t end = s.find(',', pos);
    if (end == std::string::npos) end = s.size();
    if (end > pos) out.push_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

Result<AvailabilityRequest> ParseQuery(const Call& call) {
  AvailabilityRequest req;
  std::vector<FieldError> errors;
  req.branch_id.value = call.Param("branch");
  for (const std::string& id : SplitComma(call.Query("service_ids").value_or(""))) {
    req.service_ids.push_back(ServiceId{id});
  }
  if (req.service_ids.empty() || req.service_ids.size() > 10) {
    errors.push_back({"service_ids", "1 to 10 comma-separated service ids"});
  }
  auto from = ParseDate(call.Query("from").value_or(""));
  if (from.ok()) req.from = *from; else errors.push_back({"from", from.status().message()});
  const std::string days = call.Query("days").value_or("1");
  auto [p, ec] = std::from_chars(days.data(), days.data() + days.size(), req.days);
  if (ec != std::errc() || p != days.data() + days.size() || req.days < 1 || req.days > 31) {
    errors.push_back({"days", "1 to 31"});
  }
  if (auto staff = call.Query("staff_id")) req.staff_id = StaffId{*staff};
  if (!errors.empty()) return Status::Invalid("invalid availability query", errors);
  return req;
}

}  // namespace

void AddAvailabilityRoutes(Router& router, ApiDeps& deps) {
  router.Add(verb::get, "/v1/salons/{salon}/branches/{branch}/availability",
             Dispatch::kInline, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto req = ParseQuery(call);
    if (!req.ok()) return ErrorResponse(call, req.status());
    auto branch = deps.directory.FindBranch(*salon, req->branch_id);
    if (!branch.ok()) return ErrorResponse(call, branch.status());
    auto zone = TimeZone::Find(branch->timezone);
    if (!zone.ok()) return ErrorResponse(call, zone.status());
    auto slots = ReadResult(deps, [&](ReadTxn& txn) {
      return deps.booking.Availability(txn, *salon, *req, deps.clock.Now());
    });
    if (!slots.ok()) return ErrorResponse(call, slots.status());
    json::array out;
    for (const Slot& slot : *slots) {
      json::array staff;
      for (const StaffId& id : slot.staff_ids) staff.emplace_back(id.value);
      out.push_back(json::object{{"start", FormatInstant(slot.start, *zone)},
                                 {"end", FormatInstant(slot.end, *zone)},
                                 {"staff_ids", std::move(staff)}});
    }
    return ObjectResponse(call, beast_http::status::ok, json::object{{"slots", std::move(out)}});
  });
}

}  // namespace salon::http
