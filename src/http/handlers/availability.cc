// GET …/branches/{branch}/availability?service_ids=a,b&from=YYYY-MM-DD&days=N[&staff_id=]
#include <charconv>
#include <chrono>
#include <unordered_map>

#include "base/request_stages.h"
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

Result<AvailabilityRequest> ParseAvailabilityQuery(const Call& call) {
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
  auto days = QueryInt(call, "days", 1, 1, 31);
  if (days) req.days = *days; else errors.push_back({"days", "1 to 31"});
  if (auto staff = call.Query("staff_id")) req.staff_id = StaffId{*staff};
  if (!errors.empty()) return Status::Invalid("invalid availability query", errors);
  return req;
}

// {"slots":[{"start","end","staff_ids":[…]}]} written straight into one
// string: a week's search answers hundreds of slots, and building a document
// tree of them cost more than the search itself. A search cut short by its
// budget adds "complete":false and "next_from", the first day not searched.
std::string SlotsJson(const SlotSearch& found, const AvailabilityRequest& req,
                      const TimeZone& zone) {
  StageTimer timer("render");
  const std::vector<Slot>& slots = found.slots;
  std::unordered_map<std::string, std::string> quoted;  // staff id → JSON string
  InstantFormatter instants(zone);
  std::string out = R"({"slots":[)";
  out.reserve(64 + slots.size() * 192);
  for (size_t i = 0; i < slots.size(); ++i) {
    const Slot& slot = slots[i];
    out += i ? R"(,{"start":")" : R"({"start":")";
    instants.AppendTo(out, slot.start);
    out += R"(","end":")";
    instants.AppendTo(out, slot.end);
    out += R"(","staff_ids":[)";
    for (size_t k = 0; k < slot.staff_ids.size(); ++k) {
      const std::string& id = slot.staff_ids[k].value;
      auto it = quoted.find(id);
      if (it == quoted.end()) it = quoted.emplace(id, json::serialize(json::string_view(id))).first;
      if (k) out += ',';
      out += it->second;
    }
    out += "]}";
  }
  out += "]";
  if (found.days_searched < req.days) {
    out += R"(,"complete":false,"next_from":")";
    out += FormatDate(req.from + date::days(found.days_searched));
    out += '"';
  }
  out += "}";
  return out;
}

// A search's bounds: its steps, a deadline, and the client's patience.
constexpr auto kSearchDeadline = std::chrono::seconds(2);

// The search of the query, by `search(request, budget)`, answered as slots.
template <typename Search>
Response Answer(const Call& call, Search search) {
  auto req = ParseAvailabilityQuery(call);
  if (!req.ok()) return ErrorResponse(call, req.status());
  const auto deadline = std::chrono::steady_clock::now() + kSearchDeadline;
  WorkBudget budget(WorkBudget::kDefaultSteps, [&call, deadline] {
    return call.ClientGone() || std::chrono::steady_clock::now() > deadline;
  });
  Result<AvailabilityView> found = search(*req, budget);
  if (!found.ok()) return ErrorResponse(call, found.status());
  return JsonText(beast_http::status::ok, SlotsJson(found->found, *req, found->zone),
                  call.request.version());
}

}  // namespace

void AddAvailabilityRoutes(Router& router, ApiDeps& deps) {
  // Off the I/O threads: a search is CPU work and reads the store.
  router.Add(verb::get, "/v1/salons/{salon}/branches/{branch}/availability",
             Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kReadCalendar);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    return Answer(call, [&](const AvailabilityRequest& req, WorkBudget& budget) {
      return deps.appointments.Availability(*salon, req, budget);
    });
  });
  // The same for a branch's clients, with no key (online booking).
  router.Add(verb::get, "/v1/book/{branch}/availability", Dispatch::kBlocking,
             [&deps](Call& call) {
    return Answer(call, [&](const AvailabilityRequest& req, WorkBudget& budget) {
      return deps.online_booking.Availability(req, budget);
    });
  });
}

}  // namespace salon::http
