// What the HTTP handlers are given: the use cases and the ports they need.
// Owned by main (server/), which wires them; handlers hold references.
#pragma once

#include "app/booking.h"
#include "app/calendar_versions.h"
#include "app/catalog.h"
#include "app/directory.h"
#include "base/clock.h"
#include "messaging/appointment_messages.h"
#include "messaging/campaigns.h"
#include "messaging/gateway_callbacks.h"
#include "ops/metrics.h"
#include "store/store.h"

namespace salon::http {

struct ApiDeps {
  Store& store;
  const Clock& clock;
  Directory& directory;
  CalendarVersions& calendar;
  Booking& booking;
  Catalog& catalog;
  Metrics& metrics;
  AppointmentMessages& appointment_messages;
  Campaigns& campaigns;
  GatewayCallbacks& gateway;
  // The secret the gateway's callbacks carry (?token=); "" refuses them all.
  std::string callback_token;
  // Scales the rate limits (rate_limits.h); 0 turns them off.
  double rate_limit = 1;
};

}  // namespace salon::http
