// salonctl seed --salons N: the standard workload's salons in bulk, for load tests.
#pragma once

#include <string>

#include "server/node.h"
#include "tools/salonctl/bulk_seed.h"

namespace salon {

// Seeds `plan` (fitted to the free disk of `data_dir`), writing the salons
// for salon-load to `out_path`; reports on stdout. Answers the exit status.
int RunSeed(Node& node, SeedPlan plan, const std::string& data_dir, const std::string& out_path);

}  // namespace salon
