#include "server/admin_key.h"

#include <filesystem>
#include <fstream>

namespace salon {

AdminKey ResolveAdminKey(const std::string& given, const std::string& data_dir,
                         IdSource& ids) {
  if (!given.empty()) return {given, false};
  const auto path = std::filesystem::path(data_dir) / "admin.key";
  std::string key;
  if (std::ifstream in(path); in >> key && !key.empty()) return {key, false};
  key = "ak_" + ids.NewSecret(24);
  std::filesystem::create_directories(data_dir);
  {
    std::ofstream out(path);
    out << key << "\n";
  }
  std::filesystem::permissions(path, std::filesystem::perms::owner_read |
                                         std::filesystem::perms::owner_write);
  return {key, true};
}

}  // namespace salon
