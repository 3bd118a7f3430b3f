// One page of a list, and how it is asked for: lists are ordered by id and
// continue after a cursor (the last id of the previous page).
#pragma once

#include <string>
#include <vector>

namespace salon {

struct PageRequest {
  int limit = 50;     // 1–500
  std::string after;  // the cursor: ids greater than this
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next;  // empty: no more
};

}  // namespace salon
