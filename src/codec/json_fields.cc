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

std::int64_t ReadStoredAmount(JsonReader& r, std::string_view key) {
  const json::object* o = r.Object(key, Need::kRequired);
  if (o == nullptr) return 0;
  JsonReader a(*o, r.Field(key) + ".");
  std::int64_t out = a.Int("amount", Need::kRequired).value_or(0);
  a.String("currency", Need::kOptional, 3);
  a.RejectUnknown();
  r.Absorb(std::move(a));
  return out;
}

std::optional<std::int64_t> RequestAmounts::Read(JsonReader& r, std::string_view key, Need need) {
  const json::value* v = r.Peek(key);
  if (v != nullptr && v->is_object()) {
    auto m = ReadMoney(r, key);
    if (!m.ok()) return std::nullopt;
    if (currency_.empty()) currency_ = m->currency;
    if (m->currency != currency_) {
      r.ValueError(r.Field(key) + ".currency", "all amounts are in one currency");
    }
    return m->amount;
  }
  auto n = r.Int(key, need);
  if (n && (*n < 0 || *n > kMaxAmount)) {
    r.ValueError(r.Field(key), "must be 0 to " + std::to_string(kMaxAmount) + " minor units");
    return std::nullopt;
  }
  return n;
}

}  // namespace salon
