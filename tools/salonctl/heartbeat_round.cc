#include "tools/salonctl/heartbeat_round.h"

#include <boost/json.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <fmt/format.h>

#include <random>

#include "base/time.h"

namespace salon {

namespace json = boost::json;
using Steady = std::chrono::steady_clock;

namespace {

std::string Encode(std::string_view s) {
  return boost::urls::encode(s, boost::urls::unreserved_chars);
}

json::value ParseJson(const std::string& body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  return ec ? json::value() : v;
}

std::string Str(const json::value& v, std::string_view key) {
  const auto* o = v.if_object();
  const json::value* field = o ? o->if_contains(key) : nullptr;
  return field && field->is_string() ? std::string(field->as_string()) : "";
}

// A copy, so that it may outlive `v` (often a temporary).
json::array Array(const json::value& v, std::string_view key) {
  const auto* o = v.if_object();
  const json::value* field = o ? o->if_contains(key) : nullptr;
  return field && field->is_array() ? field->as_array() : json::array();
}

// The start of a problem+json answer's detail (or of the body), for errors.
std::string Brief(const std::string& body) {
  json::value v = ParseJson(body);
  std::string text = Str(v, "detail");
  if (text.empty()) text = Str(v, "title");
  if (text.empty()) text = body;
  return text.size() > 200 ? text.substr(0, 200) + "…" : text;
}

bool SameInstant(const std::string& a, const std::string& b) {
  auto x = ParseInstant(a), y = ParseInstant(b);
  return x.ok() && y.ok() && *x == *y;
}

std::string RandomHex() {
  std::random_device rd;
  return fmt::format("{:08x}{:08x}", rd(), rd());
}

}  // namespace

Result<HttpUrl> SalonUrl(const HeartbeatTarget& target) {
  SALON_ASSIGN_OR_RETURN(HttpUrl url, HttpUrl::Parse(target.url));
  std::string path = url.target.substr(0, url.target.find('?'));
  while (!path.empty() && path.back() == '/') path.pop_back();
  const std::string marker = "/v1/salons/";
  const size_t at = path.rfind(marker);
  if (at != std::string::npos && path.find('/', at + marker.size()) == std::string::npos &&
      at + marker.size() < path.size()) {
    if (!target.salon.empty() && path.substr(at + marker.size()) != target.salon) {
      return Status::Invalid("--url names salon " + path.substr(at + marker.size()) +
                             ", --salon " + target.salon);
    }
    url.target = path;
  } else if (!target.salon.empty()) {
    url.target = path + marker + Encode(target.salon);
  } else {
    return Status::Invalid("no salon: give --url …/v1/salons/<id>, or --salon <id>");
  }
  return url;
}

// The requests of one round, each timed and recorded as a step.
class HeartbeatRound::Steps {
 public:
  Steps(HeartbeatRound& round, RoundResult& result)
      : round_(round),
        result_(result),
        base_(round.salon_url_->target),
        id_prefix_(fmt::format("heartbeat-{}-{}-", UnixSeconds(result.time), round.rounds_)) {}

  // Sends one request as `step`; an error "<step>: …" unless the answer
  // has status `want`.
  Result<HttpAnswer> Call(std::string_view step, std::string_view method,
                          const std::string& path, HttpHeaders headers = {},
                          const std::string& body = "", int want = 200) {
    StepResult& s = result_.steps.emplace_back();
    s.step = std::string(step);
    s.request_id = id_prefix_ + s.step;
    headers.emplace_back("Authorization", "Bearer " + round_.target_.key);
    headers.emplace_back("X-Request-Id", s.request_id);
    const auto t0 = Steady::now();
    auto answer = round_.http_->Send(method, base_ + path, headers, body);
    s.ms = std::chrono::duration<double, std::milli>(Steady::now() - t0).count();
    if (!answer.ok()) return Status::Unavailable(s.step + ": " + answer.status().message());
    s.status = answer->status;
    if (answer->status != want) {
      return Status::Unavailable(fmt::format("{}: HTTP {} (expected {}): {}", s.step,
                                             answer->status, want, Brief(answer->body)));
    }
    return answer;
  }

  static Status Fail(std::string_view step, const std::string& why) {
    return Status::Unavailable(std::string(step) + ": " + why);
  }

