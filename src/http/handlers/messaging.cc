// Messages (read), campaigns (create, read, list, cancel) and the SMS
// gateway's callbacks (delivery reports and replies), which carry a shared
// token instead of a key. The messaging settings are the salon's (salons.cc).
#include <boost/json.hpp>
#include <openssl/crypto.h>

#include <set>

#include "app/records.h"
#include "http/handler_kit.h"
#include "http/handlers/routes.h"
#include "messaging/message.h"

namespace salon::http {

namespace json = boost::json;
using beast_http::verb;

namespace {

// Ok when the callback carries the configured token (compared in constant time).
Status AuthorizeGateway(const Call& call, const ApiDeps& deps) {
  const std::string token = call.Query("token").value_or("");
  if (deps.callback_token.empty() || token.size() != deps.callback_token.size() ||
      CRYPTO_memcmp(token.data(), deps.callback_token.data(), token.size()) != 0) {
    return Status::Unauthenticated("a gateway callback needs its token");
  }
  return Status::Ok();
}

bool ParseSmallInt(const std::string& text, int& out) {
  if (text.empty() || text.size() > 6) return false;
  out = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

Response Ok(const Call& call) {
  return ObjectResponse(call, beast_http::status::ok, json::object{{"ok", true}});
}

void AddMessageRoutes(Router& router, ApiDeps& deps) {
  const std::string base = "/v1/salons/{salon}/messages";
  router.Add(verb::get, base, Dispatch::kInline, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto page = ReadPage(call);
    if (!page.ok()) return ErrorResponse(call, page.status());
    MessageQuery q;
    q.salon_id = salon->value;
    q.after_id = page->cursor;
    q.limit = page->limit + 1;
    q.status = call.Query("status").value_or("");
    q.client_id = call.Query("client_id").value_or("");
    q.appointment_id = call.Query("appointment_id").value_or("");
    q.campaign_id = call.Query("campaign_id").value_or("");
    q.kind = call.Query("kind").value_or("");
    static const std::set<std::string> kStatuses = {"",     "queued",  "sent",   "delivered",
                                                    "failed", "expired", "skipped"};
    if (!kStatuses.contains(q.status)) {
      return ErrorResponse(call, Status::Invalid("unknown status '" + q.status + "'",
                                                 {{"status", "not a message status"}}));
    }
    if (!q.kind.empty() && !ParseMessageKind(q.kind)) {
      return ErrorResponse(call, Status::Invalid("unknown kind '" + q.kind + "'",
                                                 {{"kind", "not a message kind"}}));
    }
    std::vector<MessageRow> rows;
    Status read = deps.store.Read([&](ReadTxn& txn) {
      rows = txn.ListMessages(q);
      return Status::Ok();
    });
    if (!read.ok()) return ErrorResponse(call, read);
    std::string next;
    if (int(rows.size()) > page->limit) {
      rows.pop_back();
      next = rows.back().id;
    }
    json::array items;
    for (const MessageRow& row : rows) items.push_back(MessageJson(row));
    return ListResponse(call, std::move(items), next);
  });

  router.Add(verb::get, base + "/{id}", Dispatch::kInline, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto found = ReadResult(deps, [&](ReadTxn& txn) -> Result<MessageRow> {
      auto row = txn.GetMessage(salon->value, call.Param("id"));
      if (!row || row->kind == "fanout") {
        return Status::NotFound("no message '" + call.Param("id") + "'");
      }
      return *row;
    });
    if (!found.ok()) return ErrorResponse(call, found.status());
    return ObjectResponse(call, beast_http::status::ok, MessageJson(*found));
  });
}

void AddCampaignRoutes(Router& router, ApiDeps& deps) {
  const std::string base = "/v1/salons/{salon}/campaigns";
  router.Add(verb::post, base, Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto body = BodyJson(call);
    if (!body.ok()) return ErrorResponse(call, body.status());
    auto req = ParseCampaignRequest(*body);
    if (!req.ok()) return ErrorResponse(call, req.status());
    return IdempotentWrite(call, deps, salon->value, [&](WriteTxn& txn) -> Result<WriteOutcome> {
      SALON_ASSIGN_OR_RETURN(json::object c,
                             deps.campaigns.Create(txn, *salon, *req, deps.clock.Now()));
      return WriteOutcome{beast_http::status::created, std::move(c)};
    });
  });

