#include "core/staff.h"

#include <algorithm>

namespace salon {

bool Staff::Offers(const ServiceId& service) const {
  return std::find(service_ids.begin(), service_ids.end(), service) !=
         service_ids.end();
}

}  // namespace salon
