#include "app/booking.h"

#include <algorithm>

#include "app/records.h"
#include "base/request_stages.h"
#include "core/local_days.h"

namespace salon {
namespace {

Result<std::vector<Service>> LoadServices(Directory& directory, ReadTxn& txn,
                                          const SalonId& salon,
                                          const std::vector<ServiceId>& ids) {
  if (ids.empty() || ids.size() > 10) {
    return Status::Invalid("a visit has 1 to 10 services", {{"items", "1 to 10 services"}});
  }
  std::vector<Service> services;
  for (const ServiceId& id : ids) {
    auto s = directory.FindService(txn, salon, id);
    if (!s.ok() || s->archived) {
      return Status::Invalid("unknown service '" + id.value + "'",
                             {{"service_id", "no such service"}});
    }
    services.push_back(std::move(*s));
  }
  return services;
}

std::vector<StaffId> IdsOf(const std::vector<Staff>& staff) {
  std::vector<StaffId> ids;
  for (const Staff& s : staff) ids.push_back(s.id);
  return ids;
}

std::vector<BusyRow> BusyRowsOf(const Appointment& a) {
  std::vector<BusyRow> rows;
  for (const StaffBusy& b : BusyTime(a.items)) {
    rows.push_back({a.id, b.staff_id, UnixSeconds(b.span.start), UnixSeconds(b.span.end)});
  }
  return rows;
}

std::vector<VisitItemRequest> VisitItems(const std::vector<Service>& services,
                                         const std::vector<std::optional<StaffId>>& staff) {
  std::vector<VisitItemRequest> out;
  for (size_t i = 0; i < services.size(); ++i) out.push_back({&services[i], staff[i]});
  return out;
}

}  // namespace

Result<std::vector<StaffAgenda>> LoadAgendas(Directory& directory, ReadTxn& txn,
                                             const Branch& branch, const TimeZone& zone,
                                             LocalDate first, int days, const AppointmentId& except,
                                             std::optional<Interval> within, BusyDays* busy_days) {
  SALON_ASSIGN_OR_RETURN(Directory::StaffList staff, directory.BranchStaff(txn, branch));
  const std::vector<StaffId> staff_ids = IdsOf(*staff);
  std::vector<StaffBlock> held;
  if (busy_days != nullptr && within) {
    SALON_ASSIGN_OR_RETURN(held, busy_days->Within(txn, branch, zone, staff_ids, *within));
  } else {
    const Interval span = within ? *within : SpanOfDays(zone, first, days);
    SALON_ASSIGN_OR_RETURN(held,
                           ReadHeldTime(txn, branch.salon_id, staff_ids, UnixSeconds(span.start),
                                        UnixSeconds(span.end), except));
  }
  std::unordered_map<StaffId, std::vector<Block>> blocks;
  for (StaffBlock& h : held) blocks[h.staff_id].push_back(std::move(h.block));
  std::optional<std::vector<Interval>> open;
  if (branch.opening_hours) open = WorkingIntervals(*branch.opening_hours, zone, first, days);
  std::vector<StaffAgenda> agendas;
  for (const Staff& s : *staff) {
    agendas.emplace_back(s, zone, first, days, std::move(blocks[s.id]),
                         open ? &*open : nullptr);
  }
  return agendas;
}

Result<SlotSearch> Booking::Availability(ReadTxn& txn, const SalonId& salon,
                                         const AvailabilityRequest& req, Instant now,
                                         WorkBudget& budget) {
  SALON_ASSIGN_OR_RETURN(Branch branch, directory_.FindBranch(txn, salon, req.branch_id));
  if (branch.archived) return Status::NotFound("no branch '" + req.branch_id.value + "'");
  SALON_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(branch.timezone));
  SALON_ASSIGN_OR_RETURN(std::vector<Service> services,
                         LoadServices(directory_, txn, salon, req.service_ids));
  // A day either side: visits may cross midnight, and busy time may start
  // the day before.
  SALON_ASSIGN_OR_RETURN(
      std::vector<StaffAgenda> agendas,
      LoadAgendas(directory_, txn, branch, zone, req.from - date::days(1), req.days + 2));
  if (req.staff_id) {  // named: one who works here and does every service
    auto named = std::find_if(agendas.begin(), agendas.end(),
                              [&](const StaffAgenda& a) { return a.id() == *req.staff_id; });
    if (named == agendas.end()) {
      return Status::Invalid("no staff member '" + req.staff_id->value + "' at this branch",
                             {{"staff_id", "not a staff member of this branch"}});
    }
    for (const Service& s : services) {
      if (!named->Offers(s.id)) {
        return Status::Invalid("staff member '" + req.staff_id->value + "' does not offer " +
                                   s.id.value,
                               {{"staff_id", "does not offer every service asked for"}});
      }
    }
  }
  AvailabilityQuery query;
  query.from = req.from;
  query.days = req.days;
  query.grid_minutes = branch.slot_minutes;
  query.not_before = now;
  query.items = VisitItems(services, std::vector<std::optional<StaffId>>(
                                         services.size(), req.staff_id));
  StageTimer search("search");
  SlotSearch found = FindSlots(zone, query, agendas, &budget);
  if (found.days_searched == 0 && req.days > 0) return TooComplex();
  return found;
}

