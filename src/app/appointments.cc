#include "app/appointments.h"

#include <algorithm>

#include "app/answered_write.h"
#include "app/records.h"
#include "messaging/appointment_messages.h"

namespace salon {

namespace {

Result<AppointmentView> View(Directory& directory, ReadTxn& txn, Appointment a) {
  SALON_ASSIGN_OR_RETURN(Branch branch, directory.FindBranch(txn, a.salon_id, a.branch_id));
  SALON_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(branch.timezone));
  return AppointmentView{std::move(a), zone};
}

}  // namespace

Result<AppointmentView> Appointments::Change(
    WriteTxn& txn, const SalonId& salon, const std::string& id,
    const std::function<Result<Appointment>(WriteTxn&)>& change, const DraftedMessages* drafted) {
  std::optional<Appointment> before;
  if (!id.empty()) {
    SALON_ASSIGN_OR_RETURN(before, Load<Appointment>(txn, salon, id));
  }
  SALON_ASSIGN_OR_RETURN(Appointment after, change(txn));
  SALON_RETURN_IF_ERROR(
      messages_.Changed(txn, before ? &*before : nullptr, after, clock_.Now(), drafted));
  return View(directory_, txn, std::move(after));
}

Result<Answer> Appointments::Write(const SalonId& salon, const std::string& id,
                                   const Answering<AppointmentView>& how,
                                   const std::function<Result<Appointment>(WriteTxn&)>& change) {
  return WriteAnswered(store_, clock_, salon, how,
                       [&](WriteTxn& txn) { return Change(txn, salon, id, change, nullptr); });
}

struct Appointments::Planned {
  Result<PlannedVisit> visit;
  std::optional<DraftedMessages> drafted;
};

// Planned, and its messages written, on a snapshot, in parallel; the writer
// only stores them. When the plan failed, or the store refuses it because
// its time was taken meanwhile (nothing kept), the writer books afresh
// under the salon's lock.
Appointments::Planned Appointments::Plan(const SalonId& salon, const BookingRequest& req,
                                         Instant now) {
  Planned planned{Status::Internal("not planned"), std::nullopt};
  planned.visit = ReadResult(store_, [&](ReadTxn& txn) -> Result<PlannedVisit> {
    Client client;
    SALON_ASSIGN_OR_RETURN(PlannedVisit visit, booking_.Prepare(txn, salon, req, now, client));
    if (auto d = messages_.Draft(txn, visit.appointment, client, now); d.ok()) {
      planned.drafted = std::move(*d);
    }
    return visit;
  });
  return planned;
}

Result<Answer> Appointments::Book(const SalonId& salon, const BookingRequest& req,
                                  const Answering<AppointmentView>& how) {
  WrittenWait written;
  BookLater(salon, req, how, written.Then());
  return written.Wait().answer();
}

void Appointments::WriteLater(const SalonId& salon, const Answering<AppointmentView>& how,
                              std::function<Result<Appointment>(WriteTxn&)> change,
                              std::shared_ptr<const Planned> planned, WrittenThen then) {
  WriteAnsweredLater(
      store_, clock_, salon, how,
      [this, salon, change = std::move(change), planned = std::move(planned)](WriteTxn& txn) {
        const DraftedMessages* drafted = planned && planned->drafted ? &*planned->drafted : nullptr;
        return Change(txn, salon, "", change, drafted);
      },
      std::move(then));
}

void Appointments::BookLater(const SalonId& salon, const BookingRequest& req,
                             const Answering<AppointmentView>& how, WrittenThen then) {
  const Instant now = clock_.Now();
  auto planned = std::make_shared<const Planned>(Plan(salon, req, now));
  auto afresh = [this, salon, req, now, how](WrittenThen then) {
    WriteLater(
        salon, how,
        [this, salon, req, now](WriteTxn& t) { return booking_.Book(t, salon, req, now); }, nullptr,
        std::move(then));
  };
  if (!planned->visit.ok()) return afresh(std::move(then));
  WriteLater(
      salon, how, [this, planned](WriteTxn& t) { return booking_.Commit(t, *planned->visit); },
      planned,
      [afresh, then](Written written) mutable {
        if (written.status.code() != Code::kConflict) return then(std::move(written));
        afresh(std::move(then));
      });
}

