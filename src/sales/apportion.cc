#include "sales/apportion.h"

#include <algorithm>
#include <cstddef>
#include <numeric>

namespace salon {

std::vector<std::int64_t> Apportion(std::int64_t total, const std::vector<std::int64_t>& weights) {
  std::vector<std::int64_t> shares(weights.size(), 0);
  // 128 bits: the sum of up to 2^63 int64 weights, and total × weight.
  __int128 sum = 0;
  for (std::int64_t w : weights) sum += w;
  if (sum == 0 || total == 0) return shares;
  std::vector<__int128> remainders(weights.size(), 0);
  __int128 given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const __int128 scaled = static_cast<__int128>(total) * weights[i];
    shares[i] = static_cast<std::int64_t>(scaled / sum);
    remainders[i] = scaled % sum;
    given += shares[i];
  }
  // The remainders sum to (total − given) × sum, each below sum: more parts
  // have one than there are units left, so every unit finds a part.
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  for (std::size_t k = 0; given < total; ++k, ++given) ++shares[order[k]];
  return shares;
}

}  // namespace salon
