// Names the calling thread, as `top -H`, `perf` and /proc/<pid>/task/*/comm
// show it, so that an operator sees which part of salond is busy. Linux
// keeps the first 15 characters.
#pragma once

#include <string>
#include <string_view>
#include <thread>
#include <utility>

namespace salon {

void NameThisThread(std::string_view name);

// A thread that names itself `name`, then runs `fn`.
template <typename Fn>
std::thread NamedThread(std::string name, Fn fn) {
  return std::thread([name = std::move(name), fn = std::move(fn)]() mutable {
    NameThisThread(name);
    fn();
  });
}

}  // namespace salon
