#include "store/engine_support.h"

#include <map>

namespace salon {

const char* TableName(Kind kind) {
  switch (kind) {
    case Kind::kSalon: return "salons";
    case Kind::kBranch: return "branches";
    case Kind::kStaff: return "staff";
    case Kind::kService: return "services";
    case Kind::kClient: return "clients";
    case Kind::kTimeOff: return "time_off";
    case Kind::kAppointment: return "appointments";
    case Kind::kCampaign: return "campaigns";
    case Kind::kProduct: return "products";
    case Kind::kSale: return "sales";
    case Kind::kLedgerEntry: return "ledger_entries";
    case Kind::kVoucher: return "vouchers";
    case Kind::kCashUp: return "cash_ups";
    case Kind::kStockMove: return "stock_moves";
    case Kind::kUser: return "users";
    case Kind::kSession: return "sessions";
  }
  return "salons";
}

MessageKind StoredMessageKind(std::string_view text) {
  auto kind = ParseOutboxKind(text);
  if (!kind) throw StoreError(Code::kInternal, "corrupt stored message kind '" + std::string(text) + "'");
  return *kind;
}

MessageStatus StoredMessageStatus(std::string_view text) {
  auto status = ParseMessageStatus(text);
  if (!status) {
    throw StoreError(Code::kInternal, "corrupt stored message status '" + std::string(text) + "'");
  }
  return *status;
}

MessageFilters MessageFiltersOf(const MessageQuery& q, int first,
                                const std::function<std::string(int)>& placeholder) {
  MessageFilters f;
  auto arg = [&](std::string_view value) {
    f.values.emplace_back(value);
    return placeholder(first + int(f.values.size()) - 1);
  };
  if (q.status == ToString(MessageStatus::kQueued)) {
    f.sql += " AND status IN ('queued', 'sending')";
  } else if (!q.status.empty()) {
    f.sql += " AND status = " + arg(q.status);
  }
  if (!q.kind.empty()) f.sql += " AND kind = " + arg(q.kind);
  if (!q.client_id.empty()) f.sql += " AND client_id = " + arg(q.client_id.value);
  // Their indexes leave out the messages without one (schema 8): the
  // condition that says so lets them serve.
  if (!q.appointment_id.empty()) {
    f.sql += " AND appointment_id = " + arg(q.appointment_id.value) + " AND appointment_id <> ''";
  }
  if (!q.campaign_id.empty()) {
    f.sql += " AND campaign_id = " + arg(q.campaign_id.value) + " AND campaign_id <> ''";
  }
  return f;
}

void PutCopiedRows(WriteTxn& txn, const SalonId& salon, const SalonRows& rows) {
  std::map<AppointmentId, std::vector<BusyRow>> busy;
  for (const BusyRow& row : rows.busy) busy[row.appointment_id].push_back(row);
  for (const auto& [appointment, its] : busy) txn.SetBusy(appointment, salon, its);
  for (const std::string& hash : rows.key_hashes) txn.PutSalonKey(hash, salon);
  for (const auto& [key, response] : rows.responses) txn.PutResponse(salon.value, key, response);
  for (const MessageRow& m : rows.messages) txn.PutMessage(m);
}

}  // namespace salon