Status Booking::Plan(ReadTxn& txn, Appointment& a, const Branch& branch,
                     const std::vector<ItemRequest>& items, BusyDays* busy_days) {
  SALON_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(branch.timezone));
  std::vector<ServiceId> service_ids;
  std::vector<std::optional<StaffId>> staff;
  for (const ItemRequest& i : items) {
    service_ids.push_back(i.service_id);
    staff.push_back(i.staff_id);
  }
  SALON_ASSIGN_OR_RETURN(std::vector<Service> services,
                         LoadServices(directory_, txn, a.salon_id, service_ids));
  // The visit can hold staff from its start until its services and their
  // buffers are done; nothing outside that span can collide with it.
  std::chrono::minutes longest{0};
  for (const Service& s : services) {
    longest += std::chrono::minutes(s.DurationMinutes() + s.buffer_minutes);
  }
  const Interval reach{a.span.start, a.span.start + longest};
  const LocalDate day = zone.DateOf(a.span.start);
  SALON_ASSIGN_OR_RETURN(
      std::vector<StaffAgenda> agendas,
      LoadAgendas(directory_, txn, branch, zone, day - date::days(1), 4, a.id, reach, busy_days));
  StageTimer plan("plan");
  SALON_ASSIGN_OR_RETURN(a.items, PlanVisit(a.span.start, VisitItems(services, staff),
                                            agendas));
  a.span.end = a.items.back().span.end;
  return Status::Ok();
}

Status Booking::Persist(WriteTxn& txn, const Appointment& a, const Branch& branch,
                        const Appointment* previous, const std::vector<StaffId>* planned_staff) {
  SALON_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(branch.timezone));
  const std::vector<BusyRow> rows = BusyRowsOf(a);
  if (previous == nullptr) {
    txn.AddBusy(a.id, a.salon_id, rows);
  } else {
    txn.SetBusy(a.id, a.salon_id, rows);
  }

  std::vector<LocalDate> days = DaysOf(a.span, zone);
  if (previous != nullptr) {
    for (LocalDate d : DaysOf(previous->span, zone)) {
      if (std::find(days.begin(), days.end(), d) == days.end()) days.push_back(d);
    }
  }
  calendar_.Touch(txn, a.branch_id, days,
                  planned_staff != nullptr ? busy_days_.Added(branch, zone, *planned_staff, rows)
                                           : CalendarVersions::DayCommitted());
  return Status::Ok();
}

Result<Appointment> Booking::Place(WriteTxn& txn, Appointment a, const Branch& branch,
                                   const std::vector<ItemRequest>& items,
                                   const Appointment* previous) {
  SALON_RETURN_IF_ERROR(Plan(txn, a, branch, items));
  Save(txn, a);
  SALON_RETURN_IF_ERROR(Persist(txn, a, branch, previous));
  return a;
}

Result<Appointment> Booking::Start(ReadTxn& txn, const SalonId& salon, const BookingRequest& req,
                                   Instant now, Branch& branch, Client& client) {
  auto found = directory_.FindBranch(txn, salon, req.branch_id);
  if (!found.ok() || found->archived) {
    return Status::Invalid("unknown branch '" + req.branch_id.value + "'",
                           {{"branch_id", "no such branch"}});
  }
  branch = std::move(*found);
  auto booked = directory_.FindClient(txn, salon, req.client_id);
  if (!booked.ok() || booked->archived) {
    return Status::Invalid("unknown client '" + req.client_id.value + "'",
                           {{"client_id", "no such client"}});
  }
  client = std::move(*booked);
  Appointment a;
  a.id = AppointmentId{ids_.NewId("apt")};
  a.salon_id = salon;
  a.branch_id = req.branch_id;
  a.client_id = req.client_id;
  a.span.start = req.start;
  a.notes = req.notes;
  a.source = req.source;
  a.created_at = a.updated_at = now;
  return a;
}

