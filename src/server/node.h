// Node: one salond process's objects, wired together — the store, the use
// cases, the API and the HTTP server. The only place that builds them; main
// (salond), salonctl and the tests all use it. Not copyable; thread-safe
// once constructed.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "app/appointments.h"
#include "app/booking.h"
#include "app/calendar.h"
#include "app/calendar_versions.h"
#include "app/cash_ups.h"
#include "app/catalog.h"
#include "app/directory.h"
#include "app/health.h"
#include "app/live_calendar.h"
#include "app/messages.h"
#include "app/online_booking.h"
#include "app/people.h"
#include "app/reports.h"
#include "app/salons.h"
#include "http/api.h"
#include "messaging/appointment_messages.h"
#include "messaging/campaigns.h"
#include "messaging/dispatcher.h"
#include "messaging/gateway_callbacks.h"
#include "messaging/provider.h"
#include "http/server.h"
#include "ops/metrics.h"
#include "store/store.h"

namespace salon {

struct NodeConfig {
  // Idempotency-Key responses are replayed for at least this long.
  std::chrono::hours keep_responses{48};
  std::string data_dir = "data";   // holds admin.key (and salon.db by default)
  std::string store;               // see store/open_store.h; "" = sqlite:<data_dir>
  int store_pool = 16;             // PostgreSQL connections at most
  int store_writers = 4;           // PostgreSQL write transactions of salons at once
  std::string admin_key;           // required
  bool synchronous = true;         // fsync each commit (off only for CPU benchmarks)
  http::ServerConfig server;
  double rate_limit = 1;  // scales every rate limit (http/rate_limits.h); 0: none
  // Scales every in-memory cache's bounds (entries and bytes; see the
  // kCacheBounds of app/directory.h, app/calendar_versions.h, http/handlers/calendar.cc).
  double cache_scale = 1;
  // A request taking this long logs the stages its time went to.
  double slow_request_seconds = 0.5;
  // "all": serve the API and send messages; "api": only serve; "messaging":
  // serve (callbacks, health, metrics) and send.
  std::string role = "all";
  std::string sms_provider = "file";  // see messaging/open_provider.h
  // The token gateway callbacks carry; "" = a random one (one process only).
  std::string callback_token;
  // The base URL the gateway calls back; "" = http://127.0.0.1:<port>.
  std::string public_url;
  DispatcherConfig dispatcher;
  // The built web pages (web/dist); "" serves none.
  std::string web_dir;
  // Live calendar streams (Server-Sent Events) one process holds at most.
  int max_streams = 10000;
};

class Node {
 public:
  // Opens and migrates the store. Throws StoreError if it cannot.
  Node(NodeConfig config, const Clock& clock, IdSource& ids);
  ~Node();

  // Starts serving; answers the bound port.
  unsigned short Start();
  // Drains the server (see Server::Drain) and stops it. True if every
  // connection closed within `grace`.
  bool Shutdown(std::chrono::seconds grace);
  // Forgets Idempotency-Key responses older than keep_responses; answers how
  // many. Runs hourly on its own thread once started.
  Result<long long> PurgeOldResponses();

  Store& store() { return *store_; }
  // The use cases, for salonctl and the load tool's seeding.
  Catalog& catalog() { return catalog_; }
  Salons& salons() { return salons_; }
  Appointments& appointments() { return appointments_; }
  Sales& sales() { return sales_; }
  CashUps& cash_ups() { return cash_ups_; }
  Reports& reports() { return reports_; }
  People& people() { return people_; }
  Directory& directory() { return directory_; }
  http::Api& api() { return api_; }
  // Null unless this node's role sends messages and it has started.
  Dispatcher* dispatcher() { return dispatcher_.get(); }
  Metrics& metrics() { return metrics_; }

 private:
  NodeConfig config_;
  Metrics metrics_;
  std::unique_ptr<Store> store_;
  Directory directory_;
  CalendarVersions calendar_;
  People people_;
  LiveCalendar live_calendar_;
  // The store's listener thread forgets other processes' changes in the
  // caches above until this is destroyed, before them (and before store_).
  Subscription forgetting_;
  Catalog catalog_;
  Booking booking_;
  std::unique_ptr<Dispatcher> dispatcher_;  // before what wakes it
  AppointmentMessages appointment_messages_;
  Campaigns campaigns_;
  GatewayCallbacks gateway_;
  Deposits deposits_;
  Appointments appointments_;
  Salons salons_;
  Messages messages_;
  Sales sales_;
  CashUps cash_ups_;
  Reports reports_;
  Calendar calendar_days_;
  Health health_;
  OnlineBooking online_booking_;
  std::unique_ptr<SmsProvider> provider_;
  const std::string callback_token_;
  http::Api api_;
  std::unique_ptr<http::Server> server_;
  const Clock& clock_;

  void MaintenanceLoop();
  void WakeDispatcher();
  std::mutex dispatcher_mu_;
  std::mutex maintenance_mu_;
  std::condition_variable maintenance_cv_;
  bool maintenance_stop_ = false;
  std::thread maintenance_;
};

}  // namespace salon
