#include "base/thread_name.h"

#include <pthread.h>

#include <algorithm>
#include <cstring>

namespace salon {

void NameThisThread(std::string_view name) {
  char kept[16] = {};
  std::memcpy(kept, name.data(), std::min(name.size(), sizeof kept - 1));
  pthread_setname_np(pthread_self(), kept);
}

}  // namespace salon
