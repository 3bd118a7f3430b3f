#include "ops/process_stats.h"

#include <unistd.h>

#include <fstream>

namespace salon {

double ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  long long size = 0, resident = 0;
  if (!(statm >> size >> resident)) return 0;
  return double(resident) * double(sysconf(_SC_PAGESIZE));
}

}  // namespace salon
