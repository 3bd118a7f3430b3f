// Appointments: the use cases of the front desk and of online booking —
// book, move, cancel and change the status of an appointment, each with the
// messages it sends in the same transaction; read and list appointments;
// search availability. Each owns its transaction. Thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "app/answer.h"
#include "app/answered_write.h"
#include "app/booking.h"
#include "app/deposits.h"
#include "app/page.h"
#include "base/time.h"
#include "core/work_budget.h"

namespace salon {

class AppointmentMessages;
struct DraftedMessages;

// An appointment with the time zone of its branch, in which it is shown.
struct AppointmentView {
  Appointment appointment;
  TimeZone zone;
};

struct AppointmentFilter {
  std::optional<BranchId> branch;
  std::optional<ClientId> client;
  // Only appointments overlapping [from, to).
  std::optional<Instant> from, to;
  PageRequest page;
};

// The slots found, with the branch's time zone to show them in.
struct AvailabilityView {
  SlotSearch found;
  TimeZone zone;
};

class Appointments {
 public:
  Appointments(Store& store, const Clock& clock, Directory& directory, Booking& booking,
               AppointmentMessages& messages, Deposits& deposits)
      : store_(store), clock_(clock), directory_(directory), booking_(booking),
        messages_(messages), deposits_(deposits) {}

  // As Booking::Book, with the confirmation and reminder queued.
  Result<Answer> Book(const SalonId& salon, const BookingRequest& req,
                      const Answering<AppointmentView>& how);
  // Book without waiting for the commit: `then` gets the outcome, on the
  // store's writer or before this returns (WriteAnsweredLater).
  // Whether it is after: AnswersLater, for a request with Idempotency-Key `key`.
  bool BooksLater(const std::string& key) const { return AnswersLater(store_, key); }
  void BookLater(const SalonId& salon, const BookingRequest& req,
                 const Answering<AppointmentView>& how, WrittenThen then);
  // As Booking::Reschedule; the reminder follows the new time.
  Result<Answer> Reschedule(const SalonId& salon, const AppointmentId& id,
                            const RescheduleRequest& req, std::optional<long long> if_match,
                            const Answering<AppointmentView>& how);
  // As Booking::ChangeStatus; cancelling withdraws the reminder and returns
  // a deposit, a no-show keeps it as a fee. With `served_by`, only an
  // appointment that staff member serves may change (else kForbidden).
  Result<Answer> ChangeStatus(const SalonId& salon, const AppointmentId& id,
                              AppointmentStatus to, const std::string& reason,
                              std::optional<long long> if_match,
                              const Answering<AppointmentView>& how,
                              const std::optional<StaffId>& served_by = std::nullopt);

  Result<AppointmentView> Get(const SalonId& salon, const AppointmentId& id);
  Result<Page<AppointmentView>> List(const SalonId& salon, const AppointmentFilter& filter);

  // As Booking::Availability, on a read snapshot.
  Result<AvailabilityView> Availability(const SalonId& salon, const AvailabilityRequest& req,
                                        WorkBudget& budget);

 private:
  // A new visit planned on a snapshot, with its messages drafted there
  // (none when their drafting failed: the write drafts them again).
  struct Planned;
  Planned Plan(const SalonId& salon, const BookingRequest& req, Instant now);
  // `change` (of appointment `id`, "" for a new one) in `txn`, with the
  // messages it sends (those `drafted` for its plan, if given).
  Result<AppointmentView> Change(WriteTxn& txn, const SalonId& salon, const std::string& id,
                                 const std::function<Result<Appointment>(WriteTxn&)>& change,
                                 const DraftedMessages* drafted);
  // Change of a new appointment in a write of its own answered later
  // (WriteAnsweredLater), with the messages drafted in `planned`, if any.
  void WriteLater(const SalonId& salon, const Answering<AppointmentView>& how,
                  std::function<Result<Appointment>(WriteTxn&)> change,
                  std::shared_ptr<const Planned> planned, WrittenThen then);
  // Runs Change in a write of its own.
  Result<Answer> Write(const SalonId& salon, const std::string& id,
                       const Answering<AppointmentView>& how,
                       const std::function<Result<Appointment>(WriteTxn&)>& change);

  Store& store_;
  const Clock& clock_;
  Directory& directory_;
  Booking& booking_;
  AppointmentMessages& messages_;
  Deposits& deposits_;
};

}  // namespace salon
