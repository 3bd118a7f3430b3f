#include "core/staff.h"

#include <algorithm>

namespace salon {

void ShareServiceLists(std::vector<Staff>& staff) {
  std::vector<const ServiceIdList*> distinct;
  for (Staff& s : staff) {
    auto same = std::find_if(distinct.begin(), distinct.end(),
                             [&](const ServiceIdList* d) { return *d == s.service_ids; });
    if (same == distinct.end()) {
      distinct.push_back(&s.service_ids);
    } else {
      s.service_ids = **same;
    }
  }
}

}  // namespace salon
