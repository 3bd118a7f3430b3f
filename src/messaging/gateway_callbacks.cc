#include "messaging/gateway_callbacks.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <spdlog/spdlog.h>

#include "app/records.h"
#include "core/sms_keywords.h"
#include "messaging/message.h"

namespace salon {

Status GatewayCallbacks::DeliveryReport(const SalonId& salon,
                                        const std::string& message_id, int type) {
  return reports_.Record(salon, message_id, type);
}

namespace {

// A sender as the network shows it: letters and digits, in upper case
// ("+353 87…" and "35387…" are one number).
std::string SenderKey(const std::string& sender) {
  std::string out;
  for (unsigned char c : sender) {
    if (std::isalnum(c)) out += char(std::toupper(c));
  }
  return out;
}

// The message a reply to `to` answers, among `sent` (newest first): the
// newest sent as `to`, else the newest sent with the default sender.
const MessageRow* Answered(const std::vector<MessageRow>& sent, const std::string& to) {
  const std::string key = SenderKey(to);
  if (key.empty()) return nullptr;
  const MessageRow* by_default = nullptr;
  for (const MessageRow& row : sent) {
    const std::string from = MessageDoc(row).Text("from");
    if (!from.empty() && SenderKey(from) == key) return &row;
    if (from.empty() && by_default == nullptr) by_default = &row;
  }
  return by_default;
}

// The last four digits, enough to find a reply in the log without a phone book.
std::string Masked(const std::string& phone) {
  return phone.size() > 4 ? "…" + phone.substr(phone.size() - 4) : phone;
}

}  // namespace

Result<int> GatewayCallbacks::Reply(const std::string& from, const std::string& to,
                                    const std::string& text) {
  const ConsentKeyword keyword = ParseConsentKeyword(text);
  if (keyword == ConsentKeyword::kNone) return 0;
  std::string word = text;
  word.erase(std::remove_if(word.begin(), word.end(),
                            [](unsigned char c) { return std::isspace(c); }),
             word.end());
  std::transform(word.begin(), word.end(), word.begin(),
                 [](unsigned char c) { return std::toupper(c); });

  constexpr int kRecent = 200;  // messages to one phone searched for the sender
  std::vector<MessageRow> sent;
  SALON_RETURN_IF_ERROR(store_.Read([&](ReadTxn& txn) {
    sent = txn.MessagesTo(from, kRecent);
    return Status::Ok();
  }));
  const MessageRow* answered = Answered(sent, to);
  if (answered == nullptr) {
    spdlog::warn("reply {} from {} to '{}' answers no message we sent; consent unchanged", word,
                 Masked(from), to);
    return 0;
  }
  const SalonId salon{answered->salon_id};
  std::set<std::string> clients;  // that salon's clients texted at this phone
  for (const MessageRow& row : sent) {
    if (row.salon_id == salon.value) clients.insert(row.client_id);
  }
  int changed = 0;
  const Instant now = clock_.Now();
  // In the salon's turn, as the API's writes of its clients: the cache's
  // assignments then come in commit order.
  SALON_RETURN_IF_ERROR(store_.WriteFor(salon, [&](WriteTxn& txn) -> Status {
    for (const std::string& client_id : clients) {
      auto client = Load<Client>(txn, salon, client_id);
      if (!client.ok() || client->phone != from) continue;
      const std::optional<bool> marketing = MarketingAfterReply(*client, keyword);
      if (!marketing) continue;
      Client next = *client;
      next.sms_marketing = *marketing;
      next.version++;
      LogConsentChanges(&*client, next, now, "sms:" + word);
      directory_.SaveClient(txn, next);
      ++changed;
    }
    return Status::Ok();
  }));
  return changed;
}

}  // namespace salon
