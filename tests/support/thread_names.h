// The names a process's threads go by (what `top -H` shows), each with how
// many threads have it.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace salon::testing {

// Of process `pid`, or of this process when 0.
inline std::map<std::string, int> ThreadNames(pid_t pid = 0) {
  const std::string proc = pid == 0 ? "/proc/self" : "/proc/" + std::to_string(pid);
  std::map<std::string, int> names;
  for (const auto& task : std::filesystem::directory_iterator(proc + "/task")) {
    std::ifstream comm(task.path() / "comm");
    std::string name;
    if (std::getline(comm, name)) ++names[name];
  }
  return names;
}

}  // namespace salon::testing
