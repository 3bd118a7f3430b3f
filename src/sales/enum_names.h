// The text forms of an enum kept as one table of (value, name) pairs, read
// both ways. Pure; thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace salon {

template <typename E, std::size_t N>
using EnumNames = std::array<std::pair<E, const char*>, N>;

// The name of `e` in `names`; the first name when `e` has none.
template <typename E, std::size_t N>
const char* NameIn(const EnumNames<E, N>& names, E e) {
  for (const auto& [value, name] : names) {
    if (value == e) return name;
  }
  return names.front().second;
}

// The value named `text` in `names`, if any.
template <typename E, std::size_t N>
std::optional<E> ValueIn(const EnumNames<E, N>& names, std::string_view text) {
  for (const auto& [value, name] : names) {
    if (text == name) return value;
  }
  return std::nullopt;
}

}  // namespace salon