Result<Answer> Appointments::Reschedule(const SalonId& salon, const AppointmentId& id,
                                        const RescheduleRequest& req,
                                        std::optional<long long> if_match,
                                        const Answering<AppointmentView>& how) {
  return Write(salon, id.value, how, [&](WriteTxn& txn) {
    return booking_.Reschedule(txn, salon, id, req, if_match, clock_.Now());
  });
}

Result<Answer> Appointments::ChangeStatus(const SalonId& salon, const AppointmentId& id,
                                          AppointmentStatus to, const std::string& reason,
                                          std::optional<long long> if_match,
                                          const Answering<AppointmentView>& how,
                                          const std::optional<StaffId>& served_by) {
  return Write(salon, id.value, how, [&](WriteTxn& txn) -> Result<Appointment> {
    const Instant now = clock_.Now();
    if (served_by) {
      SALON_ASSIGN_OR_RETURN(Appointment current, Load<Appointment>(txn, salon, id.value));
      const bool serves = std::any_of(current.items.begin(), current.items.end(),
                                      [&](const AppointmentItem& item) {
                                        return item.staff_id == *served_by;
                                      });
      if (!serves) return Status::Forbidden("a stylist changes only their own appointments");
    }
    SALON_ASSIGN_OR_RETURN(Appointment a,
                           booking_.ChangeStatus(txn, salon, id, to, reason, if_match, now));
    SALON_RETURN_IF_ERROR(deposits_.OnStatus(txn, a, now));
    return a;
  });
}

Result<AppointmentView> Appointments::Get(const SalonId& salon, const AppointmentId& id) {
  return ReadResult(store_, [&](ReadTxn& txn) -> Result<AppointmentView> {
    SALON_ASSIGN_OR_RETURN(Appointment a, Load<Appointment>(txn, salon, id.value));
    return View(directory_, txn, std::move(a));
  });
}

Result<Page<AppointmentView>> Appointments::List(const SalonId& salon,
                                                 const AppointmentFilter& filter) {
  ListQuery q = PageQuery(salon, filter.page);
  if (filter.branch) q.parent_ids = {filter.branch->value};
  if (filter.client) q.client_id = *filter.client;
  if (filter.from || filter.to) {
    q.overlap = {filter.from ? UnixSeconds(*filter.from) : 0,
                 filter.to ? UnixSeconds(*filter.to) : std::numeric_limits<long long>::max()};
  }
  return ReadResult(store_, [&](ReadTxn& txn) -> Result<Page<AppointmentView>> {
    SALON_ASSIGN_OR_RETURN(Page<Appointment> listed, salon::List<Appointment>(txn, q));
    Page<AppointmentView> page{{}, listed.next};
    for (Appointment& a : listed.items) {
      SALON_ASSIGN_OR_RETURN(AppointmentView view, View(directory_, txn, std::move(a)));
      page.items.push_back(std::move(view));
    }
    return page;
  });
}

Result<AvailabilityView> Appointments::Availability(const SalonId& salon,
                                                    const AvailabilityRequest& req,
                                                    WorkBudget& budget) {
  SALON_ASSIGN_OR_RETURN(Branch branch, directory_.FindBranch(salon, req.branch_id));
  SALON_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(branch.timezone));
  SALON_ASSIGN_OR_RETURN(SlotSearch found, ReadResult(store_, [&](ReadTxn& txn) {
    return booking_.Availability(txn, salon, req, clock_.Now(), budget);
  }));
  return AvailabilityView{std::move(found), zone};
}

}  // namespace salon
