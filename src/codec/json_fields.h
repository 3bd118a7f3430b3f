// Readers and writers of the fields every JSON form shares: instants, money,
// ids and versions. Errors go to the JsonReader, as its own readers do.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/money.h"
#include "base/result.h"
#include "base/time.h"
#include "codec/json_reader.h"

namespace salon {

// `t` in `zone`'s local time with its offset; UTC when `zone` is null.
std::string TimeText(const Instant& t, const TimeZone* zone);
// Reads a required RFC 3339 field into `out`.
void ReadInstant(JsonReader& r, std::string_view key, Instant& out);
// Reads a required {"amount","currency"}; a request's amount is 0–kMaxAmount.
Result<Money> ReadMoney(JsonReader& parent, std::string_view key);

// Reads the amounts of one request, each 0–kMaxAmount minor units, given as
// an integer or as {"amount","currency"}; the objects must agree on one
// currency, answered by currency() ("" when none was given). Errors go to
// the reader. Not thread-safe; one per request.
class RequestAmounts {
 public:
  std::optional<std::int64_t> Read(JsonReader& r, std::string_view key, Need need);
  const std::string& currency() const { return currency_; }

 private:
  std::string currency_;
};

// A stored amount {"amount","currency"}: any int64, its currency the
// document's (not checked).
std::int64_t ReadStoredAmount(JsonReader& r, std::string_view key);

template <typename IdT>
void ReadId(JsonReader& r, std::string_view key, IdT& out, Need need = Need::kOptional) {
  if (auto s = r.String(key, need, 64)) out.value = *s;
}

// Reads each element of the array `key` (an object) with a reader of its
// own, named "key[i].", by `one(JsonReader&)`; members `one` did not read
// are refused. Answers the array, or null when it is absent or not one.
template <typename One>
const boost::json::array* ReadObjects(JsonReader& r, std::string_view key, Need need, One one) {
  const boost::json::array* items = r.Array(key, need);
  if (items == nullptr) return nullptr;
  for (size_t i = 0; i < items->size(); ++i) {
    JsonReader item((*items)[i], r.Field(key) + "[" + std::to_string(i) + "].");
    one(item);
    item.RejectUnknown();
    r.Absorb(std::move(item));
  }
  return items;
}

inline void ReadVersion(JsonReader& r, long long& version) {
  if (auto v = r.Int("version", Need::kOptional)) version = *v;
}

}  // namespace salon
