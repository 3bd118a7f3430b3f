#include "core/appointment.h"

namespace salon {

std::string_view ToString(AppointmentStatus s) {
  switch (s) {
    case AppointmentStatus::kBooked: return "booked";
    case AppointmentStatus::kArrived: return "arrived";
    case AppointmentStatus::kInProgress: return "in_progress";
    case AppointmentStatus::kCompleted: return "completed";
    case AppointmentStatus::kCancelled: return "cancelled";
    case AppointmentStatus::kNoShow: return "no_show";
  }
  return "booked";
}

std::optional<AppointmentStatus> ParseAppointmentStatus(std::string_view s) {
  for (auto st : {AppointmentStatus::kBooked, AppointmentStatus::kArrived,
                  AppointmentStatus::kInProgress, AppointmentStatus::kCompleted,
                  AppointmentStatus::kCancelled, AppointmentStatus::kNoShow}) {
    if (ToString(st) == s) return st;
  }
  return std::nullopt;
}

bool CanTransition(AppointmentStatus from, AppointmentStatus to) {
  using S = AppointmentStatus;
  switch (from) {
    case S::kBooked:
      return to == S::kArrived || to == S::kInProgress || to == S::kCompleted ||
             to == S::kNoShow || to == S::kCancelled;
    case S::kArrived:
      return to == S::kInProgress || to == S::kCompleted || to == S::kNoShow ||
             to == S::kCancelled;
    case S::kInProgress:
      return to == S::kCompleted || to == S::kCancelled;
    case S::kCompleted:
    case S::kCancelled:
    case S::kNoShow:
      return false;
  }
  return false;
}

bool CanCheckOut(AppointmentStatus s) {
  return s == AppointmentStatus::kBooked || s == AppointmentStatus::kArrived ||
         s == AppointmentStatus::kInProgress;
}

bool HoldsTime(AppointmentStatus s) { return s != AppointmentStatus::kCancelled; }

std::vector<StaffBusy> BusyTime(const std::vector<AppointmentItem>& items) {
  std::vector<StaffBusy> out;
  for (const AppointmentItem& item : items) {
    for (size_t i = 0; i < item.phases.size(); ++i) {
      const PhaseSlot& p = item.phases[i];
      if (!p.busy) continue;
      Interval span = p.span;
      if (i + 1 == item.phases.size()) {
        span.end += std::chrono::minutes(item.buffer_minutes);
      }
      out.push_back({item.staff_id, span});
    }
  }
  return out;
}

}  // namespace salon
