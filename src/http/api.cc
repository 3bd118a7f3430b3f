#include "http/api.h"

#include <boost/url/parse.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>

#include "http/handlers/routes.h"
#include "http/problem.h"

namespace salon::http {

Api::Api(ApiDeps deps) : deps_(deps), rate_limits_(deps.rate_limit, deps.metrics) {
  AddPlatformRoutes(router_, deps_);
  AddSalonRoutes(router_, deps_);
  AddCatalogRoutes(router_, deps_);
  AddTimeOffRoutes(router_, deps_);
  AddAppointmentRoutes(router_, deps_);
  AddAvailabilityRoutes(router_, deps_);
  AddCalendarRoutes(router_, deps_);
  AddMessagingRoutes(router_, deps_);
  AddSalesRoutes(router_, deps_);
  AddCashUpRoutes(router_, deps_);
  AddReportRoutes(router_, deps_);
  AddPeopleRoutes(router_, deps_);
  AddPageRoutes(router_, deps_);
  AddOnlineBookingRoutes(router_, deps_);
  AddLiveRoutes(router_, deps_);
  id_prefix_ = std::to_string(std::chrono::system_clock::now().time_since_epoch().count() %
                              1000000000) + "-";
}

std::string Api::RequestId(const Request& req) {
  auto it = req.find("X-Request-Id");
  if (it != req.end()) {
    std::string_view v = it->value();
    bool printable = !v.empty() && v.size() <= 128;
    for (char c : v) printable = printable && c > ' ' && c < 127;
    if (printable) return std::string(v);
  }
  return id_prefix_ + std::to_string(next_id_.fetch_add(1, std::memory_order_relaxed));
}

namespace {

// What makes a request's framing unsafe to answer on this connection
// (RFC 9112): an HTTP/1.1 request without Host; a Transfer-Encoding beside a
// Content-Length, or other than chunked (a proxy may frame it otherwise —
// request smuggling). "" when none.
std::string FramingError(const Request& req) {
  if (req.version() == 11 && req.find(beast_http::field::host) == req.end()) {
    return "an HTTP/1.1 request needs a Host header";
  }
  auto te = req.find(beast_http::field::transfer_encoding);
  if (te == req.end()) return "";
  if (req.find(beast_http::field::content_length) != req.end()) {
    return "Transfer-Encoding and Content-Length together";
  }
  std::string coding(te->value());
  std::transform(coding.begin(), coding.end(), coding.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  return coding == "chunked" ? "" : "only the chunked Transfer-Encoding is understood";
}

}  // namespace

Routed Api::Route(const Request& req, std::string_view peer) {
  Routed routed{Call{req, {}, {}, RequestId(req), std::string(peer), {}, nullptr}, nullptr,
                std::nullopt,
                std::chrono::steady_clock::now(), {}};
  if (std::string framing = FramingError(req); !framing.empty()) {
    routed.answer = Problem(beast_http::status::bad_request, framing, req.version());
    routed.answer->keep_alive(false);  // what follows on the connection is unknowable
    return routed;
  }
  auto url = boost::urls::parse_origin_form(req.target());
  if (!url) {
    routed.answer = Problem(beast_http::status::bad_request,
                            "the request target is not a valid URL", req.version());
    return routed;
  }
  // HEAD is GET without the body (RFC 9110 §9.3.2).
  const beast_http::verb method =
      req.method() == beast_http::verb::head ? beast_http::verb::get : req.method();
  Router::Match match = router_.Find(method, url->path());
  if (match.route == nullptr && !match.allow.empty()) {
    routed.answer = Problem(beast_http::status::method_not_allowed,
                            "this resource does not answer " + std::string(req.method_string()),
                            req.version());
    routed.answer->set(beast_http::field::allow, match.allow);
  } else if (match.route == nullptr) {
    routed.answer = Problem(beast_http::status::not_found, "no such resource", req.version());
  } else {
    if (long long wait = rate_limits_.Admit(*match.route, peer,
                                            routed.call.Header(beast_http::field::authorization),
                                            deps_.clock.Now())) {
      routed.answer = Problem(beast_http::status::too_many_requests,
                              "too many requests; retry after " + std::to_string(wait) + " s",
                              req.version());
      routed.answer->set(beast_http::field::retry_after, std::to_string(wait));
      return routed;
    }
    routed.route = match.route;
    routed.call.path = std::move(match.path);
    for (auto param : url->params()) {
      if (!routed.call.query.emplace(param.key, param.value).second) {
        routed.route = nullptr;
        routed.answer = Problem(beast_http::status::bad_request,
                                "the query parameter '" + std::string(param.key) +
                                    "' is given more than once",
                                req.version());
        break;
      }
    }
  }
  return routed;
}

void Api::LogServerError(const Routed& routed, const std::string& method,
                         const std::string& route, int status) {
  const std::string& detail = routed.call.failure.empty() ? "no detail" : routed.call.failure;
  if (status == 500) {  // a defect or a broken store: every one, with what the client is not told
    spdlog::error("request {} {} {} answered 500: {}", routed.call.request_id, method, route,
                  detail);
    return;
  }
  // A dependency down answers every request 503: one line a second says so,
  // with how many more there were, instead of flooding the log.
  const long long now_s = std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::steady_clock::now().time_since_epoch()).count();
  const long long more = unavailable_unlogged_.fetch_add(1);
  long long last = last_unavailable_log_s_.load();
  if (last == now_s || !last_unavailable_log_s_.compare_exchange_strong(last, now_s)) return;
  unavailable_unlogged_.fetch_sub(more + 1);
  spdlog::warn("request {} {} {} answered {}: {} ({} more since the last such line)",
               routed.call.request_id, method, route, status, detail, more);
}

Response Api::Answer(Routed& routed) {
  if (routed.answer) return std::move(*routed.answer);
  RequestStages::Installed stages(&routed.stages);
  try {
    return routed.route->handler(routed.call);
  } catch (const std::exception& e) {
    routed.call.failure = std::string("exception: ") + e.what();
    // Asked to answer later, the reply answers (ReplyLatch: a 500 unless the
    // write was queued already): touch nothing another thread may touch.
    if (routed.call.answered_later) return Response{};
    return Problem(beast_http::status::internal_server_error, "internal error",
                   routed.call.request.version());
  }
}

std::optional<Response> Api::Run(Routed& routed) {
  // Off the I/O thread: how long it waited for a worker.
  routed.stages.Add("queue", std::chrono::steady_clock::now() - routed.started);
  routed.call.memory_only = false;
  Response res = Answer(routed);
  if (routed.call.answered_later) return std::nullopt;
  return Finish(routed, std::move(res));
}

Response Api::Complete(Routed& routed, const std::function<Response()>& make) {
  RequestStages::Installed stages(&routed.stages);
  Response res;
  try {
    res = make();
  } catch (const std::exception& e) {
    if (routed.call.failure.empty()) routed.call.failure = std::string("exception: ") + e.what();
    res = Problem(beast_http::status::internal_server_error, "internal error",
                  routed.call.request.version());
  }
  return Finish(routed, std::move(res));
}

bool Routed::writes() const {
  return dispatch() == Dispatch::kBlockingWrite || !SafeMethod(call.request.method());
}

std::optional<Response> Api::RunInline(Routed& routed) {
  if (routed.dispatch() == Dispatch::kBlocking || routed.dispatch() == Dispatch::kBlockingWrite) {
    return std::nullopt;
  }
  routed.call.memory_only = routed.dispatch() == Dispatch::kMemoryFirst;
  Response res = Answer(routed);
  if (routed.call.deferred) {
    routed.call.deferred = false;
    return std::nullopt;
  }
  return Finish(routed, std::move(res));
}

Response Api::Finish(Routed& routed, Response res) {
  const Request& req = routed.call.request;
  const std::string route_name = routed.route ? routed.route->pattern : "unmatched";
  // Labels take only values from fixed sets: an invented method is "other",
  // a path no route matches is "unmatched" (a client must not mint series).
  const std::string method =
      req.method() == beast_http::verb::unknown ? "other" : std::string(req.method_string());
  if (res.result_int() >= 500) LogServerError(routed, method, route_name, res.result_int());
  const bool writes = method != "GET" && method != "HEAD";
  if (writes && routed.route != nullptr && res.result_int() < 400 &&
      deps_.directory.IsAdmin(routed.call.Header(beast_http::field::authorization))) {
    // The platform's own hand in a salon's data is on record.
    spdlog::info("audit: admin {} {} as {} answered {} request {} from {}", method,
                 std::string(boost::urls::parse_origin_form(req.target())->path()), route_name,
                 res.result_int(), routed.call.request_id, routed.call.peer);
  }
  if (res.result() == beast_http::status::unauthorized) {
    rate_limits_.AuthenticationFailed(routed.call.peer, deps_.clock.Now());
  }
  if (req.method() == beast_http::verb::head) {  // the GET's headers, no body
    const std::size_t length = res.body().size();
    res.body().clear();
    res.content_length(length);
  }
  res.set("X-Request-Id", routed.call.request_id);  // every response, handlers need not
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - routed.started).count();
  deps_.metrics
      .CounterOf("salon_http_requests_total", "HTTP requests answered",
                 "{route=\"" + route_name + "\",method=\"" + method + "\",code=\"" +
                     std::to_string(res.result_int()) + "\"}")
      .Add();
  deps_.metrics
      .HistogramOf("salon_http_request_duration_seconds", "Time to answer a request",
                   "{route=\"" + route_name + "\",method=\"" + method + "\"}")
      .Observe(seconds);
  if (seconds >= deps_.slow_request_seconds) {
    // The route, not the target: a query may carry a token.
    spdlog::warn("slow request {} {} {} took {:.3f}s status {}: {}", routed.call.request_id,
                 method, route_name, seconds, res.result_int(), routed.stages.Summary());
  }
  return res;
}

}  // namespace salon::http
