// What the HTTP handlers are given: the use cases and the ports they need.
// Owned by main (server/), which wires them; handlers hold references.
#pragma once

#include "app/booking.h"
#include "app/calendar_versions.h"
#include "app/catalog.h"
#include "app/directory.h"
#include "base/clock.h"
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
};

}  // namespace salon::http
