// GET …/branches/{branch}/events: the branch's live calendar as Server-Sent
// Events (API.md "Live calendar"). `event: calendar` with the changed
// dates and their versions as they commit, in any process; `event: reset`
// when the whole branch changed or what was missed since Last-Event-ID is
// gone; a comment line every 15 s (the server's). The front desk reloads a
// day on its event instead of polling.
#include <charconv>

#include "app/live_calendar.h"
#include "http/handler_kit.h"
#include "http/handlers/routes.h"

namespace salon::http {

namespace json = boost::json;
using beast_http::verb;

namespace {

// One event in the text/event-stream format.
std::string EventText(const CalendarEvent& e) {
  std::string out = "id: " + std::to_string(e.id) + "\n";
  if (e.reset) return out + "event: reset\ndata: {}\n\n";
  json::array dates;
  for (const std::string& d : e.dates) dates.push_back(json::value(d));
  json::object versions;
  for (const auto& [day, v] : e.versions) versions[day] = v;
  return out + "event: calendar\ndata: " +
         json::serialize(json::object{{"dates", std::move(dates)},
                                      {"versions", std::move(versions)}}) +
         "\n\n";
}

class CalendarEvents final : public EventSource {
 public:
  explicit CalendarEvents(std::shared_ptr<LiveCalendar::Subscription> sub) : sub_(std::move(sub)) {}
  void OnReady(std::function<void()> wake) override { sub_->OnReady(std::move(wake)); }
  std::string Take() override {
    std::string out;
    for (const CalendarEvent& e : sub_->Take()) out += EventText(e);
    return out;
  }

 private:
  std::shared_ptr<LiveCalendar::Subscription> sub_;
};

// Last-Event-ID as a number; none when absent or not one.
std::optional<std::uint64_t> LastEventId(const Call& call) {
  std::string_view text = call.Header("Last-Event-ID");
  std::string query;
  if (text.empty()) {
    if (auto q = call.Query("last_event_id")) text = query = *q;
  }
  std::uint64_t id = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
  return id;
}

}  // namespace

void AddLiveRoutes(Router& router, ApiDeps& deps) {
  router.Add(verb::get, "/v1/salons/{salon}/branches/{branch}/events", Dispatch::kBlocking,
             [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kReadCalendar);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto branch = deps.directory.FindBranch(*salon, BranchId{call.Param("branch")});
    if (!branch.ok()) return ErrorResponse(call, branch.status());
    auto sub = deps.live_calendar.Subscribe(branch->id, LastEventId(call));
    if (!sub.ok()) return ErrorResponse(call, sub.status());
    call.events = std::make_shared<CalendarEvents>(std::move(*sub));
    Response res{beast_http::status::ok, call.request.version()};
    res.set(beast_http::field::content_type, "text/event-stream");
    res.set(beast_http::field::cache_control, "no-store");
    res.set("X-Accel-Buffering", "no");  // proxies pass each event at once
    res.body() = "retry: 2000\n\n";     // how soon a browser reconnects
    return res;
  });
}

}  // namespace salon::http
