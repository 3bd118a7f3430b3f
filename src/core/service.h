// Service: something a salon sells by time, made of phases. During a phase
// that is not busy (colour processing) the staff member may serve another
// client while this client's chair stays taken. A buffer after the service
// keeps the staff member busy (cleaning up) but not the client.
#pragma once

#include <string>
#include <vector>

#include "base/ids.h"
#include "base/money.h"
#include "base/status.h"

namespace salon {

struct Phase {
  int minutes = 0;
  bool busy = true;
  friend bool operator==(const Phase&, const Phase&) = default;
};

struct Service {
  ServiceId id;
  SalonId salon_id;
  std::string name;
  std::string category;
  Money price;
  std::vector<Phase> phases;
  int buffer_minutes = 0;
  long long version = 1;
  bool archived = false;
  int tax_rate_bp = 0;  // basis points: 2300 = 23 %


  int DurationMinutes() const;
};

// Phases: 1–20, each 1–720 minutes, at least one busy, starting and ending
// busy; buffer 0–240 minutes; tax rate 0–10000 basis points.
Status ValidateService(const Service& service);

}  // namespace salon
