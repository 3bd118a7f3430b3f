// Names the calling thread, as `top -H`, `perf` and /proc/<pid>/task/*/comm
// show it, so that an operator sees which part of salond is busy. Linux
// keeps the first 15 characters.
#pragma once

#include <string_view>

namespace salon {

void NameThisThread(std::string_view name);

}  // namespace salon
