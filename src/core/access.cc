#include "core/access.h"

namespace salon {

std::string_view ToString(StaffRole role) {
  switch (role) {
    case StaffRole::kStylist: return "stylist";
    case StaffRole::kFrontDesk: return "front_desk";
    case StaffRole::kManager: return "manager";
    case StaffRole::kOwner: return "owner";
  }
  return "stylist";
}

std::optional<StaffRole> ParseStaffRole(std::string_view text) {
  for (StaffRole role : kStaffRoles) {
    if (text == ToString(role)) return role;
  }
  return std::nullopt;
}

StaffRole LeastRoleFor(Right right) {
  switch (right) {
    case Right::kReadCalendar:
    case Right::kChangeOwnStatus: return StaffRole::kStylist;
    case Right::kBook:
    case Right::kManageClients:
    case Right::kCheckout: return StaffRole::kFrontDesk;
    case Right::kCorrectSales:
    case Right::kEditCatalog:
    case Right::kCampaigns: return StaffRole::kManager;
    case Right::kManageSalon: return StaffRole::kOwner;
  }
  return StaffRole::kOwner;
}

bool Allows(StaffRole role, Right right) { return role >= LeastRoleFor(right); }

}  // namespace salon
