// The platform admin key: given by configuration, or else the one kept in
// the data directory, or else a new one, stored there (mode 0600).
#pragma once

#include <string>

#include "base/clock.h"

namespace salon {

struct AdminKey {
  std::string key;
  bool generated = false;  // true the one time it was made
};

AdminKey ResolveAdminKey(const std::string& given, const std::string& data_dir, IdSource& ids);

}  // namespace salon
