// What the HTTP handlers are given: the use cases (app/) and what they need
// beside them. Owned by main (server/), which wires them; handlers hold
// references. No store: every read and write goes through a use case.
#pragma once

#include "app/appointments.h"
#include "app/calendar.h"
#include "app/cash_ups.h"
#include "app/calendar_versions.h"
#include "app/catalog.h"
#include "app/directory.h"
#include "app/health.h"
#include "app/live_calendar.h"
#include "app/messages.h"
#include "app/online_booking.h"
#include "app/people.h"
#include "app/reports.h"
#include "app/salons.h"
#include "app/sales.h"
#include "base/clock.h"
#include "messaging/gateway_callbacks.h"
#include "ops/metrics.h"

namespace salon::http {

struct ApiDeps {
  const Clock& clock;
  Directory& directory;
  CalendarVersions& calendar_versions;
  Calendar& calendar;
  Appointments& appointments;
  Catalog& catalog;
  Salons& salons;
  Messages& messages;
  Sales& sales;
  Health& health;
  Metrics& metrics;
  GatewayCallbacks& gateway;
  // The secret the gateway's callbacks carry (?token=); "" refuses them all.
  std::string callback_token;
  // Scales the rate limits (rate_limits.h); 0 turns them off.
  double rate_limit = 1;
  // Scales the handlers' caches' bounds (the calendar's rendered bodies).
  double cache_scale = 1;
  // A request taking this long logs its stages (base/request_stages.h).
  double slow_request_seconds = 0.5;
  // The till's end of day: cash-ups and reports.
  CashUps& cash_ups;
  Reports& reports;
  // Users, sign-in and sessions.
  People& people;
  // The built web pages (http/web_assets.h); "" serves none.
  std::string web_dir;
  // What clients do themselves: /v1/book/….
  OnlineBooking& online_booking;
  // Committed calendar changes, for the live streams.
  LiveCalendar& live_calendar;
};

}  // namespace salon::http
