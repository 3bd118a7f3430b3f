// Booking: the appointment use cases — availability search, book,
// reschedule, cancel and status changes — on top of the visit planner.
// Writes run inside the caller's write transaction, whose serialisation
// (and the store's own overlap refusal) makes check-then-insert safe.
// Thread-safe; its one state is the cache of busy days its plans read.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/busy_days.h"
#include "app/calendar_versions.h"
#include "app/directory.h"
#include "base/clock.h"
#include "core/availability.h"
#include "core/client.h"
#include "store/store.h"

namespace salon {

struct ItemRequest {
  ServiceId service_id;
  std::optional<StaffId> staff_id;
};

struct BookingRequest {
  BranchId branch_id;
  ClientId client_id;
  Instant start;
  std::vector<ItemRequest> items;  // 1–10
  std::string notes;
  std::string source;
};

struct RescheduleRequest {
  std::optional<Instant> start;
  std::optional<std::vector<ItemRequest>> items;
  std::optional<std::string> notes;
};

struct AvailabilityRequest {
  BranchId branch_id;
  std::vector<ServiceId> service_ids;  // 1–10, done back to back
  LocalDate from;
  int days = 1;                        // 1–31
  std::optional<StaffId> staff_id;
};

// A visit planned on a snapshot, with the row it is stored as, serialised
// where it was planned: the writer only writes it.
struct PlannedVisit {
  Appointment appointment;
  Record row;
};

class Booking {
 public:
  Booking(Directory& directory, CalendarVersions& calendar, IdSource& ids,
          const CacheOptions& caches = {})
      : directory_(directory), calendar_(calendar), ids_(ids), busy_days_(calendar, caches) {}

  // The slots of the days searched before `budget` ran out (all of them,
  // as a rule). kNotFound (branch), kInvalid (unknown service or staff
  // member, days out of range; TooComplex() when not even the first day
  // could be searched within the budget).
  Result<SlotSearch> Availability(ReadTxn& txn, const SalonId& salon,
                                  const AvailabilityRequest& req, Instant now,
                                  WorkBudget& budget);

  // kInvalid (unknown branch/client/service, staff not qualified),
  // kConflict (the time is taken; the detail names the blocker).
  Result<Appointment> Book(WriteTxn& txn, const SalonId& salon,
                           const BookingRequest& req, Instant now);

  // Booking in two steps, so that the serialised writer does as little as
  // possible: Prepare plans the visit on a read snapshot (any thread), the
  // staff's time from the busy days in memory where they are current;
  // Commit, in the write transaction, stores it as planned, reading nothing
  // of the staff's time: if it was taken meanwhile the store refuses the
  // write (kConflict, nothing kept), and the caller books afresh (Book), so
  // the outcome is the same as Book's alone. Prepare also answers the
  // client booked in `client` (read on the way).
  Result<PlannedVisit> Prepare(ReadTxn& txn, const SalonId& salon, const BookingRequest& req,
                               Instant now, Client& client);
  Result<Appointment> Commit(WriteTxn& txn, const PlannedVisit& planned);
  // As Book; kStale when `if_match` is not the current version.
  Result<Appointment> Reschedule(WriteTxn& txn, const SalonId& salon,
                                 const AppointmentId& id, const RescheduleRequest& req,
                                 std::optional<long long> if_match, Instant now);
  // kConflict for an illegal transition, kStale for a stale `if_match`.
  Result<Appointment> ChangeStatus(WriteTxn& txn, const SalonId& salon,
                                   const AppointmentId& id, AppointmentStatus to,
                                   const std::string& reason,
                                   std::optional<long long> if_match, Instant now);

 private:
  // Checks the branch and client of a new booking and starts its appointment.
  Result<Appointment> Start(ReadTxn& txn, const SalonId& salon, const BookingRequest& req,
                            Instant now, Branch& branch, Client& client);
  // Plans the visit of `a` from its start, the staff's time read from
  // `busy_days` where given, else from the store.
  Status Plan(ReadTxn& txn, Appointment& a, const Branch& branch,
              const std::vector<ItemRequest>& items, BusyDays* busy_days = nullptr);
  // Stores the busy time of a planned visit (the caller stores its row),
  // touching the calendar days of `previous` (a reschedule) and of the new
  // placement. A new visit planned from busy_days_ for `planned_staff` (the
  // branch's) is added there too, to each day's next version as it commits.
  Status Persist(WriteTxn& txn, const Appointment& a, const Branch& branch,
                 const Appointment* previous, const std::vector<StaffId>* planned_staff = nullptr);
  // Plan then Persist.
  Result<Appointment> Place(WriteTxn& txn, Appointment a, const Branch& branch,
                            const std::vector<ItemRequest>& items,
                            const Appointment* previous);

  Directory& directory_;
  CalendarVersions& calendar_;
  IdSource& ids_;
  BusyDays busy_days_;
};

// The staff agendas of a branch over local days [first, first + days),
// ignoring the busy time of `except` (the appointment being moved). With
// `within`, only busy time and time off overlapping it are loaded: enough to
// place one visit inside it, and far less to read on a busy day; from
// `busy_days`, where given (which knows no `except`: a new visit's plan).
Result<std::vector<StaffAgenda>> LoadAgendas(Directory& directory, ReadTxn& txn,
                                             const Branch& branch, const TimeZone& zone,
                                             LocalDate first, int days,
                                             const AppointmentId& except = {},
                                             std::optional<Interval> within = std::nullopt,
                                             BusyDays* busy_days = nullptr);

}  // namespace salon
