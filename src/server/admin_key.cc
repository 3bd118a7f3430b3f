#include "server/admin_key.h"

#include <filesystem>
#include <fstream>

#include "base/private_files.h"

namespace salon {

AdminKey ResolveAdminKey(const std::string& given, const std::string& data_dir,
                         IdSource& ids) {
  if (!given.empty()) return {given, false};
  const auto path = std::filesystem::path(data_dir) / "admin.key";
  std::string key;
  if (std::ifstream in(path); in >> key && !key.empty()) return {key, false};
  key = "ak_" + ids.NewSecret(24);
  EnsurePrivateDirectory(data_dir);
  WritePrivateFile(path, key + "\n");
  return {key, true};
}

}  // namespace salon
