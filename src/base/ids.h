// Strong ids: opaque strings with a type prefix (`apt_…`). Distinct types so
// that a staff id can never be passed where a service id is expected.
#pragma once

#include <compare>
#include <functional>
#include <string>

namespace salon {

template <typename Tag>
struct Id {
  std::string value;
  bool empty() const { return value.empty(); }
  friend auto operator<=>(const Id&, const Id&) = default;
  friend bool operator==(const Id&, const Id&) = default;
};

using SalonId = Id<struct SalonTag>;
using BranchId = Id<struct BranchTag>;
using StaffId = Id<struct StaffTag>;
using ServiceId = Id<struct ServiceTag>;
using ClientId = Id<struct ClientTag>;
using AppointmentId = Id<struct AppointmentTag>;
using TimeOffId = Id<struct TimeOffTag>;
using CampaignId = Id<struct CampaignTag>;
using ProductId = Id<struct ProductTag>;
using SaleId = Id<struct SaleTag>;
using LedgerEntryId = Id<struct LedgerEntryTag>;
using VoucherCode = Id<struct VoucherCodeTag>;
using StockMoveId = Id<struct StockMoveTag>;
using CashUpId = Id<struct CashUpTag>;
using UserId = Id<struct UserTag>;

}  // namespace salon

template <typename Tag>
struct std::hash<salon::Id<Tag>> {
  size_t operator()(const salon::Id<Tag>& id) const {
    return std::hash<std::string>()(id.value);
  }
};
