#include "http/api.h"

#include <boost/url/parse.hpp>
#include <spdlog/spdlog.h>

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

Routed Api::Route(const Request& req, std::string_view peer) {
  Routed routed{Call{req, {}, {}, RequestId(req), std::string(peer), nullptr}, nullptr, std::nullopt,
                std::chrono::steady_clock::now()};
  auto url = boost::urls::parse_origin_form(req.target());
  if (!url) {
    routed.answer = Problem(beast_http::status::bad_request,
                            "the request target is not a valid URL", req.version());
    return routed;
  }
  Router::Match match = router_.Find(req.method(), url->path());
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
    for (auto param : url->params()) routed.call.query[param.key] = param.value;
  }
  return routed;
}

Response Api::Run(Routed& routed) {
  const Request& req = routed.call.request;
  const std::string route_name = routed.route ? routed.route->pattern : "unmatched";
  // Labels take only values from fixed sets: an invented method is "other",
  // a path no route matches is "unmatched" (a client must not mint series).
  const std::string method =
      req.method() == beast_http::verb::unknown ? "other" : std::string(req.method_string());
  Response res;
  if (routed.answer) {
    res = std::move(*routed.answer);
  } else {
    try {
      res = routed.route->handler(routed.call);
    } catch (const std::exception& e) {
      spdlog::error("request {} {} {} failed: {}", routed.call.request_id, method, route_name,
                    e.what());
      res = Problem(beast_http::status::internal_server_error, "internal error",
                    req.version());
    }
  }
  if (res.result() == beast_http::status::unauthorized) {
    rate_limits_.AuthenticationFailed(routed.call.peer, deps_.clock.Now());
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
  if (seconds > 0.5) {
    // The route, not the target: a query may carry a token.
    spdlog::warn("slow request {} {} {} took {:.3f}s status {}", routed.call.request_id,
                 method, route_name, seconds, res.result_int());
  }
  return res;
}

}  // namespace salon::http