  router.Add(verb::get, base, Dispatch::kInline, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto query = PageQuery(call, *salon);
    if (!query.ok()) return ErrorResponse(call, query.status());
    ListQuery q = *query;
    q.kind = Kind::kCampaign;
    const int limit = q.limit;
    q.limit = limit + 1;
    json::array items;
    std::string next;
    Status read = deps.store.Read([&](ReadTxn& txn) {
      for (const Record& r : txn.List(q)) {
        if (int(items.size()) == limit) {
          next = std::string(items.back().as_object().at("id").as_string());
          break;
        }
        SALON_ASSIGN_OR_RETURN(json::object c, deps.campaigns.Get(txn, *salon, r.id));
        items.push_back(std::move(c));
      }
      return Status::Ok();
    });
    if (!read.ok()) return ErrorResponse(call, read);
    return ListResponse(call, std::move(items), next);
  });

  router.Add(verb::get, base + "/{id}", Dispatch::kInline, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto found = ReadResult(deps, [&](ReadTxn& txn) {
      return deps.campaigns.Get(txn, *salon, call.Param("id"));
    });
    if (!found.ok()) return ErrorResponse(call, found.status());
    return ObjectResponse(call, beast_http::status::ok, *found);
  });

  router.Add(verb::post, base + "/{id}/cancel", Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    return IdempotentWrite(call, deps, salon->value, [&](WriteTxn& txn) -> Result<WriteOutcome> {
      SALON_ASSIGN_OR_RETURN(json::object c, deps.campaigns.Cancel(txn, *salon, call.Param("id"),
                                                                    deps.clock.Now()));
      return WriteOutcome{beast_http::status::ok, std::move(c)};
    });
  });
}

void AddGatewayRoutes(Router& router, ApiDeps& deps) {
  // Kannel's dlr-url: ?token=&salon=&id=&type=%d
  router.Add(verb::get, "/v1/callbacks/kannel/delivery", Dispatch::kBlocking, [&deps](Call& call) {
    if (Status s = AuthorizeGateway(call, deps); !s.ok()) return ErrorResponse(call, s);
    auto salon = call.Query("salon"), id = call.Query("id"), type = call.Query("type");
    int type_value = 0;
    if (!salon || !id || !type || !ParseSmallInt(*type, type_value)) {
      return ErrorResponse(call, Status::Invalid("salon, id and a numeric type are required"));
    }
    Status s = deps.gateway.DeliveryReport(*salon, *id, type_value);
    return s.ok() ? Ok(call) : ErrorResponse(call, s);
  });

  // Kannel's sms-service get-url: ?token=&from=%p&to=%P&text=%a
  router.Add(verb::get, "/v1/callbacks/kannel/inbound", Dispatch::kBlocking, [&deps](Call& call) {
    if (Status s = AuthorizeGateway(call, deps); !s.ok()) return ErrorResponse(call, s);
    auto from = call.Query("from");
    if (!from || from->empty()) return ErrorResponse(call, Status::Invalid("from is required"));
    auto changed = deps.gateway.Reply(*from, call.Query("to").value_or(""),
                                      call.Query("text").value_or(""));
    if (!changed.ok()) return ErrorResponse(call, changed.status());
    return ObjectResponse(call, beast_http::status::ok,
                          json::object{{"ok", true}, {"consents_changed", *changed}});
  });
}

}  // namespace

void AddMessagingRoutes(Router& router, ApiDeps& deps) {
  AddMessageRoutes(router, deps);
  AddCampaignRoutes(router, deps);
  AddGatewayRoutes(router, deps);
}

}  // namespace salon::http
