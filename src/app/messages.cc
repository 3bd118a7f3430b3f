#include "app/messages.h"

#include "app/answered_write.h"
#include "app/records.h"
#include "messaging/message.h"

namespace salon {

namespace json = boost::json;

Result<Page<MessageRow>> Messages::List(const SalonId& salon, const MessageFilter& filter) {
  MessageQuery q;
  q.salon_id = salon;
  q.after_id = filter.page.after;
  q.limit = filter.page.limit + 1;
  if (filter.status) q.status = std::string(ToString(*filter.status));
  if (filter.kind) q.kind = std::string(ToString(*filter.kind));
  q.client_id = filter.client_id;
  q.appointment_id = filter.appointment_id;
  q.campaign_id = filter.campaign_id;
  return ReadResult(store_, [&](ReadTxn& txn) -> Result<Page<MessageRow>> {
    Page<MessageRow> page{txn.ListMessages(q), ""};
    if (int(page.items.size()) > filter.page.limit) {
      page.items.pop_back();
      page.next = page.items.back().id;
    }
    return page;
  });
}

Result<MessageRow> Messages::Get(const SalonId& salon, const std::string& id) {
  return ReadResult(store_, [&](ReadTxn& txn) -> Result<MessageRow> {
    auto row = txn.GetMessage(salon, id);
    if (!row || !IsText(row->kind)) return Status::NotFound("no message '" + id + "'");
    return *row;
  });
}

Result<Answer> Messages::CreateCampaign(const SalonId& salon, const CampaignRequest& req,
                                        const Answering<json::object>& how) {
  return WriteAnswered(store_, clock_, salon, how, [&](WriteTxn& txn) {
    return campaigns_.Create(txn, salon, req, clock_.Now());
  });
}

Result<json::object> Messages::GetCampaign(const SalonId& salon, const std::string& id) {
  return ReadResult(store_, [&](ReadTxn& txn) { return campaigns_.Get(txn, salon, id); });
}

Result<Page<json::object>> Messages::ListCampaigns(const SalonId& salon,
                                                   const PageRequest& page) {
  ListQuery q = PageQuery(salon, page);
  q.kind = Kind::kCampaign;
  q.limit = page.limit + 1;
  return ReadResult(store_, [&](ReadTxn& txn) -> Result<Page<json::object>> {
    Page<json::object> out;
    for (const Record& r : txn.List(q)) {
      if (int(out.items.size()) == page.limit) {
        out.next = std::string(out.items.back().at("id").as_string());
        break;
      }
      SALON_ASSIGN_OR_RETURN(json::object c, campaigns_.Get(txn, salon, r.id));
      out.items.push_back(std::move(c));
    }
    return out;
  });
}

Result<Answer> Messages::CancelCampaign(const SalonId& salon, const std::string& id,
                                        const Answering<json::object>& how) {
  return WriteAnswered(store_, clock_, salon, how, [&](WriteTxn& txn) {
    return campaigns_.Cancel(txn, salon, id, clock_.Now());
  });
}

}  // namespace salon