  Status Run() {
    const HeartbeatTarget& t = round_.target_;
    const std::string branch = "/branches/" + Encode(t.branch);
    // Tomorrow by UTC: never earlier than the branch's today, in any zone.
    const std::string tomorrow =
        FormatDate(LocalDate(date::floor<date::days>(result_.time).time_since_epoch()) +
                   date::days(1));

    // The first free slot from tomorrow.
    SALON_ASSIGN_OR_RETURN(HttpAnswer search,
                           Call("availability", "GET",
                                branch + "/availability?service_ids=" + Encode(t.service) +
                                    "&from=" + tomorrow + "&days=7"));
    const json::array slots = Array(ParseJson(search.body), "slots");
    if (slots.empty()) return Fail("availability", "no free slot in the 7 days from " + tomorrow);
    const std::string start = Str(slots[0], "start");
    const json::array staff_ids = Array(slots[0], "staff_ids");
    if (start.size() < 10 || staff_ids.empty() || !staff_ids[0].is_string()) {
      return Fail("availability", "a slot without start or staff: " + json::serialize(slots[0]));
    }
    const std::string staff(staff_ids[0].as_string());
    const std::string day = start.substr(0, 10);  // local time with its offset: the local day
    const std::string calendar = branch + "/calendar?date=" + day;

    SALON_ASSIGN_OR_RETURN(HttpAnswer before, Call("calendar_before", "GET", calendar));
    const std::string etag_before = before.Header("ETag");
    if (etag_before.empty()) return Fail("calendar_before", "no ETag");

    // Book it.
    const std::string key = "heartbeat-" + std::to_string(UnixSeconds(result_.time)) + "-" +
                            RandomHex();
    const std::string booking = json::serialize(json::object{
        {"branch_id", t.branch},
        {"client_id", t.client},
        {"start", start},
        {"items", json::array{json::object{{"service_id", t.service}, {"staff_id", staff}}}},
        {"notes", "salonctl heartbeat: booked and cancelled at once"},
        {"source", "heartbeat"}});
    auto booked = Call("book", "POST", "/appointments", {{"Idempotency-Key", key}}, booking, 201);
    if (!booked.ok()) {
      // No answer, or a server error: it may have been made all the same.
      const int status = result_.steps.back().status;
      if (status == 0 || status >= 500) round_.unsettled_ = Unsettled{key, booking, ""};
      return booked.status();
    }
    appointment_ = Str(ParseJson(booked->body), "id");
    if (appointment_.empty()) return Fail("book", "no id in " + Brief(booked->body));

    // The front desk sees it: a new ETag, and the appointment in the day.
    auto after = Call("calendar", "GET", calendar, {{"If-None-Match", etag_before}});
    if (!after.ok()) {
      if (result_.steps.back().status == 304) {
        return Fail("calendar", "the ETag did not change after the booking (304 for " +
                                    etag_before + ")");
      }
      return after.status();
    }
    if (after->Header("ETag").empty() || after->Header("ETag") == etag_before) {
      return Fail("calendar", "the same ETag after the booking: " + etag_before);
    }
    bool found = false;
    for (const json::value& a : Array(ParseJson(after->body), "appointments")) {
      found = found || (Str(a, "id") == appointment_ && Str(a, "status") == "booked");
    }
    if (!found) return Fail("calendar", "appointment " + appointment_ + " not booked on " + day);

    SALON_ASSIGN_OR_RETURN(HttpAnswer cancelled,
                           Call("cancel", "POST", "/appointments/" + Encode(appointment_) +
                                                      "/cancel",
                                {}, R"({"reason":"heartbeat"})", 200));
    if (Str(ParseJson(cancelled.body), "status") != "cancelled") {
      return Fail("cancel", "not cancelled: " + Brief(cancelled.body));
    }
    appointment_.clear();

    // The slot is free again for the same staff member.
    SALON_ASSIGN_OR_RETURN(HttpAnswer again,
                           Call("availability_after", "GET",
                                branch + "/availability?service_ids=" + Encode(t.service) +
                                    "&from=" + day + "&days=1&staff_id=" + Encode(staff)));
    for (const json::value& slot : Array(ParseJson(again.body), "slots")) {
      if (SameInstant(Str(slot, "start"), start)) return Status::Ok();
    }
    return Fail("availability_after", "the slot " + start + " is not free after the cancel");
  }

