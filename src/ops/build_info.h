// What this binary was built from, for salon_build_info on /metrics.
#pragma once

#include <string_view>

namespace salon {

// CMake's project version (CMakeLists.txt), e.g. "0.1.0".
std::string_view BuildVersion();
// `git rev-parse --short HEAD` when CMake configured the build; "unknown"
// outside a git checkout. Only hex digits or "unknown".
std::string_view BuildCommit();

}  // namespace salon
