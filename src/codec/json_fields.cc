#include "codec/json_fields.h"

namespace salon {

namespace json = boost::json;

std::string TimeText(const Instant& t, const TimeZone* zone) {
  return zone != nullptr ? FormatInstant(t, *zone) : FormatUtc(t);
}

// Reads a required RFC 3339 field into `out`.
void ReadInstant(JsonReader& r, std::string_view key, Instant& out) {
  auto text = r.String(key, Need::kRequired, 64);
  if (!text) return;
  auto t = ParseInstant(*text);
  if (!t.ok()) {
    r.ValueError(r.Field(key), t.status().message());
  } else {
    out = *t;
  }
}

Result<Money> ReadMoney(JsonReader& parent, std::string_view key) {
  const json::object* o = parent.Object(key, Need::kRequired);
  if (o == nullptr) return Status::Invalid("");
  JsonReader r(*o, parent.Field(key) + ".");
  Money m;
  if (auto a = r.Int("amount", Need::kRequired)) m.amount = *a;
  if (auto c = r.String("currency", Need::kRequired, 3)) m.currency = *c;
  r.RejectUnknown();
  if (r.ok() && !IsCurrencyCode(m.currency)) {
    r.ValueError(r.Field("currency"), "must be an ISO 4217 code such as EUR");
  }
  if (r.ok() && JsonReader::ForRequest() && (m.amount < 0 || m.amount > kMaxAmount)) {
    r.ValueError(r.Field("amount"),
                 "must be 0 to " + std::to_string(kMaxAmount) + " minor units");
  }
  bool ok = r.ok();
  parent.Absorb(std::move(r));
  if (!ok) return Status::Invalid("");
  return m;
}

}  // namespace salon
