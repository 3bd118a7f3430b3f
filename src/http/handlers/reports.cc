// The till's reports, read-only: a branch's takings, and the staff report
// (revenue, tips, commission), each over a range of local dates, inclusive.
#include "app/reports.h"
#include "codec/till_json.h"
#include "http/handler_kit.h"
#include "http/handlers/routes.h"

namespace salon::http {

namespace json = boost::json;
using beast_http::verb;

namespace {

struct DateRange {
  LocalDate from, to;
};

// ?from=&to= (both required, YYYY-MM-DD).
Result<DateRange> ReadRange(const Call& call) {
  DateRange range;
  std::vector<FieldError> errors;
  for (auto [name, bound] : {std::pair{"from", &range.from}, std::pair{"to", &range.to}}) {
    auto text = call.Query(name);
    if (!text) {
      errors.push_back({name, "is required, YYYY-MM-DD"});
      continue;
    }
    auto date = ParseDate(*text);
    if (!date.ok()) {
      errors.push_back({name, "must be a date, YYYY-MM-DD"});
      continue;
    }
    *bound = *date;
  }
  if (!errors.empty()) return Status::Invalid("a report needs from and to", std::move(errors));
  return range;
}

json::object WithRange(json::object body, LocalDate from, LocalDate to) {
  body["from"] = FormatDate(from);
  body["to"] = FormatDate(to);
  return body;
}

}  // namespace

void AddReportRoutes(Router& router, ApiDeps& deps) {
  router.Add(verb::get, "/v1/salons/{salon}/branches/{branch}/reports/takings",
             Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kCorrectSales);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto range = ReadRange(call);
    if (!range.ok()) return ErrorResponse(call, range.status());
    auto found = deps.reports.Takings(*salon, BranchId{call.Param("branch")}, range->from,
                                      range->to);
    if (!found.ok()) return ErrorResponse(call, found.status());
    json::object body = WithRange(ToJson(found->report, found->currency), found->from, found->to);
    body["branch_id"] = found->branch.value;
    return ObjectResponse(call, beast_http::status::ok, body);
  });

  // ?from=&to=&branch_id= (one branch; else all, each in its local dates).
  router.Add(verb::get, "/v1/salons/{salon}/reports/staff", Dispatch::kBlocking,
             [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kCorrectSales);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto range = ReadRange(call);
    if (!range.ok()) return ErrorResponse(call, range.status());
    std::optional<BranchId> branch;
    if (auto b = call.Query("branch_id")) branch = BranchId{*b};
    auto found = deps.reports.StaffReport(*salon, branch, range->from, range->to);
    if (!found.ok()) return ErrorResponse(call, found.status());
    json::array staff;
    for (const StaffReportRow& row : found->staff) staff.push_back(ToJson(row, found->currency));
    json::object body{{"currency", found->currency}, {"staff", std::move(staff)}};
    if (found->branch) body["branch_id"] = found->branch->value;
    return ObjectResponse(call, beast_http::status::ok, WithRange(std::move(body), found->from,
                                                                  found->to));
  });
}

}  // namespace salon::http
