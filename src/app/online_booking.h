// OnlineBooking: what a salon's clients do themselves, with no key, at a
// branch that takes bookings online — see its page, search free times, book
// (matched to a client of the salon by phone, or made one), and view or
// cancel their booking through its manage link. Nothing else of the salon is
// reachable: the pages show a branch's name, bookable services and staff's
// first names. A manage link is `<salon>.<appointment>.<mac>`, an HMAC of the
// two ids under a key derived from the platform's admin key: nothing to
// store, the same link for a retried request, and every link ends when the
// admin key changes. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/answer.h"
#include "app/appointments.h"
#include "app/catalog.h"
#include "app/directory.h"

namespace salon {

// A branch's public face.
struct BookingPage {
  Branch branch;
  std::vector<Service> services;  // offered by someone at the branch
  std::vector<Staff> staff;
};

// POST /v1/book/{branch}/appointments.
struct PublicBookingRequest {
  std::vector<ServiceId> service_ids;  // 1–10, back to back
  std::optional<StaffId> staff_id;     // none: anyone
  Instant start;
  std::string first_name, last_name, phone, email;
  bool sms_reminders = false;
};

// A client's own booking, as its manage link shows it.
struct ManagedBooking {
  Appointment appointment;
  Branch branch;
  std::vector<std::string> service_names;
  bool can_cancel = false;  // booked and not begun
  std::string token;        // of the manage link
};

class OnlineBooking {
 public:
  OnlineBooking(Directory& directory, Catalog& catalog, Appointments& appointments,
                Store& store, const Clock& clock, const std::string& admin_key);

  Result<BookingPage> Page(const BranchId& branch);
  // The free times, as Appointments::Availability, of a branch's services.
  Result<AvailabilityView> Availability(const AvailabilityRequest& req, WorkBudget& budget);
  // Books as the salon's front desk would (source "online"; the usual
  // confirmation is sent).
  Result<Answer> Book(const BranchId& branch, const PublicBookingRequest& req,
                      const Answering<ManagedBooking>& how);
  // The manage link's token of the branch's appointment `id` (for a
  // replayed booking, whose stored answer keeps no link).
  Result<std::string> LinkOf(const BranchId& branch, const AppointmentId& id);
  // kNotFound for a link that names nothing (or was made under another key).
  Result<ManagedBooking> Manage(const std::string& token);
  // kConflict once the visit can no longer be cancelled online.
  Result<ManagedBooking> Cancel(const std::string& token);

 private:
  struct Link {
    SalonId salon;
    AppointmentId appointment;
  };
  std::string TokenOf(const SalonId& salon, const AppointmentId& id) const;
  std::optional<Link> Verify(const std::string& token) const;
  // The booking `a` as its link shows it (Describe, after reading what it names).
  Result<ManagedBooking> Managed(const SalonId& salon, const Appointment& a);
  ManagedBooking Describe(const Appointment& a, const Branch& branch,
                          std::vector<std::string> service_names) const;
  Result<std::vector<std::string>> ServiceNames(const SalonId& salon,
                                                const std::vector<ServiceId>& services);
  // The client of `req`'s phone at `salon`, made when there is none.
  Result<ClientId> ClientFor(const SalonId& salon, const PublicBookingRequest& req);

  Directory& directory_;
  Catalog& catalog_;
  Appointments& appointments_;
  Store& store_;
  const Clock& clock_;
  const std::string link_key_;
};

}  // namespace salon
