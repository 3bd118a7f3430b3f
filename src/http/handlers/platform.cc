// /healthz, /readyz, /metrics and /v1/openapi.json.
#include "http/handler_kit.h"
#include "http/handlers/routes.h"
#include "http/openapi.h"
#include "ops/process_stats.h"

namespace salon::http {

using beast_http::verb;

namespace {

Response Text(const Call& call, beast_http::status status, std::string body,
              const char* type = "text/plain; charset=utf-8") {
  Response res{status, call.request.version()};
  res.set(beast_http::field::content_type, type);
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

}  // namespace

void AddPlatformRoutes(Router& router, ApiDeps& deps) {
  router.Add(verb::get, "/healthz", Dispatch::kInline, [](Call& call) {
    return Text(call, beast_http::status::ok, "ok\n");
  });
  router.Add(verb::get, "/readyz", Dispatch::kInline, [&deps](Call& call) {
    Status s = deps.store.Ready();
    if (!s.ok()) {
      return ErrorResponse(call, Status::Unavailable("not ready: " + s.message()));
    }
    return Text(call, beast_http::status::ok, "ready\n");
  });
  Gauge& resident = deps.metrics.GaugeOf("process_resident_memory_bytes",
                                         "Resident memory of salond");
  router.Add(verb::get, "/metrics", Dispatch::kInline, [&deps, &resident](Call& call) {
    resident.Set(ResidentBytes());
    return Text(call, beast_http::status::ok, deps.metrics.Render(),
                "text/plain; version=0.0.4; charset=utf-8");
  });
  router.Add(verb::get, "/v1/openapi.json", Dispatch::kInline, [](Call& call) {
    return Text(call, beast_http::status::ok, std::string(OpenApiDocument()),
                "application/json; charset=utf-8");
  });
}

}  // namespace salon::http
