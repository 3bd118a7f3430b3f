// Appointment: one client's visit at a branch, made of items that run back to
// back; each item is one service done by one staff member. Its status moves
// only along the legal transitions below.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/ids.h"
#include "core/interval.h"

namespace salon {

enum class AppointmentStatus {
  kBooked,
  kArrived,
  kInProgress,
  kCompleted,
  kCancelled,
  kNoShow,
};

std::string_view ToString(AppointmentStatus s);
std::optional<AppointmentStatus> ParseAppointmentStatus(std::string_view s);
// booked → arrived → in_progress → completed; booked/arrived → no_show;
// booked/arrived/in_progress → cancelled. Completed, cancelled and no-show
// are final.
bool CanTransition(AppointmentStatus from, AppointmentStatus to);
// A checkout at the till completes a visit that is booked, arrived or in
// progress (the desk may not have marked each step); a void of that sale
// takes it back to arrived.
bool CanCheckOut(AppointmentStatus s);
// Only a cancelled appointment releases its staff's time.
bool HoldsTime(AppointmentStatus s);

struct PhaseSlot {
  Interval span;
  bool busy = true;
  friend bool operator==(const PhaseSlot&, const PhaseSlot&) = default;
};

struct AppointmentItem {
  ServiceId service_id;
  StaffId staff_id;
  Interval span;                  // first phase start to last phase end
  std::vector<PhaseSlot> phases;
  int buffer_minutes = 0;         // the staff member stays busy after `span`
};

struct Appointment {
  AppointmentId id;
  SalonId salon_id;
  BranchId branch_id;
  ClientId client_id;
  AppointmentStatus status = AppointmentStatus::kBooked;
  Interval span;
  std::vector<AppointmentItem> items;
  std::string notes;
  std::string source;
  std::string cancel_reason;
  long long version = 1;
  Instant created_at;
  Instant updated_at;
};

// A staff member's time held by an appointment.
struct StaffBusy {
  StaffId staff_id;
  Interval span;
  friend bool operator==(const StaffBusy&, const StaffBusy&) = default;
};

// Each item's busy phases, the last one extended by the item's buffer.
std::vector<StaffBusy> BusyTime(const std::vector<AppointmentItem>& items);

}  // namespace salon
