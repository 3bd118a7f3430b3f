#include "ops/process_stats.h"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace salon {

double ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  long long size = 0, resident = 0;
  if (!(statm >> size >> resident)) return 0;
  return double(resident) * double(sysconf(_SC_PAGESIZE));
}

double OpenFds() {
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return 0;
  long long n = 0;
  while (const dirent* e = readdir(dir)) {
    if (e->d_name[0] != '.') ++n;
  }
  closedir(dir);
  return double(n > 0 ? n - 1 : 0);  // not the descriptor reading the directory
}

double MaxFds() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 0;
  return double(limit.rlim_cur);
}

double Threads() {
  // /proc/self/stat: pid (comm) state … with num_threads the 20th field; comm
  // may hold spaces and parentheses, so count from the last ')'.
  std::ifstream stat("/proc/self/stat");
  std::string line;
  if (!std::getline(stat, line)) return 0;
  const auto close = line.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream rest(line.substr(close + 1));
  std::string field;
  for (int i = 3; i <= 20; ++i) {  // fields 3 (state) … 20 (num_threads)
    if (!(rest >> field)) return 0;
  }
  try {
    return std::stod(field);
  } catch (...) {
    return 0;
  }
}

}  // namespace salon
