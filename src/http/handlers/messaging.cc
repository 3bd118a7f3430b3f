// Messages (read), campaigns (create, read, list, cancel) and the SMS
// gateway's callbacks (delivery reports and replies), which carry a shared
// token instead of a key. The messaging settings are the salon's (salons.cc).
#include <boost/json.hpp>
#include <openssl/crypto.h>

#include "http/handler_kit.h"
#include "http/handlers/routes.h"
#include "codec/campaign_json.h"
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
  router.Add(verb::get, base, Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kManageClients);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto page = ReadPage(call);
    if (!page.ok()) return ErrorResponse(call, page.status());
    MessageFilter filter;
    filter.page = *page;
    if (auto status = call.Query("status")) {
      filter.status = ParseShownMessageStatus(*status);
      if (!filter.status) {
        return ErrorResponse(call, Status::Invalid("unknown status '" + *status + "'",
                                                   {{"status", "not a message status"}}));
      }
    }
    if (auto kind = call.Query("kind")) {
      filter.kind = ParseMessageKind(*kind);
      if (!filter.kind) {
        return ErrorResponse(call, Status::Invalid("unknown kind '" + *kind + "'",
                                                   {{"kind", "not a message kind"}}));
      }
    }
    filter.client_id = ClientId{call.Query("client_id").value_or("")};
    filter.appointment_id = AppointmentId{call.Query("appointment_id").value_or("")};
    filter.campaign_id = CampaignId{call.Query("campaign_id").value_or("")};
    auto listed = deps.messages.List(*salon, filter);
    if (!listed.ok()) return ErrorResponse(call, listed.status());
    json::array items;
    for (const MessageRow& row : listed->items) items.push_back(MessageJson(row));
    return ListResponse(call, std::move(items), listed->next);
  });

  router.Add(verb::get, base + "/{id}", Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kManageClients);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto found = deps.messages.Get(*salon, call.Param("id"));
    if (!found.ok()) return ErrorResponse(call, found.status());
    return ObjectResponse(call, beast_http::status::ok, MessageJson(*found));
  });
}

json::object AsIs(const json::object& campaign) { return campaign; }

void AddCampaignRoutes(Router& router, ApiDeps& deps) {
  const std::string base = "/v1/salons/{salon}/campaigns";
  router.Add(verb::post, base, Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kCampaigns);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto body = BodyJson(call);
    if (!body.ok()) return ErrorResponse(call, body.status());
    auto req = ParseCampaignRequest(*body);
    if (!req.ok()) return ErrorResponse(call, req.status());
    return AnswerResponse(
        call, deps.messages.CreateCampaign(
                  *salon, *req, AnswerWith<json::object>(call, beast_http::status::created, AsIs)));
  });

  router.Add(verb::get, base, Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kCampaigns);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto page = ReadPage(call);
    if (!page.ok()) return ErrorResponse(call, page.status());
    auto listed = deps.messages.ListCampaigns(*salon, *page);
    if (!listed.ok()) return ErrorResponse(call, listed.status());
    json::array items(listed->items.begin(), listed->items.end());
    return ListResponse(call, std::move(items), listed->next);
  });

  router.Add(verb::get, base + "/{id}", Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kCampaigns);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto found = deps.messages.GetCampaign(*salon, call.Param("id"));
    if (!found.ok()) return ErrorResponse(call, found.status());
    return ObjectResponse(call, beast_http::status::ok, *found);
  });

  router.Add(verb::post, base + "/{id}/cancel", Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kCampaigns);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    return AnswerResponse(call, deps.messages.CancelCampaign(
                                    *salon, call.Param("id"),
                                    AnswerWith<json::object>(call, beast_http::status::ok, AsIs)));
  });
}

void AddGatewayRoutes(Router& router, ApiDeps& deps) {
  // Kannel's dlr-url: ?token=&salon=&id=&type=%d
  router.Add(verb::get, "/v1/callbacks/kannel/delivery", Dispatch::kBlockingWrite,
             [&deps](Call& call) {
    if (Status s = AuthorizeGateway(call, deps); !s.ok()) return ErrorResponse(call, s);
    auto salon = call.Query("salon"), id = call.Query("id"), type = call.Query("type");
    int type_value = 0;
    if (!salon || !id || !type || !ParseSmallInt(*type, type_value)) {
      return ErrorResponse(call, Status::Invalid("salon, id and a numeric type are required"));
    }
    Status s = deps.gateway.DeliveryReport(SalonId{*salon}, *id, type_value);
    return s.ok() ? Ok(call) : ErrorResponse(call, s);
  });

  // Kannel's sms-service get-url: ?token=&from=%p&to=%P&text=%a
  router.Add(verb::get, "/v1/callbacks/kannel/inbound", Dispatch::kBlockingWrite,
             [&deps](Call& call) {
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
