// ServiceIdList: the services a staff member performs, as an immutable list
// that copies share. A branch's staff with equal lists can hold one between
// them (ShareServiceLists): fewer bytes for each branch a node keeps.
#pragma once

#include <algorithm>
#include <initializer_list>
#include <memory>
#include <vector>

#include "base/ids.h"

namespace salon {

class ServiceIdList {
 public:
  using const_iterator = std::vector<ServiceId>::const_iterator;
  ServiceIdList() = default;
  ServiceIdList(std::vector<ServiceId> ids)  // NOLINT(google-explicit-constructor)
      : ids_(ids.empty() ? nullptr
                         : std::make_shared<const std::vector<ServiceId>>(std::move(ids))) {}
  ServiceIdList(std::initializer_list<ServiceId> ids)
      : ServiceIdList(std::vector<ServiceId>(ids)) {}

  const std::vector<ServiceId>& ids() const { return ids_ ? *ids_ : Empty(); }
  const_iterator begin() const { return ids().begin(); }
  const_iterator end() const { return ids().end(); }
  std::size_t size() const { return ids().size(); }
  bool empty() const { return ids().empty(); }
  bool Contains(const ServiceId& id) const { return std::find(begin(), end(), id) != end(); }
  // This list and `id` after it, as a new list.
  ServiceIdList With(const ServiceId& id) const {
    std::vector<ServiceId> more = ids();
    more.push_back(id);
    return more;
  }
  // Whether both are one stored list, not merely equal ones.
  bool SharesWith(const ServiceIdList& other) const { return ids_ == other.ids_; }

  friend bool operator==(const ServiceIdList& a, const ServiceIdList& b) {
    return a.ids() == b.ids();
  }

 private:
  static const std::vector<ServiceId>& Empty() {
    static const std::vector<ServiceId> empty;
    return empty;
  }
  std::shared_ptr<const std::vector<ServiceId>> ids_;
};

}  // namespace salon
