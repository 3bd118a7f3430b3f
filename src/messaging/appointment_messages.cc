#include "messaging/appointment_messages.h"

#include "app/records.h"
#include "core/message_template.h"
#include "messaging/message.h"

namespace salon {
namespace {

// The placeholder values of an appointment's messages.
Result<TemplateValues> Values(Directory& directory, ReadTxn& txn, const Salon& salon,
                              const Branch& branch, const Client& client,
                              const Appointment& a) {
  SALON_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(branch.timezone));
  SALON_ASSIGN_OR_RETURN(Directory::StaffList staff, directory.BranchStaff(txn, branch));
  std::string services, staff_names;
  for (const AppointmentItem& item : a.items) {
    auto service = directory.FindService(txn, a.salon_id, item.service_id);
    if (service.ok()) services += (services.empty() ? "" : " + ") + service->name;
    for (const Staff& s : *staff) {
      if (s.id == item.staff_id && staff_names.find(s.name) == std::string::npos) {
        staff_names += (staff_names.empty() ? "" : " & ") + s.name;
      }
    }
  }
  const LocalTime local = zone.ToLocal(a.span.start);
  return TemplateValues{{"first_name", client.first_name},
                        {"service", services},
                        {"staff", staff_names},
                        {"date", date::format("%a %d %b", date::floor<date::days>(local))},
                        {"time", date::format("%H:%M", date::floor<std::chrono::minutes>(local))},
                        {"branch", branch.name},
                        {"salon", salon.name}};
}

// Whether `a` is the visit `b` planned: the same id, time, services and staff.
bool SameVisit(const Appointment& a, const Appointment& b) {
  if (a.id != b.id || a.span != b.span || a.items.size() != b.items.size()) return false;
  for (size_t i = 0; i < a.items.size(); ++i) {
    const AppointmentItem &x = a.items[i], &y = b.items[i];
    if (x.service_id != y.service_id || x.staff_id != y.staff_id || x.span != y.span) return false;
  }
  return true;
}

}  // namespace

Status AppointmentMessages::Changed(WriteTxn& txn, const Appointment* before,
                                    const Appointment& after, Instant now,
                                    const DraftedMessages* drafted) {
  const bool cancelled = after.status == AppointmentStatus::kCancelled &&
                         (!before || before->status != AppointmentStatus::kCancelled);
  const bool moved = before && !cancelled && before->span != after.span;
  if (before && !cancelled && !moved) return Status::Ok();
  const MessageKind kind = !before ? MessageKind::kConfirmation
                           : cancelled ? MessageKind::kCancellation
                                       : MessageKind::kReschedule;

  // A reminder still waiting is for a time that no longer holds.
  if (before) {
    MessageQuery q;
    q.salon_id = after.salon_id;
    q.appointment_id = after.id;
    q.kind = ToString(MessageKind::kReminder);
    q.status = ToString(MessageStatus::kQueued);
    q.limit = 100;
    for (MessageRow& row : txn.ListMessages(q)) {
      if (row.status != MessageStatus::kQueued) continue;  // in flight already
      if (Transition(row, MessageStatus::kSkipped, now,
                     cancelled ? "appointment cancelled" : "appointment moved")
              .ok()) {
        txn.PutMessage(row);
      }
    }
  }

  std::vector<MessageRow> rows;
  if (!before && drafted && SameVisit(after, drafted->planned)) {
    rows = drafted->rows;
  } else {
    SALON_ASSIGN_OR_RETURN(rows, Build(txn, after, kind, now));
  }
  for (const MessageRow& row : rows) txn.AddMessage(row);
  if (queued_) txn.OnCommit(queued_);
  return Status::Ok();
}

Result<DraftedMessages> AppointmentMessages::Draft(ReadTxn& txn, const Appointment& planned,
                                                   const Client& client, Instant now) {
  SALON_ASSIGN_OR_RETURN(std::vector<MessageRow> rows,
                         BuildFor(txn, planned, client, MessageKind::kConfirmation, now));
  return DraftedMessages{planned, std::move(rows)};
}

Result<std::vector<MessageRow>> AppointmentMessages::Build(ReadTxn& txn, const Appointment& a,
                                                           MessageKind kind, Instant now) {
  SALON_ASSIGN_OR_RETURN(Client client, directory_.FindClient(txn, a.salon_id, a.client_id));
  return BuildFor(txn, a, client, kind, now);
}

Result<std::vector<MessageRow>> AppointmentMessages::BuildFor(ReadTxn& txn, const Appointment& a,
                                                              const Client& client,
                                                              MessageKind kind, Instant now) {
  SALON_ASSIGN_OR_RETURN(Salon salon, directory_.FindSalon(txn, a.salon_id));
  SALON_ASSIGN_OR_RETURN(Branch branch, directory_.FindBranch(txn, a.salon_id, a.branch_id));
  SALON_ASSIGN_OR_RETURN(TemplateValues values,
                         Values(directory_, txn, salon, branch, client, a));
  const std::string no_consent =
      client.archived ? "client archived" : client.sms_reminders ? "" : "no reminder consent";

  NewMessage m;
  m.salon_id = a.salon_id.value;
  m.client_id = client.id.value;
  m.appointment_id = a.id.value;
  m.to = client.phone;
  m.from = branch.sms_sender;
  m.zone = branch.timezone;
  m.id = ids_.NewId("msg");
  m.kind = kind;
  m.text = RenderTemplate(salon.messaging.Template(kind), values);
  m.due = now;
  m.expires = a.span.start;  // news of an appointment is no use once it began
  std::vector<MessageRow> rows{BuildMessage(m, now, no_consent)};

  const Instant remind_at = a.span.start - std::chrono::hours(salon.messaging.reminder_hours);
  if (kind != MessageKind::kCancellation && remind_at > now) {
    m.id = ids_.NewId("msg");
    m.kind = MessageKind::kReminder;
    m.text = RenderTemplate(salon.messaging.Template(MessageKind::kReminder), values);
    m.due = remind_at;
    rows.push_back(BuildMessage(m, now, no_consent));
  }
  return rows;
}

}  // namespace salon
