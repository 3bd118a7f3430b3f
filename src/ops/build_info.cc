#include "ops/build_info.h"

// Defined for this file only by src/ops/CMakeLists.txt.
#ifndef SALON_VERSION
#define SALON_VERSION "unknown"
#endif
#ifndef SALON_COMMIT
#define SALON_COMMIT "unknown"
#endif

namespace salon {

std::string_view BuildVersion() { return SALON_VERSION; }
std::string_view BuildCommit() { return SALON_COMMIT; }

}  // namespace salon