  // The appointment booked and not yet cancelled, if any.
  const std::string& appointment() const { return appointment_; }

 private:
  HeartbeatRound& round_;
  RoundResult& result_;
  const std::string base_;
  const std::string id_prefix_;
  std::string appointment_;
};

HeartbeatRound::HeartbeatRound(HeartbeatTarget target, const Clock& clock)
    : target_(std::move(target)), clock_(clock), salon_url_(SalonUrl(target_)) {
  if (salon_url_.ok()) http_.emplace(*salon_url_, target_.timeout);
}

Status HeartbeatRound::Resolve(RoundResult& result) {
  Steps steps(*this, result);
  if (target_.service.empty()) {
    SALON_ASSIGN_OR_RETURN(HttpAnswer services, steps.Call("find_service", "GET",
                                                           "/services?limit=1"));
    const json::array items = Array(ParseJson(services.body), "items");
    if (items.empty()) return Steps::Fail("find_service", "the salon has no service");
    target_.service = Str(items[0], "id");
  }
  if (target_.client.empty()) {
    SALON_ASSIGN_OR_RETURN(HttpAnswer clients,
                           steps.Call("find_client", "GET",
                                      "/clients?limit=1&query=" + Encode(kCanaryEmail)));
    const json::array items = Array(ParseJson(clients.body), "items");
    if (!items.empty()) {
      target_.client = Str(items[0], "id");
    } else {
      // The same Idempotency-Key everywhere: two heartbeats make one canary.
      const std::string body = json::serialize(json::object{{"first_name", "Heartbeat"},
                                                            {"last_name", "Canary"},
                                                            {"phone", "+353800000000"},
                                                            {"email", kCanaryEmail},
                                                            {"sms_reminders", false},
                                                            {"sms_marketing", false}});
      SALON_ASSIGN_OR_RETURN(HttpAnswer made,
                             steps.Call("create_client", "POST", "/clients",
                                        {{"Idempotency-Key", "heartbeat-canary-client"}}, body,
                                        201));
      target_.client = Str(ParseJson(made.body), "id");
    }
  }
  return Status::Ok();
}

void HeartbeatRound::Settle() {
  if (!unsettled_) return;
  RoundResult scratch;  // not part of the round's steps
  scratch.time = clock_.Now();
  Steps steps(*this, scratch);
  if (unsettled_->appointment.empty()) {
    auto replay = steps.Call("settle_book", "POST", "/appointments",
                             {{"Idempotency-Key", unsettled_->idempotency_key}},
                             unsettled_->body, 201);
    const int status = scratch.steps.back().status;
    if (!replay.ok()) {
      // 4xx: it was never made (a replay answers as the first time did).
      if (status >= 400 && status < 500) unsettled_.reset();
      return;
    }
    unsettled_->appointment = Str(ParseJson(replay->body), "id");
  }
  auto cancel = steps.Call("settle_cancel", "POST",
                           "/appointments/" + Encode(unsettled_->appointment) + "/cancel", {},
                           R"({"reason":"heartbeat"})", 200);
  const int status = scratch.steps.back().status;
  if (cancel.ok() || status == 404 || status == 409) unsettled_.reset();  // 409: cancelled already
}

RoundResult HeartbeatRound::Run() {
  RoundResult result;
  result.time = clock_.Now();
  ++rounds_;
  const auto t0 = Steady::now();
  Status s = Status::Ok();
  try {
    if (!salon_url_.ok()) {
      s = Steps::Fail("setup", salon_url_.status().message());
    } else {
      Settle();
      s = Resolve(result);
      if (s.ok()) {
        Steps steps(*this, result);
        s = steps.Run();
        if (!steps.appointment().empty()) {
          // Failed after booking: cancel it now, or next round.
          unsettled_ = Unsettled{"", "", steps.appointment()};
          Settle();
          s = Status::Unavailable(s.message() + (unsettled_ ? "; its booking is not cancelled yet"
                                                            : "; its booking was cancelled"));
        }
      }
    }
  } catch (const std::exception& e) {
    s = Status::Internal(std::string("heartbeat: ") + e.what());
  }
  result.ok = s.ok();
  result.error = s.ok() ? "" : s.message();
  result.ms = std::chrono::duration<double, std::milli>(Steady::now() - t0).count();
  return result;
}

}  // namespace salon
