#include "messaging/gateway_callbacks.h"

#include <algorithm>
#include <cctype>

#include "app/records.h"
#include "core/sms_keywords.h"
#include "messaging/message.h"

namespace salon {

Status GatewayCallbacks::DeliveryReport(const std::string& salon_id,
                                        const std::string& message_id, int type) {
  const bool delivered = type & 1, failed = (type & 2) || (type & 16), sent = (type & 12) != 0;
  if (!delivered && !failed && !sent) {
    return Status::Invalid("unknown delivery report type " + std::to_string(type));
  }
  const Instant now = clock_.Now();
  return store_.Write([&](WriteTxn& txn) -> Status {
    auto row = txn.GetMessage(salon_id, message_id);
    if (!row || row->kind == "fanout") return Status::NotFound("no message '" + message_id + "'");
    const bool final = row->status == "delivered" || row->status == "failed";
    if (delivered && row->status != "delivered") {
      Transition(*row, "delivered", now);
    } else if (failed && !final) {
      Transition(*row, "failed", now, "not delivered (report type " + std::to_string(type) + ")");
    } else if (sent && (row->status == "sending" || row->status == "queued")) {
      Transition(*row, "sent", now);
    } else {
      return Status::Ok();  // already further on
    }
    txn.PutMessage(*row);
    return Status::Ok();
  });
}

Result<int> GatewayCallbacks::Reply(const std::string& from, const std::string& text) {
  const ConsentKeyword keyword = ParseConsentKeyword(text);
  if (keyword == ConsentKeyword::kNone) return 0;
  std::string word = text;
  word.erase(std::remove_if(word.begin(), word.end(),
                            [](unsigned char c) { return std::isspace(c); }),
             word.end());
  std::transform(word.begin(), word.end(), word.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  const bool give = keyword == ConsentKeyword::kStart;

  std::vector<std::pair<std::string, std::string>> recipients;
  SALON_RETURN_IF_ERROR(store_.Read([&](ReadTxn& txn) {
    recipients = txn.RecipientsOf(from);
    return Status::Ok();
  }));
  int changed = 0;
  const Instant now = clock_.Now();
  for (const auto& [salon, client_id] : recipients) {
    // One write per salon: each is serialised with that salon's other writes.
    SALON_RETURN_IF_ERROR(store_.Write([&](WriteTxn& txn) -> Status {
      auto client = Load<Client>(txn, SalonId{salon}, client_id);
      if (!client.ok() || client->phone != from || client->sms_marketing == give) {
        return Status::Ok();
      }
      Client next = *client;
      next.sms_marketing = give;
      next.version++;
      LogConsentChanges(&*client, next, now, "sms:" + word);
      Save(txn, next);
      ++changed;
      return Status::Ok();
    }));
  }
  return changed;
}

}  // namespace salon
