// Facts about this process for /metrics.
#pragma once

namespace salon {

// Resident memory in bytes (from /proc/self/statm); 0 if unknown.
double ResidentBytes();

}  // namespace salon
