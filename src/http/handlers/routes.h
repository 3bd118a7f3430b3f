// Each resource's routes, registered on the API's router. One file each.
#pragma once

#include "http/api_deps.h"
#include "http/router.h"

namespace salon::http {

void AddPlatformRoutes(Router& router, ApiDeps& deps);
void AddSalonRoutes(Router& router, ApiDeps& deps);
void AddCatalogRoutes(Router& router, ApiDeps& deps);
void AddTimeOffRoutes(Router& router, ApiDeps& deps);
void AddAppointmentRoutes(Router& router, ApiDeps& deps);
void AddAvailabilityRoutes(Router& router, ApiDeps& deps);
void AddCalendarRoutes(Router& router, ApiDeps& deps);
void AddMessagingRoutes(Router& router, ApiDeps& deps);
void AddSalesRoutes(Router& router, ApiDeps& deps);
void AddCashUpRoutes(Router& router, ApiDeps& deps);
void AddPeopleRoutes(Router& router, ApiDeps& deps);
void AddPageRoutes(Router& router, ApiDeps& deps);
void AddOnlineBookingRoutes(Router& router, ApiDeps& deps);
void AddLiveRoutes(Router& router, ApiDeps& deps);
void AddReportRoutes(Router& router, ApiDeps& deps);

}  // namespace salon::http
