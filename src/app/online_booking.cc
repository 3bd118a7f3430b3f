#include "app/online_booking.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <set>

#include "app/records.h"
#include "base/hex.h"

namespace salon {

namespace {

constexpr const char* kNoLink = "this link names no booking";

}  // namespace

OnlineBooking::OnlineBooking(Directory& directory, Catalog& catalog, Appointments& appointments,
                             Store& store, const Clock& clock, const std::string& admin_key)
    : directory_(directory),
      catalog_(catalog),
      appointments_(appointments),
      store_(store),
      clock_(clock),
      link_key_(Sha256Hex("salon manage links\n" + admin_key)) {}

Result<BookingPage> OnlineBooking::Page(const BranchId& id) {
  SALON_ASSIGN_OR_RETURN(Branch branch, directory_.PublicBranch(id));
  return ReadResult(store_, [&](ReadTxn& txn) -> Result<BookingPage> {
    BookingPage page{branch, {}, {}};
    SALON_ASSIGN_OR_RETURN(Directory::StaffList staff, directory_.BranchStaff(txn, branch));
    std::set<ServiceId> offered;
    for (const Staff& s : *staff) {
      page.staff.push_back(s);
      offered.insert(s.service_ids.begin(), s.service_ids.end());
    }
    ListQuery q;
    q.salon_id = branch.salon_id;
    q.limit = 500;
    SALON_ASSIGN_OR_RETURN(salon::Page<Service> services, List<Service>(txn, q));
    for (Service& s : services.items) {
      if (offered.contains(s.id)) page.services.push_back(std::move(s));
    }
    return page;
  });
}

Result<AvailabilityView> OnlineBooking::Availability(const AvailabilityRequest& req,
                                                     WorkBudget& budget) {
  SALON_ASSIGN_OR_RETURN(Branch branch, directory_.PublicBranch(req.branch_id));
  return appointments_.Availability(branch.salon_id, req, budget);
}

Result<ClientId> OnlineBooking::ClientFor(const SalonId& salon, const PublicBookingRequest& req) {
  CatalogFilter by_phone;
  by_phone.text = req.phone;
  by_phone.page.limit = 50;
  SALON_ASSIGN_OR_RETURN(salon::Page<Client> found, catalog_.List<Client>(salon, by_phone));
  for (const Client& c : found.items) {
    if (c.phone == req.phone) return c.id;
  }
  Client c;
  c.first_name = req.first_name;
  c.last_name = req.last_name;
  c.phone = req.phone;
  c.email = req.email;
  c.sms_reminders = req.sms_reminders;
  c.sms_marketing = false;  // asked for separately, never by booking
  Client made;
  SALON_RETURN_IF_ERROR(catalog_.Create(salon, c, KeepIn(made)).status());
  return made.id;
}

Result<Answer> OnlineBooking::Book(const BranchId& id, const PublicBookingRequest& req,
                                   const Answering<ManagedBooking>& how) {
  SALON_ASSIGN_OR_RETURN(Branch branch, directory_.PublicBranch(id));
  const SalonId salon = branch.salon_id;
  SALON_ASSIGN_OR_RETURN(ClientId client, ClientFor(salon, req));
  BookingRequest booking;
  booking.branch_id = branch.id;
  booking.client_id = client;
  booking.start = req.start;
  for (const ServiceId& service : req.service_ids) booking.items.push_back({service, req.staff_id});
  booking.source = "online";
  // Read before the booking's transaction: its answer reads nothing.
  SALON_ASSIGN_OR_RETURN(std::vector<std::string> names, ServiceNames(salon, req.service_ids));
  Answering<AppointmentView> answer{how.key, how.fingerprint, [&](const AppointmentView& v) {
                                      return how.answer(Describe(v.appointment, branch, names));
                                    }};
  return appointments_.Book(salon, booking, answer);
}

Result<std::vector<std::string>> OnlineBooking::ServiceNames(
    const SalonId& salon, const std::vector<ServiceId>& services) {
  std::vector<std::string> names;
  SALON_RETURN_IF_ERROR(store_.Read([&](ReadTxn& txn) {
    for (const ServiceId& id : services) {
      auto service = directory_.FindService(txn, salon, id);
      names.push_back(service.ok() ? service->name : "");
    }
    return Status::Ok();
  }));
  return names;
}

ManagedBooking OnlineBooking::Describe(const Appointment& a, const Branch& branch,
                                       std::vector<std::string> service_names) const {
  ManagedBooking m;
  m.appointment = a;
  m.branch = branch;
  m.service_names = std::move(service_names);
  m.can_cancel = a.status == AppointmentStatus::kBooked && a.span.start > clock_.Now();
  m.token = TokenOf(branch.salon_id, a.id);
  return m;
}

Result<std::string> OnlineBooking::LinkOf(const BranchId& id, const AppointmentId& appointment) {
  SALON_ASSIGN_OR_RETURN(Branch branch, directory_.PublicBranch(id));
  return TokenOf(branch.salon_id, appointment);
}

std::string OnlineBooking::TokenOf(const SalonId& salon, const AppointmentId& id) const {
  const std::string ids = salon.value + "." + id.value;
  return ids + "." + HmacSha256Hex(link_key_, ids).substr(0, 32);
}

std::optional<OnlineBooking::Link> OnlineBooking::Verify(const std::string& token) const {
  const size_t first = token.find('.');
  const size_t last = token.rfind('.');
  if (first == std::string::npos || first == last || token.size() > 300) return std::nullopt;
  Link link{SalonId{token.substr(0, first)}, AppointmentId{token.substr(first + 1, last - first - 1)}};
  const std::string expected = TokenOf(link.salon, link.appointment);
  if (expected.size() != token.size() ||
      CRYPTO_memcmp(expected.data(), token.data(), token.size()) != 0) {
    return std::nullopt;
  }
  return link;
}

Result<ManagedBooking> OnlineBooking::Managed(const SalonId& salon, const Appointment& a) {
  SALON_ASSIGN_OR_RETURN(Branch branch, directory_.FindBranch(salon, a.branch_id));
  std::vector<ServiceId> services;
  for (const AppointmentItem& item : a.items) services.push_back(item.service_id);
  SALON_ASSIGN_OR_RETURN(std::vector<std::string> names, ServiceNames(salon, services));
  return Describe(a, branch, std::move(names));
}

Result<ManagedBooking> OnlineBooking::Manage(const std::string& token) {
  auto link = Verify(token);
  if (!link) return Status::NotFound(kNoLink);
  auto view = appointments_.Get(link->salon, link->appointment);
  if (view.status().code() == Code::kNotFound) return Status::NotFound(kNoLink);
  SALON_RETURN_IF_ERROR(view.status());
  return Managed(link->salon, view->appointment);
}

Result<ManagedBooking> OnlineBooking::Cancel(const std::string& token) {
  SALON_ASSIGN_OR_RETURN(ManagedBooking m, Manage(token));
  if (!m.can_cancel) return Status::Conflict("this visit can no longer be cancelled online");
  AppointmentView cancelled;
  SALON_RETURN_IF_ERROR(appointments_
                            .ChangeStatus(m.branch.salon_id, m.appointment.id,
                                          AppointmentStatus::kCancelled,
                                          "cancelled online by the client",
                                          m.appointment.version, KeepIn(cancelled))
                            .status());
  return Managed(m.branch.salon_id, cancelled.appointment);
}

}  // namespace salon
