// Who may do what in a salon: the roles of its people (API.md "People,
// sign-in and roles") and the rights each route needs. Roles are nested:
// each has every right of the one before it.
//
//   stylist     reads the calendar; changes the status of their own appointments
//   front_desk  books, moves, cancels, checks out, manages clients
//   manager     refunds, voids, cashes up, reads reports, edits the catalog, campaigns
//   owner       manages users, keys and the salon's (messaging) settings
//
// A salon key (an integrator) and the platform admin key hold every right.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace salon {

enum class StaffRole { kStylist, kFrontDesk, kManager, kOwner };

inline constexpr std::array<StaffRole, 4> kStaffRoles = {
    StaffRole::kStylist, StaffRole::kFrontDesk, StaffRole::kManager, StaffRole::kOwner};

std::string_view ToString(StaffRole role);
std::optional<StaffRole> ParseStaffRole(std::string_view text);

enum class Right {
  kReadCalendar,     // the salon, branches, staff, services, products, calendar, appointments
  kChangeOwnStatus,  // status of an appointment the caller's staff member serves
  kBook,             // book, move, cancel, any status, time off
  kManageClients,    // clients and their messages
  kCheckout,         // sales, receipts, deposits, vouchers, stock levels
  kCorrectSales,     // refunds, voids, cash-ups, reports, the ledger
  kEditCatalog,      // branches, staff, services, products, stock adjustments
  kCampaigns,        // marketing campaigns
  kManageSalon,      // users, keys, the salon's settings
};

// The least role that holds `right`.
StaffRole LeastRoleFor(Right right);
bool Allows(StaffRole role, Right right);

}  // namespace salon
