// /healthz, /readyz, /metrics and /v1/openapi.json.
#include "http/handler_kit.h"
#include "http/handlers/routes.h"
#include "http/openapi.h"
#include "ops/build_info.h"
#include "ops/process_stats.h"

namespace salon::http {

using beast_http::verb;


void AddPlatformRoutes(Router& router, ApiDeps& deps) {
  router.Add(verb::get, "/healthz", Dispatch::kInline, [](Call& call) {
    return TextResponse(call, beast_http::status::ok, "ok\n");
  });
  router.Add(verb::get, "/readyz", Dispatch::kBlocking, [&deps](Call& call) {
    Status s = deps.health.Ready();
    if (!s.ok()) {
      return ErrorResponse(call, Status::Unavailable("not ready: " + s.message()));
    }
    return TextResponse(call, beast_http::status::ok, "ready\n");
  });
  Gauge& resident = deps.metrics.GaugeOf("process_resident_memory_bytes",
                                         "Resident memory of salond");
  Gauge& open_fds = deps.metrics.GaugeOf("process_open_fds", "File descriptors salond has open");
  Gauge& max_fds = deps.metrics.GaugeOf("process_max_fds",
                                        "File descriptors salond may open at most (soft limit)");
  Gauge& threads = deps.metrics.GaugeOf("process_threads", "Threads of salond");
  // The version is CMake's and the commit git's hex (or "unknown"): fixed at
  // build time, nothing to escape.
  deps.metrics
      .GaugeOf("salon_build_info", "1, labelled with the version and commit salond was built from",
               "{version=\"" + std::string(BuildVersion()) + "\",commit=\"" +
                   std::string(BuildCommit()) + "\"}")
      .Set(1);
  Gauge& backlog = deps.metrics.GaugeOf(
      "salon_outbox_backlog_messages",
      "Messages due and not yet handed to the SMS gateway, of every salon");
  Gauge& lag = deps.metrics.GaugeOf(
      "salon_outbox_lag_seconds", "How long the oldest message of the backlog has been due");
  Gauge& ready = deps.metrics.GaugeOf("salon_ready", "1 while /readyz answers 200, else 0");
  Gauge& store_up = deps.metrics.GaugeOf(
      "salon_store_up", "1 when this scrape's read of the store succeeded, else 0");
  // Reads the store (the outbox), so not on an I/O thread.
  router.Add(verb::get, "/metrics", Dispatch::kBlocking,
             [&deps, &resident, &open_fds, &max_fds, &threads, &backlog, &lag, &ready,
              &store_up](Call& call) {
    resident.Set(ResidentBytes());
    open_fds.Set(OpenFds());
    max_fds.Set(MaxFds());
    threads.Set(Threads());
    ready.Set(deps.health.Ready().ok() ? 1 : 0);
    const Instant now = deps.clock.Now();
    auto outbox = deps.health.Backlog(now);
    store_up.Set(outbox.ok() ? 1 : 0);
    if (outbox.ok()) {  // else the store's own error shows in /readyz
      backlog.Set(double(outbox->messages));
      lag.Set(outbox->messages ? double(UnixSeconds(now) - outbox->oldest_due) : 0.0);
    }
    return TextResponse(call, beast_http::status::ok, deps.metrics.Render(),
                "text/plain; version=0.0.4; charset=utf-8");
  });
  router.Add(verb::get, "/v1/openapi.json", Dispatch::kInline, [](Call& call) {
    return TextResponse(call, beast_http::status::ok, std::string(OpenApiDocument()),
                "application/json; charset=utf-8");
  });
}

}  // namespace salon::http
