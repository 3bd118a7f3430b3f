// Facts about this process for /metrics.
#pragma once

namespace salon {

// Resident memory in bytes (from /proc/self/statm); 0 if unknown.
double ResidentBytes();
// File descriptors open now (the entries of /proc/self/fd); 0 if unknown.
double OpenFds();
// The soft limit on open file descriptors (RLIMIT_NOFILE); 0 if unlimited or unknown.
double MaxFds();
// Threads of this process (from /proc/self/stat); 0 if unknown.
double Threads();

}  // namespace salon