Result<Appointment> Booking::Book(WriteTxn& txn, const SalonId& salon,
                                  const BookingRequest& req, Instant now) {
  Branch branch;
  Client client;
  SALON_ASSIGN_OR_RETURN(Appointment a, Start(txn, salon, req, now, branch, client));
  return Place(txn, std::move(a), branch, req.items, nullptr);
}

Result<PlannedVisit> Booking::Prepare(ReadTxn& txn, const SalonId& salon, const BookingRequest& req,
                                      Instant now, Client& client) {
  Branch branch;
  SALON_ASSIGN_OR_RETURN(Appointment a, Start(txn, salon, req, now, branch, client));
  SALON_RETURN_IF_ERROR(Plan(txn, a, branch, req.items, &busy_days_));
  Record row = RecordTraits<Appointment>::ToRecord(a);
  return PlannedVisit{std::move(a), std::move(row)};
}

Result<Appointment> Booking::Commit(WriteTxn& txn, const PlannedVisit& planned) {
  const Appointment& a = planned.appointment;
  SALON_ASSIGN_OR_RETURN(Branch branch, directory_.FindBranch(txn, a.salon_id, a.branch_id));
  SALON_ASSIGN_OR_RETURN(Directory::StaffList staff, directory_.BranchStaff(txn, branch));
  const std::vector<StaffId> staff_ids = IdsOf(*staff);
  txn.Put(Kind::kAppointment, planned.row);
  SALON_RETURN_IF_ERROR(Persist(txn, a, branch, nullptr, &staff_ids));
  return a;
}

namespace {

Status CheckVersion(const Appointment& a, std::optional<long long> if_match) {
  if (if_match && *if_match != a.version) {
    return Status::Stale("the appointment is at version " + std::to_string(a.version));
  }
  return Status::Ok();
}

}  // namespace

Result<Appointment> Booking::Reschedule(WriteTxn& txn, const SalonId& salon,
                                        const AppointmentId& id,
                                        const RescheduleRequest& req,
                                        std::optional<long long> if_match, Instant now) {
  SALON_ASSIGN_OR_RETURN(Appointment current, Load<Appointment>(txn, salon, id.value));
  SALON_RETURN_IF_ERROR(CheckVersion(current, if_match));
  if (!req.start && !req.items && !req.notes) return current;
  Appointment next = current;
  next.version++;
  next.updated_at = now;
  if (req.notes) next.notes = *req.notes;
  SALON_ASSIGN_OR_RETURN(Branch branch, Load<Branch>(txn, salon, current.branch_id.value));
  if (!req.start && !req.items) {
    Save(txn, next);
    SALON_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(branch.timezone));
    calendar_.Touch(txn, next.branch_id, DaysOf(next.span, zone));
    return next;
  }
  if (current.status != AppointmentStatus::kBooked &&
      current.status != AppointmentStatus::kArrived) {
    return Status::Conflict("a " + std::string(ToString(current.status)) +
                            " appointment cannot be moved");
  }
  if (req.start) next.span.start = *req.start;
  std::vector<ItemRequest> items;
  if (req.items) {
    items = *req.items;
  } else {
    for (const AppointmentItem& i : current.items) items.push_back({i.service_id, i.staff_id});
  }
  return Place(txn, std::move(next), branch, items, &current);
}

Result<Appointment> Booking::ChangeStatus(WriteTxn& txn, const SalonId& salon,
                                          const AppointmentId& id, AppointmentStatus to,
                                          const std::string& reason,
                                          std::optional<long long> if_match, Instant now) {
  SALON_ASSIGN_OR_RETURN(Appointment a, Load<Appointment>(txn, salon, id.value));
  SALON_RETURN_IF_ERROR(CheckVersion(a, if_match));
  if (!CanTransition(a.status, to)) {
    return Status::Conflict("an appointment that is " + std::string(ToString(a.status)) +
                            " cannot become " + std::string(ToString(to)));
  }
  a.status = to;
  a.version++;
  a.updated_at = now;
  if (to == AppointmentStatus::kCancelled) a.cancel_reason = reason;
  Save(txn, a);
  if (!HoldsTime(to)) txn.SetBusy(a.id, a.salon_id, {});
  SALON_ASSIGN_OR_RETURN(Branch branch, Load<Branch>(txn, salon, a.branch_id.value));
  SALON_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(branch.timezone));
  calendar_.Touch(txn, a.branch_id, DaysOf(a.span, zone));
  return a;
}

}  // namespace salon
