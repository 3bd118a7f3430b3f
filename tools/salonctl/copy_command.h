// salonctl copy: moves a platform between stores with a progress bar, and
// verifies the counts. Safe to run again.
#pragma once

#include <string>

namespace salon {

// Answers the process exit code.
int RunCopy(const std::string& from, const std::string& to);

}  // namespace salon
